// The causal pipeline, once for every shell: discover (algorithm + bootstrap stability + truth) and effect
// (back-door set → estimators → refutations). The CLI calls it directly; the ML worker's CausalService forwards to it.
import { progressTracker, throwIfAborted, yieldToEvents, type Progress } from '../lib/progress';
import { fail, ok, type Result } from '../lib/result';
import { compareGraphs } from './compare';
import { DISCOVERY_ALGORITHMS, isDiscoveryAlgo } from './discovery';
import { findAdjustmentSet } from './dsep';
import { estimateEffect } from './estimate';
import { effectSensitivity } from './evalue';
import { dagFromEdges, type Dag, type DirectedEdge } from './graph';
import type { BackgroundKnowledge } from './knowledge';
import type { NotearsEngine } from './notears';
import { runPc } from './pc';
import type { DiscoveredEdge, DiscoverOptions, DiscoverResult, EffectOptions, EffectResult } from './pipelineTypes';
import { refuteAll } from './refute';
import { bootstrapEdges, stabilityOf } from './stability';
import { column, selectVariables, type DataTable } from './table';
import { timeOrderViolations } from './timeOrder';
import { splitTreatment, type TreatmentSplit } from './treatmentSplit';
import { std } from '../lib/stats';

export type * from './pipelineTypes';

export interface DiscoverContext {
  onProgress?: (p: Progress) => void;
  signal?: AbortSignal;
  /** TF.js covariance and objective for NOTEARS (ml/causal/notears.ts); without it NOTEARS runs in float64 JS. */
  engine?: NotearsEngine;
  /** The true graph when known: the result then compares against its edges among the variables used. */
  truth?: readonly DirectedEdge[] | null;
}

/** Tiers, required and forbidden edges of a request as background knowledge (undefined when it gives none). */
export function knowledgeOf(o: Pick<DiscoverOptions, 'tiers' | 'required' | 'forbidden'>): BackgroundKnowledge | undefined {
  if (!o.tiers?.length && !o.required?.length && !o.forbidden?.length) return undefined;
  return { tiers: o.tiers?.length ? o.tiers : undefined, required: o.required, forbidden: o.forbidden };
}

/**
 * Learns a graph on `table` (or its `options.variables`) with the requested algorithm, then, with `bootstrap` > 0,
 * how often seeded resamples find each edge. Data problems come back as a failed Result; a cancel throws AbortError.
 */
export async function discover(table: DataTable, options: DiscoverOptions, ctx: DiscoverContext = {}): Promise<Result<DiscoverResult>> {
  const started = performance.now();
  const picked = options.variables?.length ? selectVariables(table, options.variables) : ok(table);
  if (!picked.ok) return picked;
  const t = picked.data;
  const key = options.algo ?? 'pc';
  if (!isDiscoveryAlgo(key)) return fail(`unknown discovery algorithm "${String(key)}"`);
  const algo = DISCOVERY_ALGORITHMS[key];
  const base = { knowledge: knowledgeOf(options), engine: ctx.engine, signal: ctx.signal };
  const fitTrack = progressTracker(algo.progress.label, algo.progress.unit, null);
  ctx.onProgress?.(fitTrack(0));
  const fit = await algo.run(t, options, { ...base, onStep: (n) => ctx.onProgress?.(fitTrack(n)) });
  if (!fit.ok) return fit;
  const track = progressTracker('Bootstrap resamples', 'resamples', options.bootstrap);
  let done = 0;
  const stability =
    options.bootstrap > 0
      ? await bootstrapEdges(
          t,
          async (resample) => {
            await yieldToEvents();
            throwIfAborted(ctx.signal);
            ctx.onProgress?.(track(++done));
            const r = await algo.run(resample, options, base);
            return r.ok ? ok(r.data.edges) : r;
          },
          options.bootstrap,
          options.seed,
        )
      : null;
  if (stability && !stability.ok) return stability;
  const edges = fit.data.edges.map((e): DiscoveredEdge => {
    if (!stability) return { ...e };
    const s = stability.data.find((x) => (x.from === e.from && x.to === e.to) || (x.from === e.to && x.to === e.from));
    return { ...e, stability: s?.adjacency ?? 0, directionStability: s ? stabilityOf(stability.data, e) : 0 };
  });
  const truth = ctx.truth
    ? compareGraphs(
        edges,
        ctx.truth.filter((e) => t.names.includes(e.from) && t.names.includes(e.to)),
      )
    : null;
  const seconds = (performance.now() - started) / 1000;
  const timeOrder = options.timeOrder?.map((tier) => tier.filter((v) => t.names.includes(v))).filter((tier) => tier.length) ?? null;
  const against = timeOrderViolations(
    edges.filter((e) => e.directed),
    timeOrder,
  );
  for (const v of against) edges.find((e) => e.from === v.from && e.to === v.to)!.againstTimeOrder = true;
  // Flagged on the edges only: each shell words it (the CLI in its warnings, the app in en/zh beside the graph).
  return ok({ variables: [...t.names], algo: key, edges, tests: fit.data.work, seconds, truth, warnings: fit.data.warnings, timeOrder });
}

/** Null when the table has every variable named, else why not. */
export function missingVariable(table: DataTable, names: readonly string[]): string | null {
  const missing = names.find((v) => !table.names.includes(v));
  return missing === undefined ? null : `unknown variable ${missing}; the data has ${table.names.join(', ')}`;
}

/**
 * The effect of `treatment` on `outcome` under `graph`: the back-door set among the table's (observed) variables,
 * every registered estimator with bootstrap CIs, and the refutations of the AIPW estimate. With `threshold` the
 * treatment is split there first (treatmentSplit.ts).
 */
export function effect(table: DataTable, graph: Pick<Dag, 'nodes' | 'edges'>, o: EffectOptions): EffectResult {
  const missing = missingVariable(table, [o.treatment, o.outcome]);
  if (missing) return { ok: false, reason: missing };
  const dag = dagFromEdges(graph.nodes, graph.edges);
  if (!dag.ok) return dag;
  const adjustment = findAdjustmentSet(dag.data, o.treatment, o.outcome, { observed: table.names });
  if (!adjustment.ok) return adjustment;
  // A continuous treatment is split at the analyst's threshold; the estimators and refutations see the 0/1 column.
  let treatment = column(table, o.treatment);
  let split: TreatmentSplit | null = null;
  if (o.threshold !== undefined && o.threshold !== null) {
    const s = splitTreatment(o.treatment, treatment, o.threshold);
    if (!s.ok) return s;
    treatment = s.data.column;
    split = s.data.split;
  }
  const data = {
    treatment,
    outcome: column(table, o.outcome),
    covariates: adjustment.data.set.map((v) => column(table, v)),
  };
  const estimates = estimateEffect(data, { bootstrap: o.bootstrap, seed: o.seed });
  if (!estimates.ok) return estimates;
  const [lo, hi] = estimates.data.aipw.ci95;
  const refutations = refuteAll(data, estimates.data.aipw.ate, { seed: o.seed, standardError: (hi - lo) / (2 * 1.96) });
  const binary = table.kinds[table.names.indexOf(o.outcome)] === 'binary';
  const sensitivity = effectSensitivity(estimates.data.aipw, estimates.data.whatIf.control.ate, { binary, sd: std(data.outcome) });
  return {
    ok: true,
    adjustmentSet: adjustment.data.set,
    causalPathExists: adjustment.data.causalPathExists,
    estimates: estimates.data,
    refutations,
    sensitivity,
    ...(split ? { split } : {}),
  };
}

/**
 * A DAG from the data when the analyst gives none: PC's graph with its undirected edges oriented by column order (one
 * member of the equivalence class, which `source` says, since the adjustment set can depend on that choice).
 */
export function graphFromData(
  table: DataTable,
  alpha: number,
  knowledge?: BackgroundKnowledge,
): Result<{ graph: Dag; source: string; warnings: string[] }> {
  const pc = runPc(table, { alpha, knowledge });
  if (!pc.ok) return pc;
  const order = (v: string) => table.names.indexOf(v);
  const edges = pc.data.edges.map((e) => (e.directed || order(e.from) < order(e.to) ? e : { ...e, from: e.to, to: e.from }));
  const graph = dagFromEdges(table.names, edges);
  if (!graph.ok) return graph;
  const undirected = pc.data.edges.filter((e) => !e.directed).length;
  return ok({
    graph: graph.data,
    source: `PC (alpha ${alpha}) on the data; ${undirected} undirected edge(s) oriented by column order`,
    warnings: pc.data.warnings,
  });
}
