// The datasets (with their leave-one-out split) and fitted models of one workspace, by id: what the ML worker holds
// between calls. The work itself is the core's services (rec/train, rec/evaluate, rec/recommend); this keeps ids.
import type { RangeTable } from '../lib/ranges';
import type { DatasetExtras } from '../data/dataset';
import type { EventLog } from '../data/eventLog';
import type { Progress } from '../lib/progress';
import { MODELS } from './registry';
import { loadEvents } from '../data/csv/load';
import { bytesSource } from '../data/csv/source';
import type { Result } from '../lib/result';
import { scoreOnTestLog, type TestLogScores } from './testLog';
import { ratingContext } from './ratingContext';
import { withoutRecipeKeys } from './qualityRecipe';
import { leaveOneOutSplit, type LeaveOneOutSplit } from './split';
import { evaluate, type EvaluateRequest, type EvaluationResult } from './evaluate';
import { recommendFor, type RecommendRequest, type RecommendResult } from './recommend';
import type { BackendSwitch } from './resilientFit';
import { describeTrained, trainModel, trainsForQuality, type TrainedModelInfo, type TrainOptions, type TrainRequest } from './train';
import type { Recommender } from './recommender';
import type { UpliftModel } from './uplift/upliftModel';

/** Each model's name, summary and numeric settings with their ranges (the app's settings form is built from them). */
export function modelCatalog(): { name: string; summary: string; params: RangeTable }[] {
  return Object.entries(MODELS).map(([name, e]) => ({ name, summary: e.summary, params: e.params }));
}

export class ModelWorkspace {
  private readonly datasets = new Map<
    string,
    { log: EventLog; split: LeaveOneOutSplit; extras: DatasetExtras; embeddings?: { data: Float32Array; dim: number } }
  >();
  private readonly models = new Map<string, { model: Recommender; info: TrainedModelInfo }>();
  /** Uplift models fitted on top of a recommender, by the recommender's id (workers/upliftService fits them). */
  readonly uplifts = new Map<string, UpliftModel>();
  private nextModel = 0;
  /**
   * @param backends how training falls back after a GPU fault (ml/backend's backendSwitch in the app; the caller
   *   replaces it once it knows where TF.js's wasm binaries are served). Without one, training runs where it starts.
   */
  constructor(public backends?: BackendSwitch) {}

  addDataset(id: string, log: EventLog, extras: DatasetExtras = { catalog: null, truthEdges: null }): void {
    this.datasets.set(id, { log, split: leaveOneOutSplit(log), extras });
  }

  /** The log, catalog and planted graph (demo only) of a dataset, for causal analysis. */
  source(id: string): { log: EventLog } & DatasetExtras {
    const d = this.dataset(id);
    return { log: d.log, ...d.extras };
  }

  /** Text embeddings of the dataset's items (log item order): the content model and diversity metrics use them. */
  setItemEmbeddings(id: string, vectors: number[][]): { items: number; dim: number } {
    const d = this.dataset(id);
    const dim = vectors[0]?.length ?? 0;
    const data = new Float32Array(vectors.length * dim);
    vectors.forEach((v, i) => data.set(v, i * dim));
    d.embeddings = { data, dim };
    return { items: vectors.length, dim };
  }

  /** The dataset's item text embeddings, when they were computed (the embedding map's text source). */
  itemEmbeddingsOf(id: string): { data: Float32Array; dim: number } | undefined {
    return this.dataset(id).embeddings;
  }

  removeDataset(id: string): void {
    this.datasets.delete(id);
    for (const [mid, m] of this.models) if (m.info.datasetId === id) this.removeModel(mid);
  }

  removeModel(id: string): void {
    this.models.get(id)?.model.dispose?.();
    this.models.delete(id);
    this.uplifts.delete(id);
  }

  private dataset(id: string) {
    const d = this.datasets.get(id);
    if (!d) throw new Error(`dataset ${id} is not loaded in the ML worker`);
    return d;
  }

  private fitted(id: string) {
    const m = this.models.get(id);
    if (!m) throw new Error(`model ${id} is not open in this workspace`);
    return m;
  }

  /** Fit a model on the dataset's training split (see trainModel for `hooks`: resume, epoch checkpoints). */
  async train(
    req: TrainRequest,
    onProgress: (p: Progress) => void,
    signal?: AbortSignal,
    hooks: Pick<TrainOptions, 'resumeFrom' | 'onCheckpoint'> = {},
  ): Promise<{ info: TrainedModelInfo; model: Recommender }> {
    const { log, split, embeddings } = this.dataset(req.datasetId);
    // Train for quality sets its epochs, cadence and stopping itself: the model records the settings it was trained
    // with, not an epoch budget the recipe never used (the Model view names such settings as not used).
    if (trainsForQuality(req, hooks.resumeFrom !== undefined)) req = { ...req, settings: withoutRecipeKeys(req.settings) };
    const options: TrainOptions = {
      ...hooks,
      onProgress,
      signal,
      backends: this.backends,
      // Rating models (mf-explicit) fit the training part's ratings, weighted by the log's default propensities.
      context: { ...(embeddings ? { embeddings } : {}), ...ratingContext(req.model, log, split) },
    };
    const { model, notices, trainSeconds } = await trainModel(split, req, options);
    const info = await this.register(model, { ...req, trainSeconds, notices }, signal);
    return { info, model };
  }

  /** Adds a fitted model (trained here, or restored from a checkpoint) after measuring it on the validation stage. */
  async register(
    model: Recommender,
    about: TrainRequest & { trainSeconds: number; notices: string[] },
    signal?: AbortSignal,
  ): Promise<TrainedModelInfo> {
    const described = await describeTrained(model, this.dataset(about.datasetId).split, about, signal);
    const info: TrainedModelInfo = { id: `m-${++this.nextModel}`, ...described };
    this.models.set(info.id, { model, info });
    return info;
  }

  /** The log and split a dataset was registered with (what checkpoints index). */
  datasetOf(id: string): { log: EventLog; split: LeaveOneOutSplit } {
    const { log, split } = this.dataset(id);
    return { log, split };
  }

  /** The compute backend in use now (what a checkpoint records it was trained on). */
  activeBackend(): string {
    return this.backends?.active() ?? 'cpu';
  }

  /** A fitted model and what is known about it. */
  modelOf(id: string): { model: Recommender; info: TrainedModelInfo } {
    return this.fitted(id);
  }

  async evaluate(req: EvaluateRequest, onProgress: (p: Progress) => void, signal?: AbortSignal): Promise<EvaluationResult> {
    const { model, info } = this.fitted(req.modelId);
    const { split } = this.dataset(info.datasetId);
    return evaluate(model, split, { protocol: req.protocol, k: req.k, seed: req.seed, onProgress, signal, perUser: true, slices: true });
  }

  /** Score a model on a separate test file (e.g. randomly assigned ratings): MSE/MAE, AUC, NDCG@5 with CIs. */
  async scoreTestFile(
    modelId: string,
    name: string,
    bytes: Uint8Array,
    seed: number,
    signal?: AbortSignal,
  ): Promise<Result<TestLogScores>> {
    const { model, info } = this.fitted(modelId);
    const { log, split } = this.dataset(info.datasetId);
    const loaded = await loadEvents(bytesSource(name, bytes), { signal });
    if (!loaded.ok) return loaded;
    return scoreOnTestLog(model, split, { users: log.users, items: log.items }, loaded.data.log, seed);
  }

  async recommend(req: RecommendRequest): Promise<RecommendResult> {
    return recommendFor(this.fitted(req.modelId).model, req);
  }
}
