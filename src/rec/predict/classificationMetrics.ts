// Metrics of a probabilistic classifier on held-out examples — accuracy, precision, recall, F1, ROC-AUC, PR-AUC and
// Brier score — each with a seeded bootstrap 95% interval over the examples, reliability bins for a calibration chart,
// and the paired bootstrap difference of a metric between two predictors scored on the same examples.
//
// Binary tasks (two classes) score the positive class (index 1): precision, recall and F1 of that class, AUCs of its
// probability, Brier = mean (p₁ − y)². With more classes: precision, recall and F1 are macro averages over the classes
// present (in the labels or the predictions, as scikit-learn does), the AUCs one-vs-rest macro averages over the
// classes with both positives and negatives, and Brier the mean over examples of Σₖ (pₖ − yₖ)² (Brier's own form).
import { bootstrapInterval } from '../../lib/bootstrap';
import type { PairedDifference } from '../pairedComparison';

export const CLASSIFICATION_METRICS = ['accuracy', 'precision', 'recall', 'f1', 'rocAuc', 'prAuc', 'brier'] as const;
export type ClassificationMetric = (typeof CLASSIFICATION_METRICS)[number];
export type MetricValues = Record<ClassificationMetric, number>;
export type MetricIntervals = Record<ClassificationMetric, [number, number]>;
/** Metrics where lower is better (the rest: higher is better). */
export const LOWER_IS_BETTER: ReadonlySet<ClassificationMetric> = new Set(['brier']);

/** Per-example class probabilities (one row per example, each summing to 1) and the true class of each. */
export interface ScoredExamples {
  probabilities: readonly Float32Array[];
  labels: ArrayLike<number>;
  /** Number of classes (the length of each probability row). */
  classes: number;
}

const allRows = (n: number) => Uint32Array.from({ length: n }, (_, i) => i);

/** Predicted class: the most probable (ties to the lower index, so p₁ = 0.5 predicts class 0). */
export function predictedClass(p: Float32Array): number {
  let best = 0;
  for (let k = 1; k < p.length; k++) if (p[k] > p[best]) best = k;
  return best;
}

export function accuracy(s: ScoredExamples, rows: ArrayLike<number> = allRows(s.labels.length)): number {
  let right = 0;
  for (let t = 0; t < rows.length; t++) if (predictedClass(s.probabilities[rows[t]]) === s.labels[rows[t]]) right++;
  return rows.length ? right / rows.length : NaN;
}

/** Precision, recall and F1: of class 1 for two classes, else macro over the classes present (no prediction → precision 0). */
export function precisionRecallF1(
  s: ScoredExamples,
  rows: ArrayLike<number> = allRows(s.labels.length),
): { precision: number; recall: number; f1: number } {
  const tp = new Float64Array(s.classes);
  const predicted = new Float64Array(s.classes);
  const actual = new Float64Array(s.classes);
  for (let t = 0; t < rows.length; t++) {
    const y = s.labels[rows[t]];
    const yhat = predictedClass(s.probabilities[rows[t]]);
    predicted[yhat]++;
    actual[y]++;
    if (y === yhat) tp[y]++;
  }
  const of = (k: number) => {
    const precision = predicted[k] ? tp[k] / predicted[k] : 0;
    const recall = actual[k] ? tp[k] / actual[k] : 0;
    return { precision, recall, f1: precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0 };
  };
  if (s.classes === 2) return actual[1] + predicted[1] > 0 ? of(1) : { precision: NaN, recall: NaN, f1: NaN };
  const present = Array.from({ length: s.classes }, (_, k) => k).filter((k) => actual[k] + predicted[k] > 0);
  const per = present.map(of);
  const avg = (f: (x: (typeof per)[number]) => number) => per.reduce((a, x) => a + f(x), 0) / per.length;
  return { precision: avg((x) => x.precision), recall: avg((x) => x.recall), f1: avg((x) => x.f1) };
}

/** Scores and 0/1 targets of class k over the rows, ordered by descending score. */
function ranked(s: ScoredExamples, k: number, rows: ArrayLike<number>): { score: Float64Array; positive: Uint8Array } {
  const order = Array.from(rows, (r) => r).sort((a, b) => s.probabilities[b][k] - s.probabilities[a][k]);
  return {
    score: Float64Array.from(order, (r) => s.probabilities[r][k]),
    positive: Uint8Array.from(order, (r) => (s.labels[r] === k ? 1 : 0)),
  };
}

/**
 * ROC-AUC of class k against the rest by the rank-sum (Mann–Whitney) formula, tied scores sharing their midrank (so
 * a tie between a positive and a negative counts ½). NaN without both positives and negatives.
 */
export function rocAucOf(s: ScoredExamples, k: number, rows: ArrayLike<number>): number {
  const { score, positive } = ranked(s, k, rows);
  const n = score.length;
  let pos = 0;
  let rankSum = 0;
  // Ranks ascend with the score: position i (descending order) of n has rank n − i; a tied run shares its mean rank.
  for (let i = 0; i < n;) {
    let j = i + 1;
    while (j < n && score[j] === score[i]) j++;
    const midrank = n - (i + j - 1) / 2;
    for (let t = i; t < j; t++) {
      if (!positive[t]) continue;
      pos++;
      rankSum += midrank;
    }
    i = j;
  }
  const neg = n - pos;
  if (!pos || !neg) return NaN;
  return (rankSum - (pos * (pos + 1)) / 2) / (pos * neg);
}

/**
 * Average precision of class k (scikit-learn's definition): Σ over distinct score thresholds, descending, of
 * (recall gained) × (precision at that threshold); tied scores enter together. NaN without positives.
 */
export function averagePrecisionOf(s: ScoredExamples, k: number, rows: ArrayLike<number>): number {
  const { score, positive } = ranked(s, k, rows);
  let total = 0;
  for (const p of positive) total += p;
  if (!total) return NaN;
  let tp = 0;
  let ap = 0;
  for (let i = 0; i < score.length;) {
    let j = i;
    let gained = 0;
    while (j < score.length && score[j] === score[i]) gained += positive[j++];
    tp += gained;
    ap += (gained / total) * (tp / j);
    i = j;
  }
  return ap;
}

/** One-vs-rest macro average of a per-class score over the classes where it is defined (binary: class 1 alone). */
function perClass(
  s: ScoredExamples,
  rows: ArrayLike<number>,
  f: (s: ScoredExamples, k: number, rows: ArrayLike<number>) => number,
): number {
  if (s.classes === 2) return f(s, 1, rows);
  let sum = 0;
  let defined = 0;
  for (let k = 0; k < s.classes; k++) {
    const v = f(s, k, rows);
    if (!Number.isFinite(v)) continue;
    sum += v;
    defined++;
  }
  return defined ? sum / defined : NaN;
}

export const rocAuc = (s: ScoredExamples, rows: ArrayLike<number> = allRows(s.labels.length)) => perClass(s, rows, rocAucOf);
export const prAuc = (s: ScoredExamples, rows: ArrayLike<number> = allRows(s.labels.length)) => perClass(s, rows, averagePrecisionOf);

export function brier(s: ScoredExamples, rows: ArrayLike<number> = allRows(s.labels.length)): number {
  let sum = 0;
  for (let t = 0; t < rows.length; t++) {
    const p = s.probabilities[rows[t]];
    const y = s.labels[rows[t]];
    if (s.classes === 2) sum += (p[1] - (y === 1 ? 1 : 0)) ** 2;
    else for (let k = 0; k < p.length; k++) sum += (p[k] - (k === y ? 1 : 0)) ** 2;
  }
  return rows.length ? sum / rows.length : NaN;
}

const METRIC: Record<ClassificationMetric, (s: ScoredExamples, rows: ArrayLike<number>) => number> = {
  accuracy,
  precision: (s, rows) => precisionRecallF1(s, rows).precision,
  recall: (s, rows) => precisionRecallF1(s, rows).recall,
  f1: (s, rows) => precisionRecallF1(s, rows).f1,
  rocAuc,
  prAuc,
  brier,
};

/** One metric over the given rows (a bootstrap resample may repeat rows; they count as often as drawn). */
export function metricOver(s: ScoredExamples, metric: ClassificationMetric, rows: ArrayLike<number> = allRows(s.labels.length)): number {
  return METRIC[metric](s, rows);
}

/** Checks the shapes before anything is computed: one row per label, each of `classes` probabilities, labels in range. */
export function checkScored(s: ScoredExamples): string | null {
  if (s.probabilities.length !== s.labels.length) return `${s.probabilities.length} probability rows for ${s.labels.length} labels`;
  if (s.labels.length === 0) return 'no examples to score';
  if (!Number.isInteger(s.classes) || s.classes < 2) return `a classifier needs at least 2 classes (got ${s.classes})`;
  for (let i = 0; i < s.labels.length; i++) {
    if (s.probabilities[i].length !== s.classes) return `example ${i} has ${s.probabilities[i].length} probabilities, not ${s.classes}`;
    const y = s.labels[i];
    if (!Number.isInteger(y) || y < 0 || y >= s.classes) return `example ${i} has label ${y}, outside 0..${s.classes - 1}`;
  }
  return null;
}

/** Every metric on all examples. */
export function classificationMetrics(s: ScoredExamples): MetricValues {
  const rows = allRows(s.labels.length);
  const prf = precisionRecallF1(s, rows);
  return { accuracy: accuracy(s, rows), ...prf, rocAuc: rocAuc(s, rows), prAuc: prAuc(s, rows), brier: brier(s, rows) };
}

/** 95% percentile intervals of every metric over `samples` seeded resamples of the examples (the same resamples for each). */
export function metricIntervals(s: ScoredExamples, seed: number, samples = 1000): MetricIntervals {
  const n = s.labels.length;
  const out = {} as MetricIntervals;
  for (const m of CLASSIFICATION_METRICS) out[m] = bootstrapInterval(n, seed, samples, (rows) => METRIC[m](s, rows));
  return out;
}

/**
 * Paired bootstrap of a − b on one metric, both predictors scored on the same examples with the same labels: each
 * resample draws examples once and scores both on them, so only their disagreement moves the interval. The verdict is
 * the sign the whole interval has ('higher': a's value is higher), 'none' when it covers 0; for Brier lower is better.
 */
export function pairedMetricDifference(
  a: readonly Float32Array[],
  b: readonly Float32Array[],
  labels: ArrayLike<number>,
  classes: number,
  metric: ClassificationMetric,
  seed: number,
  samples = 1000,
): PairedDifference {
  if (a.length !== b.length || a.length !== labels.length)
    throw new Error(`paired predictions differ in length (${a.length}, ${b.length})`);
  const sa = { probabilities: a, labels, classes };
  const sb = { probabilities: b, labels, classes };
  const f = METRIC[metric];
  const diff = (rows: ArrayLike<number>) => f(sa, rows) - f(sb, rows);
  const difference = diff(allRows(labels.length));
  const ci95 = bootstrapInterval(labels.length, seed, samples, diff);
  const verdict = ci95[0] > 0 ? 'higher' : ci95[1] < 0 ? 'lower' : 'none';
  return { difference, ci95, users: labels.length, verdict };
}

export interface ReliabilityBin {
  /** The bin's range of predicted probability. */
  lo: number;
  hi: number;
  count: number;
  /** Mean predicted probability in the bin. */
  predicted: number;
  /** Share of the bin's examples where the prediction came true. */
  observed: number;
}

/**
 * Reliability bins for a calibration chart, `bins` equal-width bins over [0, 1]: for two classes, p₁ against the
 * share of positives; with more, the top class's probability (the confidence) against the share predicted right.
 * Empty bins are left out. `ece` is the expected calibration error: Σ count·|observed − predicted| / n.
 */
export function reliability(s: ScoredExamples, bins = 10): { bins: ReliabilityBin[]; ece: number } {
  const count = new Float64Array(bins);
  const pSum = new Float64Array(bins);
  const hits = new Float64Array(bins);
  for (let i = 0; i < s.labels.length; i++) {
    const p = s.probabilities[i];
    const [conf, hit] = s.classes === 2 ? [p[1], s.labels[i] === 1] : [p[predictedClass(p)], predictedClass(p) === s.labels[i]];
    // The tolerance keeps a float32 0.9 (0.8999999762) in the 0.9 bin rather than the one below.
    const b = Math.min(bins - 1, Math.max(0, Math.floor(conf * bins + 1e-6)));
    count[b]++;
    pSum[b] += conf;
    if (hit) hits[b]++;
  }
  const out: ReliabilityBin[] = [];
  let ece = 0;
  for (let b = 0; b < bins; b++) {
    if (!count[b]) continue;
    const predicted = pSum[b] / count[b];
    const observed = hits[b] / count[b];
    ece += count[b] * Math.abs(observed - predicted);
    out.push({ lo: b / bins, hi: (b + 1) / bins, count: count[b], predicted, observed });
  }
  return { bins: out, ece: s.labels.length ? ece / s.labels.length : NaN };
}
