// "Train for quality" (issue #23, requirement 5): the papers' protocol as one call. Phase 1 tunes: it early-stops on
// the split's validation item, with the data-sized rules of qualityRecipe.ts, only to learn the best epoch count.
// Phase 2 is the model kept: a fresh one, same seed, trained on train + validation for that many epochs (BERT4Rec's
// code trains on everything but the test item; on Beauty this lifted pop100 NDCG@10 by 20%, BENCHMARKS.md).
import { abortError, isAbortError, throwIfAborted, type Progress } from '../lib/progress';
import { FIRST_FIT_MAX_LEN } from './epochBudget';
import { planQuality, patienceAt, shouldStop, type QualityMode, type QualityRecord } from './qualityRecipe';
import type { FitOptions, Recommender } from './recommender';
import { createModel, type ModelContext } from './registry';
import { evaluatedUsers, excludedItems, heldOutItem, historyEventsOf, historyOf, trainData, type LeaveOneOutSplit } from './split';

/** The record of each model a quality fit returned, for whoever describes it later (rec/train's describeTrained). */
const records = new WeakMap<object, QualityRecord>();
export const recipeOf = (model: object): QualityRecord | undefined => records.get(model);

export const QUALITY_MODES: readonly QualityMode[] = ['sasrec', 'bert4rec'];
export const isQualityMode = (name: string): name is QualityMode => (QUALITY_MODES as readonly string[]).includes(name);

export interface QualityFitOptions {
  onProgress?: (p: Progress) => void;
  signal?: AbortSignal;
  context?: ModelContext;
  memoryBudgetBytes?: number;
  /** Injectable clock for progress figures (tests). */
  now?: () => number;
}

export interface QualityFitted {
  model: Recommender;
  trainSeconds: number;
  recipe: QualityRecord;
}

/** The split's validation stage, in the shape the sequence models early-stop on (SeqFitOptions.validation). */
interface ValidationRows {
  inputs: { items: Int32Array; events?: Uint8Array }[];
  targets: Int32Array;
  exclude: Int32Array[];
}

function validationRows(split: LeaveOneOutSplit): ValidationRows {
  const users = Array.from(evaluatedUsers(split)).filter((u) => heldOutItem(split, u, 'validation') >= 0);
  return {
    inputs: users.map((u) => {
      const events = historyEventsOf(split, u, 'validation');
      return { items: historyOf(split, u, 'validation'), ...(events ? { events } : {}) };
    }),
    targets: Int32Array.from(users, (u) => heldOutItem(split, u, 'validation')),
    exclude: users.map((u) => excludedItems(split, u, 'validation')),
  };
}

/**
 * Tune, then fit on train + validation. `settings` are the analyst's (checked by the registry); the recipe sets the
 * epochs, validation cadence and stopping itself, and maxLen FIRST_FIT_MAX_LEN (the papers' 50) unless given.
 */
export async function qualityFit(
  split: LeaveOneOutSplit,
  spec: { model: QualityMode; settings: Record<string, unknown>; seed: number },
  options: QualityFitOptions = {},
): Promise<QualityFitted> {
  const { signal, context = {}, memoryBudgetBytes } = options;
  const now = options.now ?? (() => performance.now());
  const tuningData = trainData(split);
  const plan = planQuality(spec.model, tuningData.sequences.items.length, tuningData.numItems);
  const validation = validationRows(split);
  if (validation.targets.length === 0) throw new Error('train for quality needs users with a validation item (3 or more events)');
  const base = { maxLen: FIRST_FIT_MAX_LEN, ...spec.settings, epochBudgetSec: 0, timeBudgetSec: 0 };
  const started = now();
  // Progress counts epochs over both phases: the tuning fit's earliest possible stop plus a final fit as long as the
  // best epoch so far (both grow as validation improves), so rate and ETA follow what is actually planned.
  let bestEpoch = 0;
  let bestVal = -Infinity;
  let stopAt = plan.minEpochs;
  const report = (phase: 'tuning' | 'final fit', done: number, total: number, detail: Record<string, number | string>) => {
    const seconds = Math.max((now() - started) / 1000, 1e-6);
    const rate = done / seconds;
    options.onProgress?.({
      label: `Training ${spec.model} for quality: ${phase}`,
      done,
      total,
      unit: 'epochs',
      rate,
      etaSeconds: rate > 0 ? Math.max(0, (total - done) / rate) : null,
      // While tuning, the total is the earliest end (no better validation from here on): a better epoch moves the stop
      // and lengthens the final fit.
      ...(phase === 'tuning' ? { totalIsFloor: true } : {}),
      detail: { phase, ...detail },
    });
  };
  const epochsOf = (p: Progress, cap: number) => (p.total ? (p.done / p.total) * cap : Number(p.detail?.epoch ?? 0));

  // Phase 1. Its loss and validation figures pass through, for the app's live curve (the final fit's steps restart at 1,
  // so only its phase and epoch are reported). The model's own patience is turned off (its range's largest); this recipe stops the fit through its own
  // AbortController once shouldStop says so, and keeps only the best epoch count (the tuned weights are not kept).
  const curve: QualityRecord['tuning']['curve'] = [];
  const stop = new AbortController();
  const onAbort = () => stop.abort();
  signal?.addEventListener('abort', onAbort);
  let tuningEpochs = 0;
  const tuned = await createModel(spec.model, { ...base, maxEpochs: plan.maxEpochs, evalEvery: plan.evalEvery, patience: 10_000 }, context);
  try {
    const tuningOptions: FitOptions & { validation: ValidationRows } = {
      seed: spec.seed,
      signal: stop.signal,
      validation,
      ...(memoryBudgetBytes !== undefined ? { memoryBudgetBytes } : {}),
      onProgress: (p) => {
        const epoch = Number(p.detail?.epoch);
        if (p.detail?.valNdcg10 !== undefined && Number.isFinite(epoch)) {
          const val = Number(p.detail.valNdcg10);
          curve.push({ epoch, valNdcg10: val });
          tuningEpochs = epoch;
          // Ties go to the later epoch, as in the trainer's own early stopping.
          if (val >= bestVal) [bestVal, bestEpoch] = [val, epoch];
          stopAt = Math.min(plan.maxEpochs, Math.max(plan.minEpochs, bestEpoch + patienceAt(plan, bestEpoch)));
          if (shouldStop(plan, epoch, bestEpoch)) stop.abort();
        }
        const done = epochsOf(p, plan.maxEpochs);
        report('tuning', done, Math.max(stopAt, done) + Math.max(bestEpoch, 1), {
          ...p.detail,
          epoch: p.detail?.epoch ?? 0,
          bestEpoch,
          // The recipe's own best (the epoch it will refit for), not only the trainer's.
          ...(curve.length ? { bestValNdcg10: bestVal } : {}),
          maxEpochs: plan.maxEpochs,
        });
      },
    };
    try {
      await tuned.fit(tuningData, tuningOptions);
    } catch (e) {
      // Our own stop ends the fit with an AbortError; the analyst's Cancel (or any other failure) propagates.
      if (!isAbortError(e) || signal?.aborted || curve.length === 0) throw signal?.aborted ? abortError() : e;
    }
  } finally {
    signal?.removeEventListener('abort', onAbort);
    tuned.dispose?.();
  }
  throwIfAborted(signal);
  const tuningSeconds = (now() - started) / 1000;
  const stoppedBy: QualityRecord['tuning']['stoppedBy'] = tuningEpochs >= plan.maxEpochs ? 'cap' : 'patience';

  // Phase 2: a fresh model, same seed, every item but the test one, no validation ('none'), the chosen epochs.
  const finalStart = now();
  const model = await createModel(spec.model, { ...base, maxEpochs: bestEpoch }, context);
  try {
    const finalOptions: FitOptions & { validation: 'none' } = {
      seed: spec.seed,
      signal,
      validation: 'none',
      ...(memoryBudgetBytes !== undefined ? { memoryBudgetBytes } : {}),
      onProgress: (p) =>
        report('final fit', tuningEpochs + epochsOf(p, bestEpoch), tuningEpochs + bestEpoch, { epoch: p.detail?.epoch ?? 0, bestEpoch }),
    };
    await model.fit(trainData(split, { withValidation: true }), finalOptions);
    throwIfAborted(signal);
  } catch (e) {
    model.dispose?.();
    throw e;
  }
  const finalSeconds = (now() - finalStart) / 1000;
  const recipe: QualityRecord = {
    kind: 'quality',
    plan,
    tuning: { epochs: tuningEpochs, bestEpoch, bestValNdcg10: bestVal, stoppedBy, curve, seconds: tuningSeconds },
    finalFit: { epochs: bestEpoch, seconds: finalSeconds, data: 'train + validation' },
  };
  records.set(model, recipe);
  return { model, trainSeconds: (now() - started) / 1000, recipe };
}
