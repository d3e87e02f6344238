// d-separation (reachability / Bayes-ball) and back-door adjustment sets on a Dag.
import { fail, ok, type Result } from '../lib/result';
import { ancestors, children, descendants, directedPath, parents, type Dag } from './graph';

/**
 * True when every path between a node of xs and a node of ys is blocked by zs (Koller & Friedman, Alg. 3.1):
 * walk (node, direction) pairs; a collider passes only when it or a descendant is in zs.
 */
export function dSeparated(g: Dag, xs: readonly string[], ys: readonly string[], zs: readonly string[]): boolean {
  const z = new Set(zs);
  const anZ = ancestors(g, zs);
  const targets = new Set(ys);
  // 'up': reached from a child (travelling against the arrow); 'down': reached from a parent.
  const visited = new Set<string>();
  const stack: [string, 'up' | 'down'][] = xs.map((x) => [x, 'up']);
  while (stack.length) {
    const [v, dir] = stack.pop()!;
    const key = `${dir}:${v}`;
    if (visited.has(key)) continue;
    visited.add(key);
    if (!z.has(v) && targets.has(v)) return false;
    if (dir === 'up' && !z.has(v)) {
      for (const p of parents(g, v)) stack.push([p, 'up']);
      for (const c of children(g, v)) stack.push([c, 'down']);
    } else if (dir === 'down') {
      if (!z.has(v)) for (const c of children(g, v)) stack.push([c, 'down']);
      if (anZ.has(v)) for (const p of parents(g, v)) stack.push([p, 'up']);
    }
  }
  return true;
}

/** The graph without the edges out of x: back-door paths are exactly the x–y paths left in it. */
const withoutOutEdges = (g: Dag, x: string): Dag => ({ nodes: g.nodes, edges: g.edges.filter((e) => e.from !== x) });

/** Pearl's back-door criterion: no descendant of x in zs, and zs blocks every path into x. */
export function isBackdoorSet(g: Dag, x: string, y: string, zs: readonly string[]): boolean {
  const de = descendants(g, [x]);
  if (zs.some((z) => de.has(z) || z === y)) return false;
  return dSeparated(withoutOutEdges(g, x), [x], [y], zs);
}

export interface AdjustmentOptions {
  /** Variables that may be adjusted for (measured); default every node. */
  observed?: readonly string[];
}

export interface AdjustmentSet {
  set: string[];
  /** False when x has no directed path to y: the graph says the effect is zero (the set still gives unbiased estimates). */
  causalPathExists: boolean;
}

/**
 * A minimal back-door set. Start from the observed ancestors of {x, y} that are not descendants of x — valid
 * whenever any valid observed set exists (Tian, Paz & Pearl 1998) — then drop members one at a time while the set
 * stays valid, so no proper subset of the result is valid. When even the start set fails, say which path stays open.
 */
export function findAdjustmentSet(g: Dag, x: string, y: string, options: AdjustmentOptions = {}): Result<AdjustmentSet> {
  const missing = [x, y].filter((v) => !g.nodes.includes(v));
  if (missing.length) return fail(`the graph has no node ${missing.join(', ')} (nodes: ${g.nodes.join(', ')})`);
  if (x === y) return fail('treatment and outcome are the same variable');
  if (directedPath(g, y, x))
    return fail(`${y} is an ancestor of ${x} (${directedPath(g, y, x)!.join(' → ')}): ${x} cannot affect ${y} in this graph`);
  const observed = new Set(options.observed ?? g.nodes);
  const de = descendants(g, [x]);
  const start = [...ancestors(g, [x, y])]
    .filter((v) => v !== x && v !== y && !de.has(v) && observed.has(v))
    .sort((a, b) => g.nodes.indexOf(a) - g.nodes.indexOf(b));
  if (!isBackdoorSet(g, x, y, start)) {
    const open = [...parents(g, x)].filter((p) => !observed.has(p));
    return fail(
      `no valid back-door adjustment set among the observed variables: a back-door path from ${x} to ${y} stays open` +
        (open.length ? ` through unobserved parent(s) ${open.join(', ')}` : ''),
    );
  }
  const set = [...start];
  // Try dropping the variables farthest from x first (later in node order), keeping direct confounders longest.
  for (let k = set.length - 1; k >= 0; k--) {
    const without = set.filter((_, i) => i !== k);
    if (isBackdoorSet(g, x, y, without)) set.splice(k, 1);
  }
  return ok({ set, causalPathExists: directedPath(g, x, y) !== null });
}
