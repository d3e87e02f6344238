// The one interface every recommender implements — JS baselines here and the TF.js sequence models in src/ml/seqrec.

import type { Progress } from '../lib/progress';

/**
 * Per-user item sequences in compressed-row form: the items of user u are items[offsets[u] .. offsets[u+1]),
 * in time order, as item indices of the event log. Repeats are allowed (sequence models want them).
 */
export interface Interactions {
  readonly offsets: Uint32Array;
  readonly items: Int32Array;
}

/** What `fit` sees: the training part of a split (never a held-out item). */
export interface TrainData {
  readonly numUsers: number;
  readonly numItems: number;
  readonly sequences: Interactions;
  /** Event type (index into the log's event types) of each element of `sequences.items`; sequence models embed it. */
  readonly events?: Uint8Array;
  readonly numEventTypes?: number;
}

export interface FitOptions {
  seed: number;
  /** May return a promise at an epoch's end (a checkpoint being read), which sequence models await. */
  onProgress?: (p: Progress) => unknown;
  signal?: AbortSignal;
  /** Bytes the model may need (default: modelMemoryBudget() in memory.ts); fit refuses a larger estimate before allocating. */
  memoryBudgetBytes?: number;
}

/**
 * A batch to score. `histories[r]` is what the model may condition on for row r (time-ordered item indices:
 * train items when validating, train + validation when testing, everything when recommending).
 * `users[r]` is the user's index in TrainData, or -1 for a user the model never saw; baselines here ignore it
 * (they fold the history in), but a model with per-user parameters may use it.
 */
export interface ScoreBatch {
  readonly users: Int32Array;
  readonly histories: readonly Int32Array[];
  /** Event type per history element, aligned with `histories` (models that do not use types ignore it). */
  readonly events?: readonly ArrayLike<number>[];
}

/** Row-major item vectors: numItems rows of `dim` values. */
export interface ItemVectors {
  readonly data: Float32Array;
  readonly dim: number;
}

/** Plain tensors + JSON settings: what a checkpoint stores (see checkpoint.ts). */
export interface ModelState {
  /** JSON-serialisable settings needed to rebuild the model (hyper-parameters, sizes). */
  readonly settings: Record<string, unknown>;
  readonly tensors: Record<string, { shape: number[]; data: Float32Array }>;
}

export interface Recommender {
  /** Registry name, e.g. "ease". */
  readonly name: string;
  /** Where the numbers are computed: "js" for the baselines; a TF.js backend name for neural models. */
  readonly backend: string;
  fit(data: TrainData, options: FitOptions): Promise<void> | void;
  /**
   * Scores of every item for every row of the batch: a row-major Float32Array of batch.users.length × numItems
   * (written into `out` when it is large enough, so evaluation can reuse one buffer). Higher is better; scores of
   * history items need not be masked — ranking does that.
   */
  scoreUsers(batch: ScoreBatch, out?: Float32Array): Float32Array | Promise<Float32Array>;
  /**
   * Fitted parameters for a checkpoint, and their inverse (after construction with the same settings). A promise:
   * weights on a GPU are read back asynchronously (a synchronous WebGPU read can return zeros, see eslint.config.js).
   */
  exportState(): Promise<ModelState>;
  importState(state: ModelState): void;
  /**
   * One vector per item (row i = item i) for the embedding map, where the model has them: the sequence models' item
   * table, MF's item factors, the content model's text embeddings. Absent for models without item vectors (EASE, KNN).
   */
  itemVectors?(): Promise<ItemVectors>;
  /** Frees GPU memory; a no-op for the baselines. */
  dispose?(): void;
}

/** A score buffer for `rows` rows, reusing `out` when it is large enough. */
export function scoreBuffer(rows: number, numItems: number, out?: Float32Array): Float32Array {
  const n = rows * numItems;
  if (out && out.length >= n) {
    const view = out.subarray(0, n);
    view.fill(0);
    return view;
  }
  return new Float32Array(n);
}

/** Items of one user in a CSR. */
export function rowOf(x: Interactions, u: number): Int32Array {
  return x.items.subarray(x.offsets[u], x.offsets[u + 1]);
}
