// Causal DAGs by variable name: editing that refuses cycles (naming them), ancestry, and JSON/DOT export.
import { fail, ok, type Result } from '../lib/result';

export interface DirectedEdge {
  from: string;
  to: string;
  /** Optional strength (a NOTEARS weight, a bootstrap frequency …), carried through export. */
  weight?: number;
}

/** Immutable: every edit returns a new Dag, so a UI can keep history and a failed edit leaves the graph as it was. */
export interface Dag {
  readonly nodes: readonly string[];
  readonly edges: readonly DirectedEdge[];
}

export const emptyDag = (nodes: readonly string[]): Dag => ({ nodes: [...nodes], edges: [] });

export const hasEdge = (g: Dag, from: string, to: string): boolean => g.edges.some((e) => e.from === from && e.to === to);
export const parents = (g: Dag, v: string): string[] => g.edges.filter((e) => e.to === v).map((e) => e.from);
export const children = (g: Dag, v: string): string[] => g.edges.filter((e) => e.from === v).map((e) => e.to);

/** A directed path from `from` to `to` (node list), or null. */
export function directedPath(g: Dag, from: string, to: string): string[] | null {
  const prev = new Map<string, string>([[from, '']]);
  const queue = [from];
  while (queue.length) {
    const v = queue.shift()!;
    if (v === to) {
      const path = [v];
      for (let p = prev.get(v)!; p; p = prev.get(p)!) path.unshift(p);
      return path;
    }
    for (const c of children(g, v)) {
      if (prev.has(c)) continue;
      prev.set(c, v);
      queue.push(c);
    }
  }
  return null;
}

export function addEdge(g: Dag, from: string, to: string, weight?: number): Result<Dag> {
  const missing = [from, to].filter((v) => !g.nodes.includes(v));
  if (missing.length) return fail(`unknown node(s) ${missing.join(', ')}`);
  if (from === to) return fail(`a self-loop ${from}→${from} is a cycle`);
  if (hasEdge(g, from, to)) return fail(`edge ${from}→${to} already exists`);
  const back = directedPath(g, to, from);
  if (back) return fail(`adding ${from}→${to} would create the cycle ${[from, ...back].join(' → ')}`);
  return ok({ nodes: g.nodes, edges: [...g.edges, weight === undefined ? { from, to } : { from, to, weight }] });
}

export function removeEdge(g: Dag, from: string, to: string): Result<Dag> {
  if (!hasEdge(g, from, to)) return fail(`there is no edge ${from}→${to}`);
  return ok({ nodes: g.nodes, edges: g.edges.filter((e) => !(e.from === from && e.to === to)) });
}

export function reverseEdge(g: Dag, from: string, to: string): Result<Dag> {
  const removed = removeEdge(g, from, to);
  if (!removed.ok) return removed;
  const weight = g.edges.find((e) => e.from === from && e.to === to)?.weight;
  return addEdge(removed.data, to, from, weight);
}

/** Builds a Dag from an edge list, refusing the first edge that would close a cycle. */
export function dagFromEdges(nodes: readonly string[], edges: readonly DirectedEdge[]): Result<Dag> {
  const all = [...nodes];
  for (const e of edges) for (const v of [e.from, e.to]) if (!all.includes(v)) all.push(v);
  let g = emptyDag(all);
  for (const e of edges) {
    if (hasEdge(g, e.from, e.to)) continue;
    const next = addEdge(g, e.from, e.to, e.weight);
    if (!next.ok) return next;
    g = next.data;
  }
  return ok(g);
}

export function isAcyclic(nodes: readonly string[], edges: readonly DirectedEdge[]): boolean {
  return dagFromEdges(nodes, edges).ok;
}

export function ancestors(g: Dag, vs: readonly string[]): Set<string> {
  return closure(g, vs, (v) => parents(g, v));
}

export function descendants(g: Dag, vs: readonly string[]): Set<string> {
  return closure(g, vs, (v) => children(g, v));
}

/** The set itself plus everything reachable by `step`. */
function closure(_g: Dag, start: readonly string[], step: (v: string) => string[]): Set<string> {
  const seen = new Set(start);
  const stack = [...start];
  while (stack.length) {
    for (const w of step(stack.pop()!)) {
      if (seen.has(w)) continue;
      seen.add(w);
      stack.push(w);
    }
  }
  return seen;
}

/** Nodes in an order where every parent comes before its children. */
export function topologicalOrder(g: Dag): string[] {
  const indeg = new Map(g.nodes.map((v) => [v, parents(g, v).length]));
  const queue = g.nodes.filter((v) => indeg.get(v) === 0);
  const out: string[] = [];
  while (queue.length) {
    const v = queue.shift()!;
    out.push(v);
    for (const c of children(g, v)) {
      indeg.set(c, indeg.get(c)! - 1);
      if (indeg.get(c) === 0) queue.push(c);
    }
  }
  return out;
}

export const toJson = (g: Dag): { nodes: string[]; edges: DirectedEdge[] } => ({
  nodes: [...g.nodes],
  edges: g.edges.map((e) => ({ ...e })),
});

/** Graphviz DOT; names are quoted so any variable name is safe. */
export function toDot(g: Dag, name = 'causal'): string {
  const q = (s: string) => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
  const lines = [`digraph ${q(name)} {`, ...g.nodes.map((v) => `  ${q(v)};`)];
  for (const e of g.edges) lines.push(`  ${q(e.from)} -> ${q(e.to)}${e.weight !== undefined ? ` [label=${q(e.weight.toFixed(3))}]` : ''};`);
  lines.push('}');
  return lines.join('\n') + '\n';
}

/**
 * Reads `{edges: [{from, to}]}` (RecLens's graph JSON, and the demo's truth.json) with optional `nodes`.
 * Validates shape and acyclicity; never trusts the file.
 */
export function parseGraphJson(text: string): Result<Dag> {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    return fail(`graph file is not JSON: ${(e as Error).message}`);
  }
  const obj = raw as { nodes?: unknown; edges?: unknown };
  if (!obj || typeof obj !== 'object' || !Array.isArray(obj.edges)) return fail('graph JSON needs an "edges" array of {from, to}');
  const edges: DirectedEdge[] = [];
  for (const [k, e] of (obj.edges as unknown[]).entries()) {
    const { from, to, weight } = (e ?? {}) as Record<string, unknown>;
    if (typeof from !== 'string' || typeof to !== 'string') return fail(`edges[${k}] needs string "from" and "to"`);
    edges.push(typeof weight === 'number' ? { from, to, weight } : { from, to });
  }
  const nodes = Array.isArray(obj.nodes) ? obj.nodes.filter((v): v is string => typeof v === 'string') : [];
  return dagFromEdges(nodes, edges);
}
