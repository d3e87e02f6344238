// Shared shapes of the explanation core: what is explained, what a method returns, what a model can offer.
import type { ItemIdx, UserIdx } from '../lib/ids';
import type { Recommender } from '../rec/recommender';

/** One recommendation to explain: the score of `item` for a user given `history` (time-ordered item indices). */
export interface ExplainTarget {
  /** The user's index in the model's training data (-1 = unknown); passed through to scoreUsers. */
  user: UserIdx;
  history: Int32Array;
  /** The recommended item whose score is explained. */
  item: ItemIdx;
  /** Items never ranked (default: the history's items), for rank changes. */
  exclude?: ArrayLike<number>;
  /** Model inputs aligned with `history` (event type index, Unix seconds) for models trained with them. */
  events?: ArrayLike<number>;
  times?: ArrayLike<number>;
}

export type Requirement = 'scores' | 'embeddingGradients' | 'attentions';

/** Integrated Gradients baselines, in the order the CLI and the views list them (labels: `explain.baseline.<key>`). */
export const IG_BASELINES = ['mask', 'padding', 'zeros', 'mean'] as const;
export type IgBaseline = (typeof IG_BASELINES)[number];

/** Per-event result of a gradient method (values are 0 for events the model does not read). */
export interface GradientAttribution {
  values: Float64Array;
  /** f(x): the target item's score on the full input. */
  score: number;
  /** f(baseline), for Integrated Gradients. */
  baselineScore?: number;
  /** How many of the newest events the model reads (older ones are truncated away and get 0). */
  readEvents: number;
}

export interface AttentionMaps {
  /** Per layer, head-major probabilities [heads × len × len] (query × key) of one row. */
  layers: Float32Array[];
  heads: number;
  len: number;
  /** The column the prediction is read from (the last one: newest event for sasrec, [MASK] for bert4rec). */
  readColumn: number;
  /** Column of each history event, -1 for events outside the model's window. */
  columnOf: Int32Array;
  /**
   * Where an event spans several columns (a word's word pieces): the event index of each column, -1 for special
   * tokens and padding. Rollout then sums an event's columns instead of reading `columnOf`'s one.
   */
  eventOfColumn?: Int32Array;
  score: number;
}

/**
 * Model internals a sequence model can expose (implemented with TF.js in src/ml/explain). Scores everywhere are
 * the same numbers scoreUsers returns for the target item.
 */
export interface SequenceInternals {
  integratedGradients(
    target: ExplainTarget,
    options: { baseline: IgBaseline; steps: number; padTo?: number },
  ): Promise<GradientAttribution & { columns: Float64Array }>;
  gradientTimesInput(target: ExplainTarget): Promise<GradientAttribution>;
  /** `padTo`: pad the row to this many columns (padding under a 0 attention mask), to check padding gets nothing. */
  attentions(target: ExplainTarget, options?: { padTo?: number }): Promise<AttentionMaps>;
}

/** A recommender plus whatever internals it exposes; methods check what they need against this. */
export interface ExplainableModel {
  recommender: Recommender;
  internals?: SequenceInternals;
}

export type Diagnostics = Record<string, number | string | boolean | number[] | null>;

export interface Attribution {
  method: string;
  /** One value per history event (same order as target.history); larger = pushes the item's score up more. */
  values: Float64Array;
  /** The target item's score on the full history. */
  score: number;
  diagnostics: Diagnostics;
  /** Caveats a reader must see (e.g. "only the newest 64 events were attributed"). */
  notes: string[];
}

export interface MethodOptions {
  seed?: number;
  /** IG interpolation steps (default 32). */
  steps?: number;
  baseline?: IgBaseline;
  /** LIME perturbation samples / Shapley permutations. */
  samples?: number;
  /** Shapley: attribute at most this many newest events (default 24). */
  maxEvents?: number;
  signal?: AbortSignal;
}
