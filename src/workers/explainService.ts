// The ML worker's explanation service: finds a fitted model and its dataset by id, derives event types and item labels
// from the log and catalog it holds, and forwards to the core (src/explain/explainTopK, src/explain/userSample).
import type { EventLog, ItemCatalog } from '../data/eventLog';
import { itemLabels } from '../data/eventLog';
import { explainTopK, type ExplainRequest as CoreExplainRequest, type ExplainResult } from '../explain/explainTopK';
import { explainable } from '../explain/model';
import type { ReasonContext } from '../explain/reasons';
import { faithfulnessFor, populationFor, type FaithfulnessSummaryRequest as CoreFaithfulnessRequest } from '../explain/userSample';
import type { FaithfulnessSummaryResult, PopulationDrivers, PopulationRequest as CorePopulationRequest } from '../explain/userSample';
import type { Progress } from '../lib/progress';
import type { Recommender } from '../rec/recommender';
import { historyEventsOf, historyOf, type LeaveOneOutSplit } from '../rec/split';

/** What the service needs from the worker's model holder (ModelService). */
export interface FittedModels {
  modelOf(id: string): { model: Recommender; info: { datasetId: string } };
  datasetOf(id: string): { log: EventLog; split: LeaveOneOutSplit };
  source(id: string): { log: EventLog; catalog: ItemCatalog | null };
}

/** The core request for a model held by the worker; event types are read from `types` against the dataset's log. */
export type ExplainRequest = Omit<CoreExplainRequest, 'events' | 'types'> & { modelId: string; types: (string | null)[] };
export type PopulationRequest = CorePopulationRequest & { modelId: string };
export type FaithfulnessSummaryRequest = CoreFaithfulnessRequest & { modelId: string };

type OnProgress = (p: Progress) => void;

export class ExplainService {
  /** Item titles and categories per dataset log, derived once from the catalog the worker already holds. */
  private readonly labels = new WeakMap<EventLog, ReasonContext>();

  constructor(private readonly models: FittedModels) {}

  private labelsOf(datasetId: string): ReasonContext {
    const { log, catalog } = this.models.source(datasetId);
    let labels = this.labels.get(log);
    if (!labels) {
      const { titles, categories } = itemLabels(log, catalog);
      labels = { title: (i) => titles[i] ?? String(i), category: (i) => categories[i] ?? null };
      this.labels.set(log, labels);
    }
    return labels;
  }

  async explain(req: ExplainRequest, onProgress: OnProgress, signal?: AbortSignal): Promise<ExplainResult> {
    const { model, info } = this.models.modelOf(req.modelId);
    const { log } = this.models.datasetOf(info.datasetId);
    // Models that embed event types must see the same types when explained as when they recommend.
    const events = Int32Array.from(req.types, (t) => Math.max(0, log.eventTypes.indexOf(t ?? '')));
    return explainTopK(await explainable(model), { ...req, events }, { labels: this.labelsOf(info.datasetId), onProgress, signal });
  }

  /** Population drivers over users' full histories (every interaction the split kept, test item included). */
  async population(req: PopulationRequest, onProgress: OnProgress, signal?: AbortSignal): Promise<PopulationDrivers> {
    const { model, info } = this.models.modelOf(req.modelId);
    const { split } = this.models.datasetOf(info.datasetId);
    const histories = Array.from({ length: split.numUsers }, (_, u) => historyOf(split, u, 'all'));
    const labels = this.labelsOf(info.datasetId);
    return populationFor(await explainable(model), histories, req, { onProgress, signal, categoryOf: (i) => labels.category!(i) });
  }

  /** Faithfulness per method over a user sample; histories are what the model sees at test time (train + validation). */
  async faithfulnessSummary(
    req: FaithfulnessSummaryRequest,
    onProgress: OnProgress,
    signal?: AbortSignal,
  ): Promise<FaithfulnessSummaryResult> {
    const { model, info } = this.models.modelOf(req.modelId);
    const { split } = this.models.datasetOf(info.datasetId);
    const users = Array.from({ length: split.numUsers }, (_, u) => ({
      history: historyOf(split, u, 'test'),
      events: historyEventsOf(split, u, 'test'),
    }));
    return faithfulnessFor(await explainable(model), users, req, { onProgress, signal });
  }
}
