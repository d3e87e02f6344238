// The rules of "train for quality" (issue #23, requirement 5): how long the tuning fit may run, how often it validates,
// and when it may stop, each sized to the data. Pure numbers, so each rule is checked by hand in qualityRecipe.test.ts;
// qualityFit.ts runs them.
import type { EventLog } from '../data/eventLog';
import { checkValue, type Range } from '../lib/ranges';
import { leaveOneOutSplit, trainData } from './split';

/** Sequence models the recipe knows; other models have no epochs to choose. */
export type QualityMode = 'sasrec' | 'bert4rec';

/**
 * Item-table updates one item should receive over the tuning fit at most: epochs ≈ this / (training events per item),
 * since each epoch touches an item about once per event it has. The cap only has to lie past the best epoch; early
 * stopping ends the fit there. SASRec's best epoch came at about 224 updates per item on Beauty (16 events per item,
 * epoch 14), 2,200 on ml-100k (58, epoch 38) and 840 on ml-latest-small (10, epoch 82) (BENCHMARKS.md "train for
 * quality"); a cap from 1000 ended the last two fits before patience did, with validation still at its best, so it is
 * now 4000, near twice the largest measured. BERT4Rec's is the same 4000 updates: the paper's own schedule is longer
 * (400,000 steps of 256 sequences = 2,546 passes over Beauty's 40,226 users ≈ 12,700 updates per item), but at the
 * paper's learning rate, 1e-4, where 1,896 steps on Beauty learned nothing beyond popularity. At RecLens's default
 * 1e-3 (the paper's recipe otherwise) validation peaked at epoch 54, about 270 updates per item, and fell after it
 * (BENCHMARKS.md "Beauty — BERT4Rec toward its paper's figure"). A cap from 12,800 (2553 epochs on Beauty) would
 * validate only every 51 epochs and not stop before epoch 256; 4000 gives Beauty 798, validated every 16, no stop
 * before 80: the best epoch is seen to within 8 and early stopping, not the cap, ends the fit. BERT4Rec learns from
 * the masked share of each sequence only and needs more training than SASRec (Petrov & Macdonald 2022, "A Systematic
 * Review and Replicability Study of BERT4Rec"): its floor below is three times SASRec's.
 */
export const UPDATES_PER_ITEM: Readonly<Record<QualityMode, number>> = { sasrec: 4000, bert4rec: 4000 };

/**
 * The cap's floor and ceiling. Dense logs (ml-100k: 59 events per item) would otherwise get a handful of epochs where
 * the models are still far from converged; the ceiling keeps a near-empty log from planning a week of training.
 * BERT4Rec's floor: on ml-100k the former floor of 200 ended the tuning fit with validation NDCG@10 still rising
 * (0.0712 at epoch 124, 0.0776 at 164, 0.0796 at 200; BENCHMARKS.md "ml-100k — train for quality"), so its best
 * epoch is 200 or later. A fit stops once its best is half its own count behind, so a cap of 600 lets patience, not
 * the cap, end a fit whose best comes as late as epoch 400 (twice the measured 200); with that floor, ml-100k's
 * BERT4Rec peaked at epoch 132 and patience ended the fit at 204. SASRec's floor: the former 50 ended ml-100k's fit
 * at its cap with the best epoch at 38 and patience not run out; 200 leaves room for a best as late as 130.
 */
export const MAX_EPOCHS_RANGE: Readonly<Record<QualityMode, Range>> = {
  sasrec: { min: 200, max: 1000, integer: true },
  bert4rec: { min: 600, max: 4000, integer: true },
};

/**
 * Settings the recipe chooses itself, so an analyst's values for them are not used: the CLI refuses them with
 * --quality, the app names them beside the plan.
 */
export const RECIPE_SET_KEYS = ['maxEpochs', 'patience', 'evalEvery', 'epochBudgetSec', 'timeBudgetSec'] as const;

/** The keys of `settings` the recipe will set itself, in RECIPE_SET_KEYS' order. */
export function recipeSetKeysIn(settings: Record<string, unknown>): string[] {
  return RECIPE_SET_KEYS.filter((k) => Object.hasOwn(settings, k));
}

/** `settings` without those the recipe sets itself: what a model trained for quality records as its settings. */
export function withoutRecipeKeys(settings: Record<string, unknown>): Record<string, unknown> {
  const kept = { ...settings };
  for (const k of RECIPE_SET_KEYS) delete kept[k];
  return kept;
}

/** About this many validation passes over the cap: validation costs a bounded share however long the cap is. */
export const VALIDATIONS_PER_CAP = 50;

/** No stop before this share of the cap (at least MIN_EPOCHS): early plateaus of a slow start are not the best. */
export const MIN_EPOCH_SHARE = 0.1;
export const MIN_EPOCHS = 10;

/**
 * Patience grows with the epochs needed so far: stop only when the best epoch is this share behind (at least
 * MIN_PATIENCE validations). A model that needed 100 epochs to improve gets 50 more to improve again.
 */
export const PATIENCE_SHARE = 0.5;
export const MIN_PATIENCE_VALIDATIONS = 3;

/** The data's shape the rules read, range-checked before any plan (and so before any model is built). */
export const QUALITY_INPUT_RANGES = {
  trainEvents: { min: 1, max: 1e10, integer: true },
  numItems: { min: 1, max: 1e9, integer: true },
} as const satisfies Record<string, Range>;

export interface QualityPlan {
  mode: QualityMode;
  /** Training events per item of the tuning fit's data. */
  eventsPerItem: number;
  /** The tuning fit's cap (its own early stopping usually ends it sooner). */
  maxEpochs: number;
  /** Validation every this many epochs. */
  evalEvery: number;
  /** No stop before this epoch. */
  minEpochs: number;
  /** Epochs without improvement that always suffice to stop (past minEpochs); PATIENCE_SHARE × best epoch when larger. */
  minPatience: number;
}

/** The plan for a log with `trainEvents` training events over `numItems` items; throws on an out-of-range input. */
export function planQuality(mode: QualityMode, trainEvents: number, numItems: number): QualityPlan {
  const bad =
    checkValue('trainEvents', trainEvents, QUALITY_INPUT_RANGES.trainEvents) ??
    checkValue('numItems', numItems, QUALITY_INPUT_RANGES.numItems);
  if (bad) throw new Error(`train for quality: ${bad}`);
  const eventsPerItem = trainEvents / numItems;
  const range = MAX_EPOCHS_RANGE[mode];
  const maxEpochs = Math.min(range.max, Math.max(range.min, Math.ceil(UPDATES_PER_ITEM[mode] / eventsPerItem)));
  const evalEvery = Math.max(1, Math.round(maxEpochs / VALIDATIONS_PER_CAP));
  const minEpochs = Math.max(MIN_EPOCHS, Math.ceil(MIN_EPOCH_SHARE * maxEpochs));
  return { mode, eventsPerItem, maxEpochs, evalEvery, minEpochs, minPatience: MIN_PATIENCE_VALIDATIONS * evalEvery };
}

/** Epochs without improvement after which the tuning fit stops, given its best epoch so far. */
export function patienceAt(plan: QualityPlan, bestEpoch: number): number {
  return Math.max(plan.minPatience, Math.ceil(PATIENCE_SHARE * bestEpoch));
}

/** Whether the tuning fit stops after validating at `epoch` with its best at `bestEpoch`. */
export function shouldStop(plan: QualityPlan, epoch: number, bestEpoch: number): boolean {
  if (epoch >= plan.maxEpochs) return true;
  return epoch >= plan.minEpochs && epoch - bestEpoch >= patienceAt(plan, bestEpoch);
}

/** The plan for a whole log, as the app shows it before training: its default leave-one-out split's training part. */
export function planQualityForLog(mode: QualityMode, log: EventLog): QualityPlan | null {
  const train = trainData(leaveOneOutSplit(log));
  const events = train.sequences.items.length;
  return events > 0 && train.numItems > 0 ? planQuality(mode, events, train.numItems) : null;
}

/** What the checkpoint's config.json records of a quality fit (`recipe`), so a reader can see how the model was made. */
export interface QualityRecord {
  kind: 'quality';
  plan: QualityPlan;
  tuning: {
    /** Epochs the tuning fit ran. */
    epochs: number;
    bestEpoch: number;
    bestValNdcg10: number;
    stoppedBy: 'patience' | 'cap';
    /** Validation NDCG@10 (full ranking) at each validated epoch. */
    curve: { epoch: number; valNdcg10: number }[];
    seconds: number;
  };
  finalFit: { epochs: number; seconds: number; data: 'train + validation' };
}
