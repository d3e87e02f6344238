// The ML worker's causal service: caches each dataset's per-unit variable table and forwards to the core pipeline
// (causal/pipeline.ts) with the TF.js NOTEARS engine.
import type { EventLog, ItemCatalog } from '../data/eventLog';
import type { Progress } from '../lib/progress';
import { logVariables, type LogVariables } from '../causal/defaultVariables';
import type { DirectedEdge } from '../causal/graph';
import { discover, effect } from '../causal/pipeline';
import { deriveTimeOrder } from '../causal/timeOrder';
import { variableSummary } from '../causal/treatmentSplit';
import type { CausalUnit, CausalVariables, DiscoverRequest, DiscoverResult, EffectRequest, EffectResult } from '../causal/pipeline';
import { tfjsNotearsEngine } from '../ml/causal/notears';
import { causalReason, type CausalReason, type CausalReasonRequest } from '../causal/causalReason';
import type { Result } from '../lib/result';

export type DatasetSource = (datasetId: string) => { log: EventLog; catalog: ItemCatalog | null; truthEdges: DirectedEdge[] | null };

export class CausalService {
  private readonly tables = new Map<string, LogVariables>();

  constructor(private readonly source: DatasetSource) {}

  /** The log's variables with the defaults it calls for (the same function as `reclens causal`), built once per unit. */
  private built(datasetId: string, unit: CausalUnit): LogVariables {
    const key = `${datasetId}|${unit}`;
    let b = this.tables.get(key);
    if (!b) {
      const { log, catalog } = this.source(datasetId);
      const r = logVariables(log, catalog, unit);
      if (!r.ok) throw new Error(r.reason);
      b = r.data;
      this.tables.set(key, b);
    }
    return b;
  }

  table(datasetId: string, unit: CausalUnit) {
    return this.built(datasetId, unit).table;
  }

  variables(datasetId: string, unit: CausalUnit): CausalVariables {
    const { table: t, defaults, constant } = this.built(datasetId, unit);
    // The funnel time order (activity → exposure → … → purchase) when the log has times: the form applies it by default.
    const timeOrder = deriveTimeOrder(t.names, this.source(datasetId).log.hasTime);
    return {
      names: [...t.names],
      kinds: [...t.kinds],
      rows: t.columns[0]?.length ?? 0,
      defaults: [...defaults],
      constant: [...constant],
      timeOrder,
      // Range and median of each variable: the Effect panel's split of a continuous treatment starts from them.
      summaries: t.columns.map((c) => variableSummary(c)),
    };
  }

  async discover(req: DiscoverRequest, onProgress: (p: Progress) => void, signal?: AbortSignal): Promise<DiscoverResult> {
    const variables = req.variables.length ? req.variables : this.built(req.datasetId, req.unit).defaults;
    const truth = this.source(req.datasetId).truthEdges;
    const r = await discover(
      this.table(req.datasetId, req.unit),
      { ...req, variables },
      { onProgress, signal, engine: tfjsNotearsEngine, truth },
    );
    if (!r.ok) throw new Error(r.reason);
    return r.data;
  }

  effect(req: EffectRequest): EffectResult {
    return effect(this.table(req.datasetId, req.unit), { nodes: req.nodes, edges: req.edges }, req);
  }

  /** The causal reason for one user: always read from the per-user table, whatever unit the graph was discovered on. */
  reason(req: CausalReasonRequest): Result<CausalReason> {
    const { table, ids } = this.built(req.datasetId, 'user');
    const row = ids.indexOf(req.user);
    return causalReason(req.graph, table, row >= 0 ? row : null, req.outcome);
  }
}
