// Causal analysis in the ML worker: per-user variables from a log, PC discovery with bootstrap stability, and
// effect estimates (regression, IPW, AIPW with CIs) with DoWhy-style refutations on the analyst's current graph.
import type { EventLog, ItemCatalog } from '../data/eventLog';
import { progressTracker, yieldToEvents, type Progress } from '../lib/progress';
import { buildVariables, DEFAULT_VARIABLES } from '../causal/variables';
import { column, selectVariables, type DataTable, type VariableKind } from '../causal/table';
import { runPc, type LearnedEdge } from '../causal/pc';
import { bootstrapEdges, stabilityOf } from '../causal/stability';
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
  alpha: number;
  bootstrap: number;
  seed: number;
  /** Earlier-to-later tiers (e.g. exposure before purchase): no edge may point back to an earlier tier. */
  tiers?: string[][];
}

/** A PC edge with its evidence, plus how often bootstrap resamples found it. */
export interface DiscoveredEdge extends LearnedEdge {
  /** Share of bootstrap resamples with this adjacency / with this direction. */
  stability?: number;
  directionStability?: number;
}

export interface DiscoverResult {
  variables: string[];
  edges: DiscoveredEdge[];
  tests: number;
  seconds: number;
  /** Against the planted graph, when the dataset is the built-in demo. */
  truth: Comparison | null;
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

  async discover(req: DiscoverRequest, onProgress: (p: Progress) => void): Promise<DiscoverResult> {
    const started = performance.now();
    const picked = selectVariables(this.table(req.datasetId, req.unit), req.variables.length ? req.variables : [...DEFAULT_VARIABLES]);
    if (!picked.ok) throw new Error(picked.reason);
    const knowledge = req.tiers?.length ? { tiers: req.tiers } : undefined;
    const pc = runPc(picked.data, { alpha: req.alpha, stable: true, knowledge });
    if (!pc.ok) throw new Error(pc.reason);
    const track = progressTracker('Bootstrap resamples', 'resamples', req.bootstrap);
    let done = 0;
    const stability = req.bootstrap > 0
      ? await bootstrapEdges(picked.data, async (t) => {
          await yieldToEvents();
          onProgress(track(++done));
          const r = runPc(t, { alpha: req.alpha, stable: true, knowledge });
          return r.ok ? { ok: true, data: r.data.edges } : r;
        }, req.bootstrap, req.seed)
      : null;
    if (stability && !stability.ok) throw new Error(stability.reason);
    const edges = pc.data.edges.map((e): DiscoveredEdge => {
      if (!stability?.ok) return { ...e };
      const s = stability.data.find((x) => (x.from === e.from && x.to === e.to) || (x.from === e.to && x.to === e.from));
      return { ...e, stability: s?.adjacency ?? 0, directionStability: s ? stabilityOf(stability.data, e) : 0 };
    });
    const truthEdges = this.source(req.datasetId).truthEdges;
    const truth = truthEdges ? compareGraphs(edges, truthEdges.filter((e) => pc.data.variables.includes(e.from) && pc.data.variables.includes(e.to))) : null;
    return { variables: [...pc.data.variables], edges, tests: pc.data.tests, seconds: (performance.now() - started) / 1000, truth };
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
