// The buy predictor behind guidance: the logistic baseline (rec/predict) fitted on the "will buy within the next N
// events" examples of the log, then applied to each user's whole history — the question is about what they do next.
// It also says why: each feature's contribution to the predicted log-odds against a user whose feature sits at the
// training average, which for a logistic model is exactly coefficient × standardised value.
import type { EventLog } from '../../data/eventLog';
import { normaliseEventType } from '../../data/eventTypes';
import { predictionTask, splitExamples, userRows } from '../../data/predictionTask';
import type { Progress } from '../../lib/progress';
import { fail, ok, type Result } from '../../lib/result';
import { metricOver } from '../predict/classificationMetrics';
import { historyFeatures } from '../predict/historyFeatures';
import { fitSoftmax, type SoftmaxModel, type SoftmaxSettings } from '../predict/softmaxRegression';

/** What a feature of historyFeatures measures, so a reason can be phrased from its figure. */
export type ReasonKind = 'count' | 'since' | 'length' | 'distinct' | 'last' | 'gap' | 'span';

/** One feature's part in a user's buy probability. */
export interface GuidanceReason {
  /** The feature as historyFeatures names it, e.g. "log1p(cart count)". */
  feature: string;
  kind: ReasonKind;
  /** The event type the feature is about (count, since, last), else null. */
  eventType: string | null;
  /**
   * The feature's plain figure for this user: events (count, since, length), distinct items, 1/0 (last), days (gap,
   * span). For `since`, a value above `historyLength` means the user has no such event.
   */
  value: number;
  /** Change in the predicted log-odds of buying from this feature's value against the training average (+ raises). */
  contribution: number;
  /** Events in the history the figures describe. */
  historyLength: number;
}

export interface BuyPredictorInfo {
  horizonEvents: number;
  trainExamples: number;
  trainBuyers: number;
  testExamples: number;
  testBuyers: number;
  /** ROC-AUC on the held-out examples; null when they hold only buyers or only non-buyers. */
  heldOutRocAuc: number | null;
  /** The predicted buy probability of a user whose every feature sits at the training average: what reasons compare with. */
  averageProbability: number;
}

export interface BuyPredictor {
  info: BuyPredictorInfo;
  /** P(a purchase within the horizon) after the history (event rows in time order). */
  probability(rows: Uint32Array): number;
  /** Every non-zero contribution, largest magnitude first (ties: feature order). */
  reasons(rows: Uint32Array): GuidanceReason[];
  /** The user's whole history as the predictor reads it (exposures left out, as in the training examples). */
  historyOf(user: number): Uint32Array;
}

export interface BuyPredictorOptions {
  seed: number;
  horizonEvents?: number;
  softmax?: Partial<SoftmaxSettings>;
  signal?: AbortSignal;
  onProgress?: (p: Progress) => void;
}

export const DEFAULT_HORIZON_EVENTS = 10;
const IGNORED = ['exposure'];

/** Kind and event type of feature k of historyFeatures for a log with T event types (its documented order). */
export function featureKind(k: number, eventTypes: readonly string[]): { kind: ReasonKind; eventType: string | null } {
  const T = eventTypes.length;
  if (k < T) return { kind: 'count', eventType: eventTypes[k] };
  if (k < 2 * T) return { kind: 'since', eventType: eventTypes[k - T] };
  if (k === 2 * T) return { kind: 'length', eventType: null };
  if (k === 2 * T + 1) return { kind: 'distinct', eventType: null };
  if (k < 3 * T + 2) return { kind: 'last', eventType: eventTypes[k - 2 * T - 2] };
  return { kind: k === 3 * T + 2 ? 'gap' : 'span', eventType: null };
}

/** The plain figure behind a feature's value: its log1p undone (counts rounded), a one-hot as it is. */
const plainValue = (kind: ReasonKind, x: number): number =>
  kind === 'last' ? x : kind === 'gap' || kind === 'span' ? Math.expm1(x) : Math.round(Math.expm1(x));

const logOdds = (p: Float32Array) => Math.log(Math.max(p[1], 1e-30)) - Math.log(Math.max(p[0], 1e-30));

/** Fit on a seeded 80% of the buy examples; the other 20% give the held-out ROC-AUC the guidance reports. */
export function fitBuyPredictor(log: EventLog, options: BuyPredictorOptions): Result<BuyPredictor> {
  const horizonEvents = options.horizonEvents ?? DEFAULT_HORIZON_EVENTS;
  // Said here in guidance's terms (predictionTask's own refusal suggests another target, which guidance has not).
  if (!log.eventTypes.some((t) => normaliseEventType(t) === 'purchase')) return fail('the log has no purchase events to learn buying from');
  const made = predictionTask(log, null, { target: 'buy', horizon: { events: horizonEvents }, ignoreTypes: IGNORED, seed: options.seed });
  if (!made.ok) return made;
  const task = made.data;
  if (task.examples.length < 2) return fail(`only ${task.examples.length} user has a history to learn buying from`);
  const split = splitExamples(task.examples.length, options.seed);
  const trainX = historyFeatures(
    log,
    split.train.map((i) => task.examples[i].rows),
  );
  const dim = trainX.names.length;
  const labels = split.train.map((i) => task.examples[i].label);
  const trainBuyers = labels.reduce((a, b) => a + b, 0);
  if (trainBuyers === 0 || trainBuyers === labels.length)
    return fail(`every training history is followed by ${trainBuyers ? 'a purchase' : 'no purchase'}: nothing to learn buying from`);
  const fit = fitSoftmax(trainX.data, dim, labels, 2, options.softmax, { signal: options.signal, onProgress: options.onProgress });
  if (!fit.ok) return fit;
  const model: SoftmaxModel = fit.data;
  // The standardisation's centre: contributions are measured against a user at the training average.
  const mean = new Float64Array(dim);
  for (let i = 0; i < labels.length; i++) for (let k = 0; k < dim; k++) mean[k] += trainX.data[i * dim + k] / labels.length;

  const testX = historyFeatures(
    log,
    split.test.map((i) => task.examples[i].rows),
  );
  const testLabels = split.test.map((i) => task.examples[i].label);
  const probabilities = split.test.map((_, t) => model.predict(testX.data.subarray(t * dim, (t + 1) * dim)));
  const auc = metricOver({ probabilities, labels: testLabels, classes: 2 }, 'rocAuc');
  const info: BuyPredictorInfo = {
    horizonEvents,
    trainExamples: labels.length,
    trainBuyers,
    testExamples: testLabels.length,
    testBuyers: testLabels.reduce((a, b) => a + b, 0),
    heldOutRocAuc: Number.isFinite(auc) ? auc : null,
    averageProbability: model.predict(mean)[1],
  };
  const features = (rows: Uint32Array) => historyFeatures(log, [rows]).data;
  const ignore = new Set(IGNORED);
  return ok({
    info,
    probability: (rows) => model.predict(features(rows))[1],
    reasons(rows) {
      const x = features(rows);
      const base = logOdds(model.predict(x));
      const out: GuidanceReason[] = [];
      for (let k = 0; k < dim; k++) {
        if (x[k] === mean[k]) continue;
        const moved = Float64Array.from(x);
        moved[k] = mean[k];
        const contribution = base - logOdds(model.predict(moved));
        if (contribution === 0) continue;
        const { kind, eventType } = featureKind(k, log.eventTypes);
        out.push({ feature: trainX.names[k], kind, eventType, value: plainValue(kind, x[k]), contribution, historyLength: rows.length });
      }
      return out.sort((a, b) => Math.abs(b.contribution) - Math.abs(a.contribution));
    },
    historyOf: (user) => userRows(log, user, ignore),
  });
}
