// Bootstrap stability of discovered edges: rerun discovery on seeded resamples and count how often each edge appears.
import { resampler } from '../lib/bootstrap';
import { fail, ok, type Result } from '../lib/result';
import { rowCount, takeRows, type DataTable } from './table';

export interface FoundEdge {
  from: string;
  to: string;
  directed: boolean;
}

export interface EdgeStability {
  from: string;
  to: string;
  /** Share of resamples with the two variables adjacent (any orientation). */
  adjacency: number;
  /** Share of resamples with exactly from→to (from is the majority direction). */
  direction: number;
  /** Share with to→from. */
  reverse: number;
}

/**
 * `discover` is any algorithm (PC, NOTEARS) mapping a table to edges. Undirected edges count for adjacency only.
 * Returns one entry per pair ever adjacent, sorted by adjacency frequency.
 */
export async function bootstrapEdges(
  table: DataTable,
  discover: (t: DataTable) => Promise<Result<FoundEdge[]>> | Result<FoundEdge[]>,
  resamples: number,
  seed: number,
): Promise<Result<EdgeStability[]>> {
  const n = rowCount(table);
  const draw = resampler(n, seed);
  const adj = new Map<string, number>();
  const dir = new Map<string, number>();
  let done = 0;
  for (let b = 0; b < resamples; b++) {
    const r = await discover(takeRows(table, draw()));
    if (!r.ok) continue; // a resample can make a variable constant; it simply does not vote
    done++;
    for (const e of r.data) {
      const k = [e.from, e.to].sort().join('\u0000');
      adj.set(k, (adj.get(k) ?? 0) + 1);
      if (e.directed) dir.set(`${e.from}\u0000${e.to}`, (dir.get(`${e.from}\u0000${e.to}`) ?? 0) + 1);
    }
  }
  if (!done) return fail(`discovery failed on all ${resamples} resamples`);
  const out: EdgeStability[] = [];
  for (const [k, count] of adj) {
    const [a, b] = k.split('\u0000');
    const ab = dir.get(`${a}\u0000${b}`) ?? 0,
      ba = dir.get(`${b}\u0000${a}`) ?? 0;
    const [from, to] = ab >= ba ? [a, b] : [b, a];
    out.push({ from, to, adjacency: count / done, direction: Math.max(ab, ba) / done, reverse: Math.min(ab, ba) / done });
  }
  return ok(out.sort((x, y) => y.adjacency - x.adjacency || x.from.localeCompare(y.from) || x.to.localeCompare(y.to)));
}

/** Stability of one edge as learned: its adjacency share when undirected, its direction share when directed. */
export function stabilityOf(stab: readonly EdgeStability[], e: FoundEdge): number {
  const s = stab.find((x) => (x.from === e.from && x.to === e.to) || (x.from === e.to && x.to === e.from));
  if (!s) return 0;
  if (!e.directed) return s.adjacency;
  return s.from === e.from ? s.direction : s.reverse;
}
