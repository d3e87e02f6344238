// Seeded linear-Gaussian SEMs for tests and benchmarks: a random DAG, its weights, and samples from it.
import { createRng } from '../lib/rng';
import type { DirectedEdge } from './graph';
import { makeTable, type DataTable } from './table';

export interface LinearSem {
  names: string[];
  /** Weighted edges, from earlier to later in `names` (which is a topological order). */
  edges: Required<DirectedEdge>[];
}

/**
 * Erdős–Rényi DAG with `expectedEdges` edges on average, weights uniform in ±[0.5, 2] (the NOTEARS paper's
 * setting). Names are x0…x{d-1} in a shuffled topological order, so the order of columns leaks nothing.
 */
export function randomLinearSem(d: number, expectedEdges: number, seed: number): LinearSem {
  const rng = createRng(seed);
  const order = rng.shuffle(Array.from({ length: d }, (_, i) => i));
  const p = Math.min(1, expectedEdges / ((d * (d - 1)) / 2));
  const edges: Required<DirectedEdge>[] = [];
  for (let a = 0; a < d; a++) {
    for (let b = a + 1; b < d; b++) {
      if (rng.next() >= p) continue;
      const w = (0.5 + 1.5 * rng.next()) * (rng.next() < 0.5 ? -1 : 1);
      edges.push({ from: `x${order[a]}`, to: `x${order[b]}`, weight: w });
    }
  }
  return { names: Array.from({ length: d }, (_, i) => `x${i}`), edges };
}

/** n rows of X = XW + E with standard normal E. */
export function sampleLinearSem(sem: LinearSem, n: number, seed: number): DataTable {
  const rng = createRng(seed);
  const index = new Map(sem.names.map((v, i) => [v, i]));
  const cols = sem.names.map(() => new Float64Array(n));
  const parentsOf = sem.names.map((v) => sem.edges.filter((e) => e.to === v).map((e) => ({ j: index.get(e.from)!, w: e.weight })));
  const order = topo(sem);
  for (let i = 0; i < n; i++) {
    for (const v of order) {
      let x = rng.normal();
      for (const { j, w } of parentsOf[v]) x += w * cols[j][i];
      cols[v][i] = x;
    }
  }
  return makeTable(sem.names, cols);
}

function topo(sem: LinearSem): number[] {
  const index = new Map(sem.names.map((v, i) => [v, i]));
  const indeg = sem.names.map((v) => sem.edges.filter((e) => e.to === v).length);
  const queue = indeg.flatMap((k, i) => (k === 0 ? [i] : []));
  const out: number[] = [];
  while (queue.length) {
    const v = queue.shift()!;
    out.push(v);
    for (const e of sem.edges) if (index.get(e.from) === v && --indeg[index.get(e.to)!] === 0) queue.push(index.get(e.to)!);
  }
  return out;
}
