// How many epochs a sequence model gets when the analyst has not said: as many as fit a wall-clock budget at the
// step rate measured on the run's first steps (plus the validation passes), so the first model on any log is ready in
// about two minutes whatever the machine; early stopping may still end it sooner, and "Train longer" continues it.
import type { Range } from '../lib/ranges';

/** The default budget of the app and of `reclens train` without --epochs: about two minutes. */
export const DEFAULT_EPOCH_BUDGET_SEC = 120;

/** epochBudgetSec: 0 turns the budget off (maxEpochs alone decides); at most a day. */
export const EPOCH_BUDGET_RANGE: Range = { min: 0, max: 86_400 };

/** Steps timed before the epoch count is chosen (fewer when an epoch is shorter). */
export const PROBE_STEPS = 20;

export interface EpochBudgetInput {
  /** Seconds the whole fit may take. */
  budgetSec: number;
  /** Optimizer steps per second, measured on the first steps. */
  stepsPerSec: number;
  stepsPerEpoch: number;
  /** Seconds of one validation pass, once one has been timed (0 before). */
  validationSec?: number;
  /** Validation runs every this many epochs. */
  evalEvery?: number;
  /** The cap the settings set (the budget never raises it). */
  maxEpochs: number;
}

/** What was chosen and from what, for the sentence "12 epochs fit in 2:00 at 41 steps/s". */
export interface EpochBudget {
  epochs: number;
  budgetSec: number;
  stepsPerSec: number;
  /** Seconds one epoch is expected to take, its share of validation included. */
  epochSec: number;
  /** True when maxEpochs, not the budget, set the count. */
  capped: boolean;
}

/** At least one epoch, at most maxEpochs; as many whole epochs as fit the budget in between. */
export function planEpochs(input: EpochBudgetInput): EpochBudget {
  const { budgetSec, stepsPerSec, stepsPerEpoch, maxEpochs } = input;
  const evalEvery = Math.max(1, input.evalEvery ?? 1);
  const rate = Number.isFinite(stepsPerSec) && stepsPerSec > 0 ? stepsPerSec : Number.MIN_VALUE;
  const epochSec = stepsPerEpoch / rate + Math.max(0, input.validationSec ?? 0) / evalEvery;
  const fit = Math.floor(budgetSec / epochSec);
  const epochs = Math.max(1, Math.min(maxEpochs, Number.isFinite(fit) ? fit : maxEpochs));
  return { epochs, budgetSec, stepsPerSec, epochSec, capped: fit >= maxEpochs };
}

/**
 * History length of a first fit within the budget. The data's own default (80th percentile, up to 200) ran at 0.085
 * steps/s on ml-100k on 2 busy cores: 1 epoch in two minutes, NDCG@10 0.019, below popularity's 0.045; 50 ran at 1.5
 * steps/s: 20 epochs, 0.076.
 */
export const FIRST_FIT_MAX_LEN = 50;

/**
 * The settings a first fit starts from, in the app and the CLI alike: a model trained in epochs (its table has
 * epochBudgetSec) gets the default budget and FIRST_FIT_MAX_LEN unless the analyst set maxEpochs or a budget (or
 * maxLen) themselves; other models' settings are returned as they are.
 */
export function withDefaultEpochBudget(
  params: Readonly<Record<string, unknown>>,
  settings: Record<string, unknown>,
): Record<string, unknown> {
  if (!Object.hasOwn(params, 'epochBudgetSec')) return settings;
  if (settings.maxEpochs !== undefined || settings.epochBudgetSec !== undefined) return settings;
  return { maxLen: FIRST_FIT_MAX_LEN, ...settings, epochBudgetSec: DEFAULT_EPOCH_BUDGET_SEC };
}

/** The budget a fitted model's last fit chose (sequence models keep it in `lastFit.epochBudget`), else undefined. */
export function epochBudgetOf(model: object): EpochBudget | undefined {
  return (model as { lastFit?: { epochBudget?: EpochBudget } }).lastFit?.epochBudget;
}

/** Epochs a "Train longer" run may add at most (the budget usually ends it far sooner, early stopping sooner still). */
export const LONGER_MAX_EPOCHS = 200;

/**
 * The settings that continue a trained sequence model (its checkpoint settings, with `epochsTrained`) for another
 * budget: the budget it was trained with (the default when it had none) and room for LONGER_MAX_EPOCHS more epochs.
 */
export function longerSettings(settings: Record<string, unknown>): Record<string, unknown> {
  const trained = Number(settings.epochsTrained) || 0;
  const budget = Number(settings.epochBudgetSec) > 0 ? Number(settings.epochBudgetSec) : DEFAULT_EPOCH_BUDGET_SEC;
  return { ...settings, epochBudgetSec: budget, maxEpochs: Math.min(100_000, trained + LONGER_MAX_EPOCHS) };
}
