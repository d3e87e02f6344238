// The ML worker's causal service: caches each dataset's per-unit variable table and forwards to the core pipeline
// (causal/pipeline.ts) with the TF.js NOTEARS engine.
import type { EventLog, ItemCatalog } from '../data/eventLog';
import type { Progress } from '../lib/progress';
import { behaviorVariables, DEFAULT_VARIABLES } from '../causal/variables';
import type { DataTable } from '../causal/table';
import type { DirectedEdge } from '../causal/graph';
import { discover, effect } from '../causal/pipeline';
import type { CausalUnit, CausalVariables, DiscoverRequest, DiscoverResult, EffectRequest, EffectResult } from '../causal/pipeline';
import { tfjsNotearsEngine } from '../ml/causal/notears';

export type DatasetSource = (datasetId: string) => { log: EventLog; catalog: ItemCatalog | null; truthEdges: DirectedEdge[] | null };

export class CausalService {
  private readonly tables = new Map<string, DataTable>();

  constructor(private readonly source: DatasetSource) {}

  table(datasetId: string, unit: CausalUnit): DataTable {
    const key = `${datasetId}|${unit}`;
    let t = this.tables.get(key);
    if (!t) {
      const { log, catalog } = this.source(datasetId);
      const built = behaviorVariables(log, catalog, unit);
      if (!built.ok) throw new Error(built.reason);
      t = built.data.table;
      this.tables.set(key, t);
    }
    return t;
  }

  variables(datasetId: string, unit: CausalUnit): CausalVariables {
    const t = this.table(datasetId, unit);
    return { names: [...t.names], kinds: [...t.kinds], rows: t.columns[0]?.length ?? 0 };
  }

  async discover(req: DiscoverRequest, onProgress: (p: Progress) => void, signal?: AbortSignal): Promise<DiscoverResult> {
    const variables = req.variables.length ? req.variables : [...DEFAULT_VARIABLES];
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
}
