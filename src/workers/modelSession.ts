// What the ML worker holds between calls: datasets (with their leave-one-out split) and fitted models by id.
import type { EventLog, ItemCatalog } from '../data/eventLog';
import { progressTracker, throwIfAborted, type Progress } from '../lib/progress';
import { createModel, MODELS } from '../rec/registry';
import { historyEventsOf, historyOf, leaveOneOutSplit, trainData, type LeaveOneOutSplit } from '../rec/split';
import { evaluate, type EvaluationResult, type Protocol } from '../rec/evaluate';
import { topK } from '../rec/rank';
import type { ModelState, Recommender } from '../rec/recommender';
import { fitResiliently } from './resilientFit';
import { explainTopK, faithfulnessFor, populationFor, type ExplainRequest, type ExplainResult, type FaithfulnessSummaryRequest, type FaithfulnessSummaryResult, type PopulationRequest } from './explainSession';
import type { PopulationDrivers } from '../explain/population';

export interface TrainRequest {
  datasetId: string;
  model: string;
  settings: Record<string, unknown>;
  seed: number;
}

export interface TrainedModelInfo {
  id: string;
  name: string;
  datasetId: string;
  settings: Record<string, unknown>;
  seed: number;
  backend: string;
  trainSeconds: number;
  /** Validation NDCG@10 / HR@10 (full ranking) right after training. */
  validation: { ndcg10: number; hr10: number };
  /** Per-epoch training loss and validation NDCG@10, for models trained by epochs (the sequence models). */
  curve: { epoch: number; loss: number; valNdcg10?: number }[];
  /** Things the analyst should know about the run, e.g. a GPU fault survived by moving to another backend. */
  notices: string[];
  /** Id of the checkpoint saved in the browser (IndexedDB), when saving worked. */
  savedAs?: string;
}

export interface TrainHooks {
  resumeFrom?: ModelState;
  onCheckpoint?: (state: ModelState, epoch: number) => void;
}

export interface EvaluateRequest {
  modelId: string;
  protocol: Protocol;
  k: number[];
  seed: number;
}

export interface RecommendRequest {
  modelId: string;
  /** Log user index, or -1 for an edited history that no longer belongs to a known user. */
  user: number;
  /** Item indices in time order: what the model conditions on and what is excluded from the list. */
  history: Int32Array;
  /** Event type index (in the log's event types) of each history element, for models that embed types. */
  events?: Int32Array;
  k: number;
}

export interface RecommendResult {
  items: number[];
  scores: number[];
}

/** What besides the log a dataset brings to the worker. */
export interface DatasetExtras {
  catalog: ItemCatalog | null;
  /** The demo's planted causal edges, to score discovery against. */
  truthEdges: { from: string; to: string }[] | null;
}

export function modelCatalog(): { name: string; summary: string }[] {
  return Object.entries(MODELS).map(([name, e]) => ({ name, summary: e.summary }));
}

export class ModelSession {
  private readonly datasets = new Map<string, { log: EventLog; split: LeaveOneOutSplit; extras: DatasetExtras; embeddings?: { data: Float32Array; dim: number } }>();
  private readonly models = new Map<string, { model: Recommender; info: TrainedModelInfo }>();
  private nextModel = 0;
  /** Where TF.js's wasm binaries are served, for falling back to wasm after a GPU fault. */
  wasmBase: string | undefined;

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

  removeDataset(id: string): void {
    this.datasets.delete(id);
    for (const [mid, m] of this.models) if (m.info.datasetId === id) this.removeModel(mid);
  }

  removeModel(id: string): void {
    this.models.get(id)?.model.dispose?.();
    this.models.delete(id);
  }

  private dataset(id: string) {
    const d = this.datasets.get(id);
    if (!d) throw new Error(`dataset ${id} is not loaded in the ML worker`);
    return d;
  }

  private fitted(id: string) {
    const m = this.models.get(id);
    if (!m) throw new Error(`model ${id} is not trained in this session`);
    return m;
  }

  /**
   * Fit a model on the dataset's training split. `hooks.resumeFrom` continues from saved weights (an interrupted run);
   * `hooks.onCheckpoint` receives every epoch's weights (sequence models), e.g. to save them.
   */
  async train(req: TrainRequest, onProgress: (p: Progress) => void, signal?: AbortSignal, hooks: TrainHooks = {}): Promise<{ info: TrainedModelInfo; model: Recommender }> {
    const { split, embeddings } = this.dataset(req.datasetId);
    const build = () => createModel(req.model, req.settings, embeddings ? { embeddings } : {});
    const started = performance.now();
    const track = progressTracker(`Training ${req.model}`, 'steps', null);
    const first = await build();
    if (hooks.resumeFrom) first.importState(hooks.resumeFrom);
    const fitOptions = { seed: req.seed, signal, resume: hooks.resumeFrom !== undefined, onProgress: (p: Progress) => onProgress({ ...p, label: p.label || track(0).label }) };
    const { model, notices } = await fitResiliently(first, build, trainData(split), fitOptions, this.wasmBase, hooks.onCheckpoint);
    throwIfAborted(signal);
    const trainSeconds = (performance.now() - started) / 1000;
    const info = await this.register(model, { ...req, trainSeconds, notices }, signal);
    return { info, model };
  }

  /** Adds a fitted model (trained here, or restored from a checkpoint) after measuring it on the validation stage. */
  async register(model: Recommender, about: TrainRequest & { trainSeconds: number; notices: string[] }, signal?: AbortSignal): Promise<TrainedModelInfo> {
    const { split } = this.dataset(about.datasetId);
    const val = await evaluate(model, split, { protocol: 'full', k: [10], stage: 'validation', seed: about.seed, bootstrapSamples: 100, signal });
    const info: TrainedModelInfo = {
      id: `m-${++this.nextModel}`,
      name: about.model,
      datasetId: about.datasetId,
      settings: about.settings,
      seed: about.seed,
      backend: model.backend,
      trainSeconds: about.trainSeconds,
      validation: { ndcg10: val.metrics['NDCG@10'], hr10: val.metrics['HR@10'] },
      curve: trainingCurve(model),
      notices: about.notices,
    };
    this.models.set(info.id, { model, info });
    return info;
  }

  /** The log and split a dataset was registered with (what checkpoints index). */
  datasetOf(id: string): { log: EventLog; split: LeaveOneOutSplit } {
    const { log, split } = this.dataset(id);
    return { log, split };
  }

  /** A fitted model and what is known about it. */
  modelOf(id: string): { model: Recommender; info: TrainedModelInfo } {
    return this.fitted(id);
  }

  async evaluate(req: EvaluateRequest, onProgress: (p: Progress) => void, signal?: AbortSignal): Promise<EvaluationResult> {
    const { model, info } = this.fitted(req.modelId);
    const { split } = this.dataset(info.datasetId);
    return evaluate(model, split, { protocol: req.protocol, k: req.k, seed: req.seed, onProgress, signal, perUser: true });
  }

  async explain(req: ExplainRequest, onProgress: (p: Progress) => void, signal?: AbortSignal): Promise<ExplainResult> {
    const { model, info } = this.fitted(req.modelId);
    const { log } = this.dataset(info.datasetId);
    // Models that embed event types must see the same types when explained as when they recommend.
    const events = Int32Array.from(req.types, (t) => Math.max(0, log.eventTypes.indexOf(t ?? '')));
    return explainTopK(model, req, onProgress, signal, events);
  }

  /** Population drivers over users' full histories (every interaction the split kept, test item included). */
  async population(req: PopulationRequest, onProgress: (p: Progress) => void, signal?: AbortSignal): Promise<PopulationDrivers> {
    const { model, info } = this.fitted(req.modelId);
    const { split } = this.dataset(info.datasetId);
    const histories = Array.from({ length: split.numUsers }, (_, u) => historyOf(split, u, 'all'));
    return populationFor(model, histories, req, onProgress, signal);
  }

  /** Faithfulness per method over a user sample; histories are what the model sees at test time (train + validation). */
  async faithfulnessSummary(req: FaithfulnessSummaryRequest, onProgress: (p: Progress) => void, signal?: AbortSignal): Promise<FaithfulnessSummaryResult> {
    const { model, info } = this.fitted(req.modelId);
    const { split } = this.dataset(info.datasetId);
    const users = Array.from({ length: split.numUsers }, (_, u) => ({ history: historyOf(split, u, 'test'), events: historyEventsOf(split, u, 'test') }));
    return faithfulnessFor(model, users, req, onProgress, signal);
  }

  async recommend(req: RecommendRequest): Promise<RecommendResult> {
    const { model } = this.fitted(req.modelId);
    const scores = await model.scoreUsers({ users: Int32Array.of(req.user), histories: [req.history], ...(req.events ? { events: [req.events] } : {}) });
    const top = topK(scores, req.k, req.history);
    return { items: Array.from(top.items), scores: Array.from(top.scores) };
  }
}

/** The epoch history a model kept from its last fit (sequence models keep one as `lastFit.history`), else none. */
function trainingCurve(model: Recommender): TrainedModelInfo['curve'] {
  const history = (model as { lastFit?: { history?: { epoch: number; loss: number; valNdcg10?: number }[] } }).lastFit?.history;
  return (history ?? []).map(({ epoch, loss, valNdcg10 }) => ({ epoch, loss, ...(valNdcg10 !== undefined ? { valNdcg10 } : {}) }));
}
