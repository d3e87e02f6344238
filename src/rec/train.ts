// The training service: fit a registered model on a split's training part (with progress, cancel, epoch checkpoints
// and GPU-fault fallback), then describe the run. The ML worker and `reclens train|evaluate|recommend` both call it.
import { progressTracker, throwIfAborted, type Progress } from '../lib/progress';
import { CHECKPOINT_FORMAT, CHECKPOINT_VERSION, type CheckpointConfig, type ImportedModel } from './checkpoint';
import { debiasOverlapOf, type DebiasOverlap } from './debiasOverlap';
import { epochBudgetOf, type EpochBudget } from './epochBudget';
import { fitStopOf, type FitStop } from './fitStop';
import { evaluate } from './evaluate';
import type { ModelState, Recommender } from './recommender';
import { createModel, type ModelContext } from './registry';
import { fitResiliently, type BackendSwitch } from './resilientFit';
import { isQualityMode, qualityFit, recipeOf } from './qualityFit';
import type { QualityMode, QualityRecord } from './qualityRecipe';
import { trainData, type LeaveOneOutSplit } from './split';

/** Which model to fit, with which settings (checked against the registry's ranges) and seed. */
export interface TrainSpec {
  model: string;
  settings: Record<string, unknown>;
  seed: number;
  /** 'quality': tune on validation, then a final fit on train + validation (qualityFit.ts); absent: one fit. */
  recipe?: 'quality';
}

/** A training request of the app: the spec and the dataset (by id) it is trained on. */
export interface TrainRequest extends TrainSpec {
  datasetId: string;
}

export interface TrainOptions {
  onProgress?: (p: Progress) => void;
  signal?: AbortSignal;
  /** Continue from saved weights (an interrupted run). */
  resumeFrom?: ModelState;
  /** Receives every epoch's weights (sequence models) with its early-stopping NDCG@10, e.g. to save them. */
  onCheckpoint?: (state: ModelState, epoch: number, valNdcg10: number) => void;
  /** The backend switch that lets a fit move off a GPU that faults (ml/backend's `backendSwitch`); none: no fallback. */
  backends?: BackendSwitch;
  context?: ModelContext;
  memoryBudgetBytes?: number;
}

export interface Trained {
  model: Recommender;
  trainSeconds: number;
  /** Things the analyst should know about the run, e.g. a GPU fault survived by moving to another backend. */
  notices: string[];
}

/** Whether a request trains for quality: fits twice from scratch (a resumed run continues one fit, so it takes the plain path). */
export function trainsForQuality<S extends Pick<TrainSpec, 'recipe' | 'model'>>(
  spec: S,
  resuming: boolean,
): spec is S & { model: QualityMode } {
  return spec.recipe === 'quality' && isQualityMode(spec.model) && !resuming;
}

/** The one training loop: build the model, restore `resumeFrom` if given, fit it (surviving GPU faults). */
export async function trainModel(split: LeaveOneOutSplit, spec: TrainSpec, options: TrainOptions = {}): Promise<Trained> {
  const { onProgress, signal, resumeFrom, onCheckpoint, backends, context = {}, memoryBudgetBytes } = options;
  if (trainsForQuality(spec, resumeFrom !== undefined)) {
    const q = await qualityFit(split, spec, { onProgress, signal, context, memoryBudgetBytes });
    return { model: q.model, trainSeconds: q.trainSeconds, notices: [] };
  }
  const build = () => createModel(spec.model, spec.settings, context);
  const started = performance.now();
  const track = progressTracker(`Training ${spec.model}`, 'steps', null);
  const first = await build();
  if (resumeFrom) first.importState(resumeFrom);
  const fitOptions = {
    seed: spec.seed,
    signal,
    resume: resumeFrom !== undefined,
    ...(memoryBudgetBytes !== undefined ? { memoryBudgetBytes } : {}),
    ...(onProgress ? { onProgress: (p: Progress) => onProgress({ ...p, label: p.label || track(0).label }) } : {}),
  };
  const { model, notices } = await fitResiliently(first, build, trainData(split), fitOptions, backends, onCheckpoint);
  throwIfAborted(signal);
  return { model, notices, trainSeconds: (performance.now() - started) / 1000 };
}

/** What the app shows of a trained (or restored) model. */
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
  /** The epochs an epoch budget chose at the measured step rate (sequence models trained with epochBudgetSec). */
  epochBudget?: EpochBudget;
  /** Why the last fit ended where it did (sequence models trained in this session; absent once restored). */
  stop?: FitStop;
  /** A debiased fit's weights: objective, propensity source, share clipped, effective sample size. */
  overlap?: DebiasOverlap;
  /** Id of the checkpoint saved in the browser (IndexedDB), when saving worked. */
  savedAs?: string;
  /** A "train for quality" run's two phases (qualityFit.ts). */
  recipe?: QualityRecord;
  /** A model trained elsewhere and converted (checkpoint.ts ImportedModel). */
  importedFrom?: ImportedModel;
}

/** Measure a fitted model on the validation stage and describe it (everything but its id). */
export async function describeTrained(
  model: Recommender,
  split: LeaveOneOutSplit,
  about: TrainRequest & { trainSeconds: number; notices: string[] },
  signal?: AbortSignal,
): Promise<Omit<TrainedModelInfo, 'id'>> {
  const val = await evaluate(model, split, {
    protocol: 'full',
    k: [10],
    stage: 'validation',
    seed: about.seed,
    bootstrapSamples: 100,
    signal,
  });
  return {
    name: about.model,
    datasetId: about.datasetId,
    settings: about.settings,
    seed: about.seed,
    backend: model.backend,
    trainSeconds: about.trainSeconds,
    validation: { ndcg10: val.metrics['NDCG@10'], hr10: val.metrics['HR@10'] },
    curve: trainingCurve(model),
    notices: about.notices,
    ...withOverlap(model),
    ...withEpochBudget(model),
    ...withStop(model),
    ...withRecipe(model),
  };
}

const withOverlap = (model: Recommender): { overlap?: DebiasOverlap } => {
  const overlap = debiasOverlapOf(model);
  return overlap ? { overlap } : {};
};

const withEpochBudget = (model: Recommender): { epochBudget?: EpochBudget } => {
  const epochBudget = epochBudgetOf(model);
  return epochBudget ? { epochBudget } : {};
};

const withStop = (model: Recommender): { stop?: FitStop } => {
  const stop = fitStopOf(model);
  return stop ? { stop } : {};
};

const withRecipe = (model: Recommender): { recipe?: QualityRecord } => {
  const recipe = recipeOf(model);
  return recipe ? { recipe } : {};
};

/** The epoch history a model kept from its last fit (sequence models keep one as `lastFit.history`), else none. */
export function trainingCurve(model: Recommender): TrainedModelInfo['curve'] {
  const history = (model as { lastFit?: { history?: { epoch: number; loss: number; valNdcg10?: number }[] } }).lastFit?.history;
  return (history ?? []).map(({ epoch, loss, valNdcg10 }) => ({ epoch, loss, ...(valNdcg10 !== undefined ? { valNdcg10 } : {}) }));
}

/** The config a checkpoint of a model trained on `split` carries (encodeCheckpoint fills `settings` from the state). */
export function checkpointConfig(about: {
  model: string;
  backend: string;
  seed: number;
  trainSeconds: number;
  source: string;
  users: number;
  items: number;
  split: LeaveOneOutSplit;
  createdAt?: string;
}): CheckpointConfig {
  const { split } = about;
  return {
    format: CHECKPOINT_FORMAT,
    version: CHECKPOINT_VERSION,
    model: about.model,
    backend: about.backend,
    settings: {},
    seed: about.seed,
    trainSeconds: about.trainSeconds,
    createdAt: about.createdAt ?? new Date().toISOString(),
    data: { source: about.source, users: about.users, items: about.items, interactions: split.sequences.items.length },
    split: { kind: 'leave-one-out', events: split.options.events, targetEvents: split.options.targetEvents },
  };
}
