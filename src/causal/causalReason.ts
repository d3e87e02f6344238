// The causal reason behind a user's recommendations: which of the user's behavior variables are causes of the outcome
// on the analyst's current graph (ancestors along directed edges), which only possibly are (a path through an edge the
// data left undirected), and which are merely correlates (associated with the outcome in the data, yet no path leads
// from them to it). Each comes with this user's value, the population median and the correlation with the outcome, so
// the words built from it (ui/components/causalReason/causalReasonText.ts) rest on figures shown beside them.
import { correlationMatrix } from '../lib/linalg';
import { fail, ok, type Result } from '../lib/result';
import { quantile, twoSidedP } from '../lib/stats';
import { fisherZ } from './ci';
import { ancestors, directedPath, type Dag } from './graph';
import type { DataTable } from './table';

/** A graph as the Causal view shows it: an edge PC could not orient is stored one way but flagged `undirected`. */
export interface ReasonGraph {
  readonly nodes: readonly string[];
  readonly edges: readonly { from: string; to: string; undirected?: boolean }[];
}

/**
 * The graph the Causal view draws: the analyst's DAG, with an edge undirected where discovery left that pair unoriented
 * (matched either way round, as the graph panel draws it, so a reversal does not by itself settle the direction).
 */
export function reasonGraph(dag: Dag, discovered: readonly { from: string; to: string; directed: boolean }[]): ReasonGraph {
  const unoriented = (e: { from: string; to: string }) =>
    discovered.some((d) => !d.directed && ((d.from === e.from && d.to === e.to) || (d.from === e.to && d.to === e.from)));
  return { nodes: dag.nodes, edges: dag.edges.map((e) => ({ from: e.from, to: e.to, undirected: unoriented(e) })) };
}

/** Outcome variables, most wanted first: the demo's purchase, a funnel log's purchase count, a rating log's rating level. */
const OUTCOMES = ['purchased', 'n_purchase', 'rating_mean'];

/** The outcome the reason is read for: the one the analyst last estimated an effect on, else a known outcome, else the last node. */
export function defaultOutcome(nodes: readonly string[], lastEffectOutcome?: string | null): string | undefined {
  if (lastEffectOutcome && nodes.includes(lastEffectOutcome)) return lastEffectOutcome;
  return OUTCOMES.find((o) => nodes.includes(o)) ?? nodes.at(-1);
}

/** How each step of a reason's path is joined in the graph: along a directed edge, or through an undirected one. */
export function pathSteps(graph: ReasonGraph, path: readonly string[]): ('directed' | 'undirected')[] {
  return path
    .slice(1)
    .map((to, i) =>
      graph.edges.some((e) => e.undirected && ((e.from === path[i] && e.to === to) || (e.from === to && e.to === path[i])))
        ? 'undirected'
        : 'directed',
    );
}

export type ReasonRole = 'cause' | 'possibleCause' | 'correlate' | 'unrelated';

export interface BehaviorFigure {
  name: string;
  role: ReasonRole;
  /** This user's value and the median over every row of the table; null when the table lacks the variable or the user. */
  value: number | null;
  median: number | null;
  /** Pearson correlation with the outcome over all rows and its Fisher-z 95% CI; null for a constant column. */
  r: number | null;
  ci95: [number, number] | null;
  pValue: number | null;
  /** The CI of r excludes 0. */
  associated: boolean;
  /** Causes: a directed path to the outcome; possible causes: a path through directed and undirected edges. */
  path: string[] | null;
}

export interface CausalReason {
  outcome: string;
  /** Rows the correlations and medians are computed over. */
  rows: number;
  causes: BehaviorFigure[];
  possibleCauses: BehaviorFigure[];
  correlates: BehaviorFigure[];
  /** Neither an ancestor nor associated with the outcome. */
  unrelated: BehaviorFigure[];
}

const Z95 = 1.959963984540054;

/**
 * Classifies every node of `graph` but the outcome. `row` is this user's row of `table` (null when the user has none):
 * the graph decides cause or not; the data only decide whether a non-cause is a correlate.
 */
export function causalReason(graph: ReasonGraph, table: DataTable, row: number | null, outcome: string): Result<CausalReason> {
  if (!graph.nodes.includes(outcome)) return fail(`the graph has no node "${outcome}"`);
  const n = table.columns[0]?.length ?? 0;
  if (row !== null && (!Number.isInteger(row) || row < 0 || row >= n)) return fail(`row ${row} is outside the table's ${n} rows`);
  const directed: Dag = { nodes: graph.nodes, edges: graph.edges.filter((e) => !e.undirected) };
  // An undirected edge may point either way, so it is walked both ways: a possibly directed path (Perković et al. 2017).
  const possible: Dag = {
    nodes: graph.nodes,
    edges: graph.edges.flatMap((e) => (e.undirected ? [e, { from: e.to, to: e.from }] : [e])),
  };
  const causeSet = ancestors(directed, [outcome]);
  const possibleSet = ancestors(possible, [outcome]);
  const y = column(table, outcome);
  const out: CausalReason = { outcome, rows: n, causes: [], possibleCauses: [], correlates: [], unrelated: [] };
  for (const name of graph.nodes) {
    if (name === outcome) continue;
    const x = column(table, name);
    const assoc = x && y ? association(x, y) : null;
    const role: ReasonRole = causeSet.has(name)
      ? 'cause'
      : possibleSet.has(name)
        ? 'possibleCause'
        : assoc?.associated
          ? 'correlate'
          : 'unrelated';
    const path =
      role === 'cause' ? directedPath(directed, name, outcome) : role === 'possibleCause' ? directedPath(possible, name, outcome) : null;
    const figure: BehaviorFigure = {
      name,
      role,
      value: x && row !== null ? x[row] : null,
      median: x && n ? quantile(Array.from(x), 0.5) : null,
      r: assoc?.r ?? null,
      ci95: assoc?.ci95 ?? null,
      pValue: assoc?.pValue ?? null,
      associated: assoc?.associated ?? false,
      path,
    };
    ({ cause: out.causes, possibleCause: out.possibleCauses, correlate: out.correlates, unrelated: out.unrelated })[role].push(figure);
  }
  return ok(out);
}

function column(table: DataTable, name: string): Float64Array | null {
  const j = table.names.indexOf(name);
  return j < 0 ? null : table.columns[j];
}

/** Pearson r with a Fisher-z CI; null when either column is constant (no correlation is defined) or n < 4. */
function association(x: Float64Array, y: Float64Array): { r: number; ci95: [number, number]; pValue: number; associated: boolean } | null {
  const n = x.length;
  if (n < 4 || isConstant(x) || isConstant(y)) return null;
  const r = correlationMatrix([x, y])[0][1];
  const z = fisherZ(r, n, 0) / Math.sqrt(n - 3);
  const half = Z95 / Math.sqrt(n - 3);
  const ci95: [number, number] = [Math.tanh(z - half), Math.tanh(z + half)];
  return { r, ci95, pValue: twoSidedP(fisherZ(r, n, 0)), associated: ci95[0] > 0 || ci95[1] < 0 };
}

const isConstant = (c: Float64Array) => c.every((v) => v === c[0]);

/** What the app asks the ML worker for: one user (by id) of a dataset, on the graph the Causal view holds. */
export interface CausalReasonRequest {
  datasetId: string;
  user: string;
  graph: ReasonGraph;
  outcome: string;
}
