// The ML worker's behavior-classifier service: holds the classifiers it fine-tuned (among the loaded text models) and
// the request each was trained with, and forwards training and explanations to the core (src/ml/explain/behavior).
import type { EventLog, ItemCatalog } from '../data/eventLog';
import type { Progress } from '../lib/progress';
import {
  explainBehavior,
  trainBehaviorClassifier,
  type BehaviorClassifierInfo,
  type BehaviorExplainRequest,
  type BehaviorExplanation,
  type BehaviorTask,
  type BehaviorTrainRequest,
} from '../ml/explain/behavior';
import type { TextModels } from '../ml/bert/textModels';

type Source = (datasetId: string) => { log: EventLog; catalog: ItemCatalog | null };

export class BehaviorService {
  private readonly classifiers = new Map<string, { request: BehaviorTask & { datasetId: string }; labels: string[] }>();

  constructor(
    private readonly texts: TextModels,
    private readonly source: Source,
  ) {}

  async train(req: BehaviorTrainRequest, onProgress: (p: Progress) => void, signal?: AbortSignal): Promise<BehaviorClassifierInfo> {
    const { model: base, tokenizer, info: baseInfo, files: tokenizerFiles } = this.texts.get(req.textModelId);
    const { model, training } = await trainBehaviorClassifier(
      { model: base, tokenizer, source: baseInfo.source },
      this.source(req.datasetId),
      req,
      { onProgress, signal },
    );
    const info = this.texts.add(model, tokenizer, `${baseInfo.source} → ${req.outcome} classifier`, tokenizerFiles);
    this.classifiers.set(info.id, { request: req, labels: training.labels });
    // Everything that shapes the descriptions and the cut, so an explanation after a reload reads the same history.
    const task: BehaviorTask = {
      outcome: req.outcome,
      naming: req.naming,
      maxEvents: req.maxEvents,
      horizonEvents: req.horizonEvents,
      seed: req.seed,
    };
    return { id: info.id, textModel: info, baseModelId: req.textModelId, datasetId: req.datasetId, ...training, task };
  }

  /** Treat the loaded text model `id` (a reload re-opened its kept weights) as the classifier trained for `task` on `datasetId`. */
  adopt(id: string, task: BehaviorTask, labels: string[], datasetId: string): void {
    this.texts.get(id); // throws when it is not loaded
    this.classifiers.set(id, { request: { ...task, datasetId }, labels: [...labels] });
  }

  async explain(req: BehaviorExplainRequest, onProgress: (p: Progress) => void, signal?: AbortSignal): Promise<BehaviorExplanation> {
    const c = this.classifiers.get(req.classifierId);
    if (!c) throw new Error(`text model ${req.classifierId} is not a behavior classifier trained in this session`);
    const { model, tokenizer } = this.texts.get(req.classifierId);
    const { user, classifierId: _, ...options } = req;
    return explainBehavior({ model, tokenizer, task: c.request, labels: c.labels }, this.source(c.request.datasetId), user, options, {
      onProgress,
      signal,
    });
  }
}
