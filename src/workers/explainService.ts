// The ML worker's explanation service: finds a fitted model and its dataset by id and forwards to the core
// (src/explain/explainTopK, src/explain/userSample) with the item labels of the log and catalog it holds.
import type { EventLog, ItemCatalog } from '../data/eventLog';
import { explainTopK, type ExplainRequest as CoreExplainRequest, type ExplainResult } from '../explain/explainTopK';
import { reasonLabelsOf } from '../explain/labels';
import { explainable } from '../explain/model';
import { faithfulnessOnSplit, populationOnSplit, type FaithfulnessSummaryRequest as CoreFaithfulnessRequest } from '../explain/userSample';
import type { FaithfulnessSummaryResult, PopulationDrivers, PopulationRequest as CorePopulationRequest } from '../explain/userSample';
import type { Progress } from '../lib/progress';
import { explainCounterfactual, type CounterfactualRequest as CoreCounterfactualRequest } from '../explain/counterfactualExplain';
import type { CounterfactualResult } from '../explain/counterfactualExplain';
import type { Recommender } from '../rec/recommender';
import type { LeaveOneOutSplit } from '../rec/split';
import { knowledgeFor, type KnowledgeRequest, type KnowledgeResult } from '../explain/knowledgeExplain';
import type { Result } from '../lib/result';

/** What the service needs from the worker's model holder (rec/modelWorkspace). */
export interface FittedModels {
  modelOf(id: string): { model: Recommender; info: { datasetId: string } };
  datasetOf(id: string): { log: EventLog; split: LeaveOneOutSplit };
  source(id: string): { log: EventLog; catalog: ItemCatalog | null };
}

/** The core request for a model held by the worker; event types are read from `types` against the dataset's log. */
export type ExplainRequest = Omit<CoreExplainRequest, 'events' | 'types'> & { modelId: string; types: (string | null)[] };
export type PopulationRequest = CorePopulationRequest & { modelId: string };
export type FaithfulnessSummaryRequest = CoreFaithfulnessRequest & { modelId: string };
export type CounterfactualRequest = Omit<CoreCounterfactualRequest, 'events'> & { modelId: string; types: (string | null)[] };
export type KnowledgeServiceRequest = Omit<KnowledgeRequest, 'events'> & { modelId: string; types: (string | null)[] };

type OnProgress = (p: Progress) => void;

export class ExplainService {
  constructor(private readonly models: FittedModels) {}

  /** The fitted model (explainable), its dataset's split and the labels of the dataset's items. */
  private async held(modelId: string) {
    const { model, info } = this.models.modelOf(modelId);
    const { log, catalog } = this.models.source(info.datasetId);
    return {
      model: await explainable(model),
      log,
      split: this.models.datasetOf(info.datasetId).split,
      labels: reasonLabelsOf(log, catalog),
    };
  }

  async explain(req: ExplainRequest, onProgress: OnProgress, signal?: AbortSignal): Promise<ExplainResult> {
    const { model, log, labels } = await this.held(req.modelId);
    // Models that embed event types must see the same types when explained as when they recommend.
    const events = Int32Array.from(req.types, (t) => Math.max(0, log.eventTypes.indexOf(t ?? '')));
    return explainTopK(model, { ...req, events }, { labels, onProgress, signal });
  }

  /** Removal and addition counterfactuals (src/explain/counterfactualExplain); candidates from the dataset's sequences. */
  async counterfactual(req: CounterfactualRequest, onProgress: OnProgress, signal?: AbortSignal): Promise<CounterfactualResult> {
    const { model, log, split } = await this.held(req.modelId);
    const events = Int32Array.from(req.types, (t) => Math.max(0, log.eventTypes.indexOf(t ?? '')));
    return explainCounterfactual(model, { ...req, events }, { sequences: split.sequences, onProgress, signal });
  }

  /** Knowledge paths over the dataset's catalog (src/explain/knowledgeExplain); a dataset without one gets the reason. */
  async knowledge(req: KnowledgeServiceRequest, onProgress: OnProgress, signal?: AbortSignal): Promise<Result<KnowledgeResult>> {
    const { model, log, labels } = await this.held(req.modelId);
    const { catalog } = this.models.source(this.models.modelOf(req.modelId).info.datasetId);
    const events = Int32Array.from(req.types, (t) => Math.max(0, log.eventTypes.indexOf(t ?? '')));
    return knowledgeFor(model, log.items, catalog, { ...req, events }, { title: labels.title, onProgress, signal });
  }

  async population(req: PopulationRequest, onProgress: OnProgress, signal?: AbortSignal): Promise<PopulationDrivers> {
    const { model, split, labels } = await this.held(req.modelId);
    return populationOnSplit(model, split, req, { onProgress, signal, categoryOf: (i) => labels.category!(i) });
  }

  async faithfulnessSummary(
    req: FaithfulnessSummaryRequest,
    onProgress: OnProgress,
    signal?: AbortSignal,
  ): Promise<FaithfulnessSummaryResult> {
    const { model, split } = await this.held(req.modelId);
    return faithfulnessOnSplit(model, split, req, { onProgress, signal });
  }
}
