// The typed interface of the ML worker: the one thread that owns TensorFlow.js and the GPU in the app.
import type { BackendInfo, BackendPreference } from '../ml/backend';
import type { EventLog } from '../data/eventLog';
import type { EvaluateRequest, EvaluationResult } from '../rec/evaluate';
import type { ProgressCallback } from './protocol';
import type { RecommendRequest, RecommendResult } from '../rec/recommend';
import type { TrainedModelInfo, TrainRequest } from '../rec/train';
import type { TextModelInfo, TextModelSource } from '../ml/bert/textModels';
import type { ForwardArrays } from '../ml/bert/forwardArrays';
import type { BertBundle } from '../ml/bert/sources';
import type { Result } from '../lib/result';
import type { StoredDatasetInfo } from '../data/datasetStore';
import type { ExplainResult } from '../explain/explainTopK';
import type { FaithfulnessSummaryResult } from '../explain/userSample';
import type { ExplainRequest, FaithfulnessSummaryRequest, PopulationRequest } from './explainService';
import type { CounterfactualRequest } from './explainService';
import type { CounterfactualResult } from '../explain/counterfactualExplain';
import type { KnowledgeResult } from '../explain/knowledgeExplain';
import type { KnowledgeServiceRequest } from './explainService';
import type {
  BehaviorClassifierInfo,
  BehaviorExplainRequest,
  BehaviorExplanation,
  BehaviorTask,
  BehaviorTrainRequest,
} from '../ml/explain/behavior';
import type { PopulationDrivers } from '../explain/population';
import type { EmbeddingMap, EmbeddingMapFailure, EmbeddingMapRequest } from '../explain/embeddingMap';
import type { DatasetExtras } from '../data/dataset';
import type { SavedCheckpointInfo } from '../rec/savedModels';
import type { TestLogScores } from '../rec/testLog';
import type { CausalVariables, DiscoverRequest, DiscoverResult, EffectRequest, EffectResult } from '../causal/pipeline';
import type { CausalReason, CausalReasonRequest } from '../causal/causalReason';
import type { Guidance } from '../rec/guidance/guidance';
import type { GuidanceRequest } from './guidanceService';
import type { UpliftEstimate } from '../rec/uplift/tLearner';
import type { UpliftFitInfo, UpliftReport } from '../rec/uplift/upliftReport';
import type { SequenceClassifierInfo, SequenceClassifierRequest } from './sequenceClassifierService';
import type { PretrainOutcome, PretrainRequest } from './pretrainService';

export interface MlApi {
  /** `wasmBase`: absolute URL of the folder serving TF.js's .wasm files (a worker cannot see the page's base URL). */
  initBackend(preference: BackendPreference, wasmBase?: string): Promise<BackendInfo>;
  /** The registered recommenders (baselines and sequence models). */
  models(): Promise<{ name: string; summary: string }[]>;
  /** Hand a dataset to the worker (copied once); models are trained on it by id. */
  addDataset(id: string, log: EventLog, extras?: DatasetExtras): Promise<void>;
  removeDataset(id: string): Promise<void>;
  /** The core worker's end of their channel: parsed datasets arrive on it (handoff.ts) without crossing the page. */
  acceptCorePort(port: MessagePort): Promise<void>;
  /** Whether the core worker's hand-over of dataset `id` arrived (waiting up to `waitMs`); false means send it. */
  claimDataset(id: string, waitMs: number): Promise<boolean>;
  /** Save a handed-over dataset in IndexedDB from this worker; null when it is not held here. */
  saveDataset(id: string, storedId: string): Promise<Result<StoredDatasetInfo> | null>;
  /** Train; the model is saved in the browser (IndexedDB) after every epoch and when done (`savedAs`). */
  train(request: TrainRequest, taskId: string, onProgress: ProgressCallback): Promise<TrainedModelInfo>;
  /** Checkpoints saved in the browser for this dataset (finished, and interrupted runs with `partial`), newest first. */
  savedModels(datasetId: string): Promise<SavedCheckpointInfo[]>;
  openSavedModel(datasetId: string, id: string, taskId: string): Promise<TrainedModelInfo>;
  /** Open a checkpoint folder's files (as `reclens train --out` writes them); a copy is saved in the browser. */
  openCheckpointFiles(datasetId: string, files: Record<string, Uint8Array>, taskId: string): Promise<TrainedModelInfo>;
  /** Continue an interrupted training run from its last saved epoch; `longer`: a finished one for another epoch budget. */
  resumeTraining(datasetId: string, id: string, taskId: string, onProgress: ProgressCallback, longer?: boolean): Promise<TrainedModelInfo>;
  deleteSavedModel(id: string): Promise<boolean>;
  clearSavedModels(): Promise<void>;
  evaluate(request: EvaluateRequest, taskId: string, onProgress: ProgressCallback): Promise<EvaluationResult>;
  /** Score a model on a separate test file (e.g. randomly assigned ratings): MSE/MAE, AUC, NDCG@5 with CIs. */
  scoreTestFile(modelId: string, name: string, bytes: Uint8Array, seed: number, taskId: string): Promise<Result<TestLogScores>>;
  recommend(request: RecommendRequest): Promise<RecommendResult>;
  /** Attributions of the top-K recommendations over the history, with faithfulness, reasons and attention. */
  explain(request: ExplainRequest, taskId: string, onProgress: ProgressCallback): Promise<ExplainResult>;
  /** Events whose removal drops a recommendation out of the top K, and one added item that brings another in (re-scored). */
  counterfactual(request: CounterfactualRequest, taskId: string, onProgress: ProgressCallback): Promise<CounterfactualResult>;
  /** Knowledge paths (history item → shared catalog attribute → item) weighted by an attribution, top path re-scored. */
  knowledge(request: KnowledgeServiceRequest, taskId: string, onProgress: ProgressCallback): Promise<Result<KnowledgeResult>>;
  /** Across a seeded sample of users: which items and categories most often drive their top recommendation. */
  population(request: PopulationRequest, taskId: string, onProgress: ProgressCallback): Promise<PopulationDrivers>;
  /** The embedding map: the model's (or the item texts') vectors in 2-D by PCA or UMAP (progress: UMAP epochs). */
  embeddingMap(
    request: EmbeddingMapRequest,
    taskId: string,
    onProgress: ProgressCallback,
  ): Promise<Result<EmbeddingMap, EmbeddingMapFailure>>;
  /** Per explanation method, mean deletion/insertion AUC with CIs over a seeded user sample, against a random order. */
  faithfulnessSummary(
    request: FaithfulnessSummaryRequest,
    taskId: string,
    onProgress: ProgressCallback,
  ): Promise<FaithfulnessSummaryResult>;
  removeModel(id: string): Promise<void>;
  /** Load a Hugging Face BERT folder (hosted with the app, a URL, picked files, or — only on request — the Hub). */
  loadTextModel(source: TextModelSource, taskId: string, onProgress: ProgressCallback): Promise<Result<TextModelInfo>>;
  embedTexts(
    modelId: string,
    texts: string[],
    options: { pooling?: 'mean' | 'cls'; normalize?: boolean },
    taskId: string,
    onProgress: ProgressCallback,
  ): Promise<number[][]>;
  /** Every output of one forward pass (ids, hidden states, pooled, attentions, logits) as arrays. */
  textForward(modelId: string, texts: string[], options: { maxLength?: number; padToMaxLength?: boolean }): Promise<ForwardArrays>;
  unloadTextModel(modelId: string): Promise<void>;
  /** A loaded or fine-tuned text model as a .zip of its Hugging Face folder (config, safetensors, tokenizer files). */
  exportTextModel(modelId: string): Promise<Result<{ name: string; zip: Uint8Array }>>;
  /** Keep a loaded text model's folder in this browser (IndexedDB) under `keptId`, for a reload to re-open it. */
  keepTextModel(modelId: string, keptId: string): Promise<Result<{ bytes: number }>>;
  /** A kept text-model folder (for a workspace file), and keeping one that came in a workspace file. */
  keptTextModelFolder(keptId: string): Promise<Result<BertBundle>>;
  keepTextModelFolder(keptId: string, bundle: BertBundle): Promise<Result<{ bytes: number }>>;
  /** Delete every kept text-model folder but `keep`. */
  forgetKeptTextModels(keep: string[]): Promise<void>;
  /** Use the loaded text model `id` as the behavior classifier it was (a reload re-opened its kept weights). */
  adoptBehaviorClassifier(id: string, task: BehaviorTask, labels: string[], datasetId: string): Promise<void>;
  /** Fine-tune a loaded text model to predict a behavior outcome from generated descriptions of each user's log. */
  trainBehaviorClassifier(request: BehaviorTrainRequest, taskId: string, onProgress: ProgressCallback): Promise<BehaviorClassifierInfo>;
  /** Word attributions (per class) of a behavior classifier's prediction for one user, with faithfulness. */
  explainBehavior(request: BehaviorExplainRequest, taskId: string, onProgress: ProgressCallback): Promise<BehaviorExplanation>;
  /** Embed one text per item of a dataset (log item order) and keep the vectors for content-aware models. */
  embedItems(
    textModelId: string,
    datasetId: string,
    texts: string[],
    taskId: string,
    onProgress: ProgressCallback,
  ): Promise<{ items: number; dim: number }>;
  /** Behavior variables per user (or session) built from a dataset's log. */
  causalVariables(datasetId: string, unit: 'user' | 'session'): Promise<CausalVariables>;
  /** PC discovery (stable, Fisher-z / G-test) with bootstrap edge stability. */
  discover(request: DiscoverRequest, taskId: string, onProgress: ProgressCallback): Promise<DiscoverResult>;
  /** Back-door adjustment set on the analyst's graph, then naive/regression/IPW/AIPW with CIs and refutations. */
  effect(request: EffectRequest, taskId: string, onProgress: ProgressCallback): Promise<EffectResult>;
  /** One user's behaviors as causes, possible causes or correlates of an outcome on the Causal view's graph. */
  causalReason(request: CausalReasonRequest): Promise<Result<CausalReason>>;
  /** Per user of a trained model's dataset: buy probability, top-K items with estimated uplift, top reason (rec/guidance). */
  guidance(request: GuidanceRequest, taskId: string, onProgress: ProgressCallback): Promise<Result<Guidance>>;
  /** Fit the uplift model (T-learner, rec/uplift) on top of a trained recommender; settings as UPLIFT_RANGES. */
  fitUplift(
    modelId: string,
    settings: Record<string, unknown>,
    seed: number,
    taskId: string,
    onProgress: ProgressCallback,
  ): Promise<Result<UpliftFitInfo>>;
  /** Estimated uplift with its CI of showing each item (index) to the user (index); null when no uplift model is fitted. */
  upliftOf(modelId: string, user: number, items: number[]): Promise<UpliftEstimate[] | null>;
  /** Score vs uplift policy: estimated (and, on the demo, true) incremental purchases@K and accuracy@K, paired CIs. */
  comparePolicies(
    modelId: string,
    options: { k: number; seed: number },
    taskId: string,
    onProgress: ProgressCallback,
  ): Promise<Result<UpliftReport>>;
  /** Fine-tune a behavior-sequence classifier from a trained SASRec/BERT4Rec; accuracy and ROC-AUC on the test split. */
  fitSequenceClassifier(
    request: SequenceClassifierRequest,
    taskId: string,
    onProgress: ProgressCallback,
  ): Promise<Result<SequenceClassifierInfo>>;
  /** Continue masked-language-model pretraining of a text model on a dataset's texts; the adapted model is a new text model. */
  pretrainTextModel(request: PretrainRequest, taskId: string, onProgress: ProgressCallback): Promise<PretrainOutcome>;
  cancel(taskId: string): void;
  /** Fault injection for tests: lose the GPU device under the active backend (false on CPU backends). */
  simulateDeviceLoss(): Promise<boolean>;
}
