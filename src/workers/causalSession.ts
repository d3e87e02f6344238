// Causal analysis in the ML worker: per-user variables from a log, PC or NOTEARS discovery with bootstrap stability,
// and effect estimates (regression, IPW, AIPW with CIs) with DoWhy-style refutations on the analyst's current graph.
import type { EventLog, ItemCatalog } from '../data/eventLog';
import { progressTracker, throwIfAborted, yieldToEvents, type Progress } from '../lib/progress';
import { ok, type Result } from '../lib/result';
import { buildVariables, DEFAULT_VARIABLES } from '../causal/variables';
import { column, selectVariables, type DataTable, type VariableKind } from '../causal/table';
import { runPc, type LearnedEdge } from '../causal/pc';
import { bootstrapEdges, stabilityOf } from '../causal/stability';
import { resolveKnowledge, type BackgroundKnowledge } from '../causal/knowledge';
import { createCiTester } from '../causal/ci';
import { notears, notearsEdges } from '../ml/causal/notears';
import { dagFromEdges, type DirectedEdge } from '../causal/graph';
import { findAdjustmentSet } from '../causal/dsep';
import { estimateEffect, type EffectEstimates } from '../causal/estimate';
import { refuteAll, type Refutation } from '../causal/refute';
import { compareGraphs, type Comparison } from '../causal/compare';

export interface CausalVariables {
  names: string[];
  kinds: VariableKind[];
  rows: number;
}

export interface DiscoverRequest {
  datasetId: string;
  unit: 'user' | 'session';
  variables: string[];
  /** PC (default) or NOTEARS. */
  algo?: 'pc' | 'notears';
  alpha: number;
  /** NOTEARS: L1 penalty and the |weight| below which an edge is dropped. */
  lambda?: number;
  threshold?: number;
  /** NOTEARS: scale every variable to unit variance first (for variables on different scales, e.g. counts and 0/1). */
  standardize?: boolean;
  /** NOTEARS: evaluate the inner objective in float64 JavaScript (default) or with TF.js on the worker's backend. */
  inner?: 'float64' | 'tfjs';
  bootstrap: number;
  seed: number;
  /** Earlier-to-later tiers (e.g. exposure before purchase): no edge may point back to an earlier tier. */
  tiers?: string[][];
  /** Directed edges the analyst asserts, or rules out, as [from, to]. */
  required?: [string, string][];
  forbidden?: [string, string][];
}

/**
 * An edge with its evidence, plus how often bootstrap resamples found it. For NOTEARS the p-value and partial
 * correlation are those of the edge's two variables given the other parents of its head.
 */
export interface DiscoveredEdge extends LearnedEdge {
  /** NOTEARS's weight (the linear effect of `from` on `to`); absent for PC. */
  weight?: number;
  /** Share of bootstrap resamples with this adjacency / with this direction. */
  stability?: number;
  directionStability?: number;
}

export interface DiscoverResult {
  variables: string[];
  algo: 'pc' | 'notears';
  edges: DiscoveredEdge[];
  /** CI tests run (PC) or L-BFGS iterations (NOTEARS). */
  tests: number;
  seconds: number;
  /** Against the planted graph, when the dataset is the built-in demo. */
  truth: Comparison | null;
  /** What the method says about the data: collinear variables, by name (causal/dataChecks.ts). */
  warnings?: string[];
}

export interface EffectRequest {
  datasetId: string;
  unit: 'user' | 'session';
  nodes: string[];
  edges: DirectedEdge[];
  treatment: string;
  outcome: string;
  bootstrap: number;
  seed: number;
}

export type EffectResult =
  | { ok: true; adjustmentSet: string[]; causalPathExists: boolean; estimates: EffectEstimates; refutations: Refutation[] }
  | { ok: false; reason: string };

export class CausalSession {
  private readonly tables = new Map<string, DataTable>();

  constructor(private readonly source: (datasetId: string) => { log: EventLog; catalog: ItemCatalog | null; truthEdges: DirectedEdge[] | null }) {}

  table(datasetId: string, unit: 'user' | 'session'): DataTable {
    const key = `${datasetId}|${unit}`;
    let t = this.tables.get(key);
    if (!t) {
      const { log, catalog } = this.source(datasetId);
      const built = buildVariables(log, catalog, { unit, eventTypeCounts: true, recency: true, price: true });
      if (!built.ok) throw new Error(built.reason);
      t = built.data.table;
      this.tables.set(key, t);
    }
    return t;
  }

  variables(datasetId: string, unit: 'user' | 'session'): CausalVariables {
    const t = this.table(datasetId, unit);
    return { names: [...t.names], kinds: [...t.kinds], rows: t.columns[0]?.length ?? 0 };
  }

  async discover(req: DiscoverRequest, onProgress: (p: Progress) => void, signal?: AbortSignal): Promise<DiscoverResult> {
    const started = performance.now();
    const picked = selectVariables(this.table(req.datasetId, req.unit), req.variables.length ? req.variables : [...DEFAULT_VARIABLES]);
    if (!picked.ok) throw new Error(picked.reason);
    const table = picked.data;
    const algo = req.algo ?? 'pc';
    const knowledge: BackgroundKnowledge | undefined = req.tiers?.length || req.required?.length || req.forbidden?.length
      ? { tiers: req.tiers?.length ? req.tiers : undefined, required: req.required, forbidden: req.forbidden }
      : undefined;
    const resolved = resolveKnowledge(table.names, knowledge);
    if (!resolved.ok) throw new Error(resolved.reason);
    const run = async (t: DataTable, progress?: (outer: number) => void): Promise<Result<{ edges: DiscoveredEdge[]; work: number; warnings: string[] }>> => {
      if (algo === 'pc') {
        const r = runPc(t, { alpha: req.alpha, stable: true, knowledge });
        return r.ok ? ok({ edges: r.data.edges, work: r.data.tests, warnings: r.data.warnings }) : r;
      }
      const r = await notears(t.columns, { lambda1: req.lambda ?? 0.1, wThreshold: req.threshold ?? 0.3, standardize: req.standardize ?? false, inner: req.inner ?? 'float64', allowed: resolved.data.allowed, names: t.names, signal, onProgress: (p) => progress?.(p.outer) });
      return ok({ edges: withCiEvidence(t, notearsEdges(t.names, r, resolved.data.required)), work: r.steps, warnings: r.warnings });
    };
    const fitTrack = progressTracker(algo === 'pc' ? 'PC' : 'NOTEARS (augmented Lagrangian)', algo === 'pc' ? 'graphs' : 'outer iterations', null);
    onProgress(fitTrack(0));
    const fit = await run(table, (outer) => onProgress(fitTrack(outer)));
    if (!fit.ok) throw new Error(fit.reason);
    const track = progressTracker('Bootstrap resamples', 'resamples', req.bootstrap);
    let done = 0;
    const stability = req.bootstrap > 0
      ? await bootstrapEdges(table, async (t) => {
          await yieldToEvents();
          throwIfAborted(signal);
          onProgress(track(++done));
          const r = await run(t);
          return r.ok ? ok(r.data.edges) : r;
        }, req.bootstrap, req.seed)
      : null;
    if (stability && !stability.ok) throw new Error(stability.reason);
    const edges = fit.data.edges.map((e): DiscoveredEdge => {
      if (!stability?.ok) return { ...e };
      const s = stability.data.find((x) => (x.from === e.from && x.to === e.to) || (x.from === e.to && x.to === e.from));
      return { ...e, stability: s?.adjacency ?? 0, directionStability: s ? stabilityOf(stability.data, e) : 0 };
    });
    const truthEdges = this.source(req.datasetId).truthEdges;
    const truth = truthEdges ? compareGraphs(edges, truthEdges.filter((e) => table.names.includes(e.from) && table.names.includes(e.to))) : null;
    return { variables: [...table.names], algo, edges, tests: fit.data.work, seconds: (performance.now() - started) / 1000, truth, warnings: fit.data.warnings };
  }

  effect(req: EffectRequest): EffectResult {
    const dag = dagFromEdges(req.nodes, req.edges);
    if (!dag.ok) return { ok: false, reason: dag.reason };
    const adjustment = findAdjustmentSet(dag.data, req.treatment, req.outcome);
    if (!adjustment.ok) return { ok: false, reason: adjustment.reason };
    const t = this.table(req.datasetId, req.unit);
    const data = { treatment: column(t, req.treatment), outcome: column(t, req.outcome), covariates: adjustment.data.set.map((v) => column(t, v)) };
    const estimates = estimateEffect(data, { bootstrap: req.bootstrap, seed: req.seed });
    if (!estimates.ok) return { ok: false, reason: estimates.reason };
    const [lo, hi] = estimates.data.aipw.ci95;
    const refutations = refuteAll(data, estimates.data.aipw.ate, { seed: req.seed, standardError: (hi - lo) / (2 * 1.96) });
    return { ok: true, adjustmentSet: adjustment.data.set, causalPathExists: adjustment.data.causalPathExists, estimates: estimates.data, refutations };
  }
}

/** NOTEARS edges with the CI-test evidence of each: from ⫫ to given the other parents of `to`? */
function withCiEvidence(table: DataTable, edges: { from: string; to: string; weight: number }[]): DiscoveredEdge[] {
  const ci = createCiTester(table);
  const index = (v: string) => table.names.indexOf(v);
  return edges.map((e) => {
    const given = edges.filter((x) => x.to === e.to && x.from !== e.from).map((x) => x.from);
    const r = ci.test(index(e.from), index(e.to), given.map(index));
    return { from: e.from, to: e.to, directed: true, weight: e.weight, pValue: r.pValue, partialCorrelation: r.partialCorrelation, weakestGiven: given };
  });
}
