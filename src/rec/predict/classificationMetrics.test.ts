import { describe, expect, it } from 'vitest';
import {
  accuracy,
  brier,
  classificationMetrics,
  metricIntervals,
  pairedMetricDifference,
  precisionRecallF1,
  prAuc,
  reliability,
  rocAuc,
  checkScored,
  type ScoredExamples,
} from './classificationMetrics';

const rows = (ps: number[][]) => ps.map((p) => Float32Array.from(p));

// Six binary examples, worked by hand; two share the score 0.4 (one positive, one negative).
const binary: ScoredExamples = {
  probabilities: rows([0.9, 0.8, 0.6, 0.4, 0.4, 0.1].map((p) => [1 - p, p])),
  labels: [1, 0, 1, 1, 0, 0],
  classes: 2,
};

// Six three-class examples: predicted 0, 1, 2, 1, 0, 2 against true 0, 1, 2, 0, 1, 2.
const multi: ScoredExamples = {
  probabilities: rows([
    [0.7, 0.2, 0.1],
    [0.2, 0.5, 0.3],
    [0.1, 0.3, 0.6],
    [0.3, 0.4, 0.3],
    [0.5, 0.25, 0.25],
    [0.2, 0.2, 0.6],
  ]),
  labels: [0, 1, 2, 0, 1, 2],
  classes: 3,
};

describe('binary metrics (positive class 1)', () => {
  it('accuracy, precision, recall and F1 count the predictions p₁ > 0.5', () => {
    // Predicted 1, 1, 1, 0, 0, 0: right on examples 0, 2, 4, 5; TP = 2 of 3 predicted and 3 actual positives.
    expect(accuracy(binary)).toBeCloseTo(4 / 6, 10);
    const prf = precisionRecallF1(binary);
    expect(prf.precision).toBeCloseTo(2 / 3, 10);
    expect(prf.recall).toBeCloseTo(2 / 3, 10);
    expect(prf.f1).toBeCloseTo(2 / 3, 10);
  });

  it('ROC-AUC counts a tied positive–negative pair as ½ (midranks)', () => {
    // Positives 0.9, 0.6, 0.4 against negatives 0.8, 0.4, 0.1: 3 + 2 + (0 + ½ + 1) = 6.5 of 9 pairs.
    expect(rocAuc(binary)).toBeCloseTo(6.5 / 9, 6);
  });

  it('PR-AUC is average precision over distinct thresholds (scikit-learn: 0.7556)', () => {
    // Thresholds 0.9: P 1 (+⅓ recall); 0.6: P ⅔ (+⅓); 0.4 (tie, both enter): P ⅗ (+⅓) → ⅓ + 2/9 + 1/5 = 34/45.
    expect(prAuc(binary)).toBeCloseTo(34 / 45, 6);
  });

  it('Brier is the mean squared error of p₁', () => {
    expect(brier(binary)).toBeCloseTo((0.01 + 0.64 + 0.16 + 0.36 + 0.16 + 0.01) / 6, 6);
  });

  it('an all-tied scorer has ROC-AUC ½ and a perfect ranking 1', () => {
    const tied = { ...binary, probabilities: (binary.labels as number[]).map(() => Float32Array.from([0.5, 0.5])) };
    expect(rocAuc(tied)).toBe(0.5);
    const perfect = { ...binary, probabilities: rows((binary.labels as number[]).map((y) => [1 - y, y])) };
    expect(rocAuc(perfect)).toBe(1);
    expect(prAuc(perfect)).toBe(1);
  });
});

describe('multiclass metrics (macro, one-vs-rest)', () => {
  it('macro precision, recall and F1 over the classes', () => {
    // Class 0: P ½ R ½; class 1: P ½ R ½; class 2: P 1 R 1.
    const prf = precisionRecallF1(multi);
    expect(accuracy(multi)).toBeCloseTo(4 / 6, 10);
    expect(prf.precision).toBeCloseTo(2 / 3, 10);
    expect(prf.recall).toBeCloseTo(2 / 3, 10);
    expect(prf.f1).toBeCloseTo(2 / 3, 10);
  });

  it('one-vs-rest ROC-AUC and average precision, averaged over classes', () => {
    // ROC: class 0 7/8, class 1 6/8, class 2 1. AP: class 0 ½ + ½·⅔, class 1 ½ + ½·½, class 2 1.
    expect(rocAuc(multi)).toBeCloseTo((0.875 + 0.75 + 1) / 3, 6);
    expect(prAuc(multi)).toBeCloseTo((5 / 6 + 0.75 + 1) / 3, 6);
  });

  it('Brier sums the squared errors over the probability vector', () => {
    expect(brier(multi)).toBeCloseTo((0.14 + 0.38 + 0.26 + 0.74 + 0.875 + 0.24) / 6, 6);
  });

  it('classificationMetrics gathers all seven', () => {
    const m = classificationMetrics(multi);
    expect(Object.keys(m).sort()).toEqual(['accuracy', 'brier', 'f1', 'prAuc', 'precision', 'recall', 'rocAuc']);
    expect(m.rocAuc).toBeCloseTo(0.875, 6);
  });
});

describe('intervals and paired differences', () => {
  // 200 examples: a predictor right on the first 150 (confident), a constant 0.5 scorer.
  const n = 200;
  const labels = Array.from({ length: n }, (_, i) => i % 2);
  const good = labels.map((y, i) => Float32Array.from(i < 150 ? [1 - (0.8 * y + 0.1), 0.8 * y + 0.1] : [0.8 * y + 0.1, 0.9 - 0.8 * y]));
  const flat = labels.map(() => Float32Array.from([0.5, 0.5]));

  it('a bootstrap interval brackets the estimate and is seeded', () => {
    const s = { probabilities: good, labels, classes: 2 };
    const ci = metricIntervals(s, 7, 300);
    const m = classificationMetrics(s);
    for (const k of ['accuracy', 'rocAuc', 'brier'] as const) {
      expect(ci[k][0]).toBeLessThanOrEqual(m[k]);
      expect(ci[k][1]).toBeGreaterThanOrEqual(m[k]);
      expect(ci[k][1]).toBeGreaterThan(ci[k][0]);
    }
    expect(metricIntervals(s, 7, 300)).toEqual(ci);
  });

  it('a paired difference excludes 0 when one predictor is better, and is exactly 0 against itself', () => {
    const d = pairedMetricDifference(good, flat, labels, 2, 'rocAuc', 3, 300);
    expect(d.difference).toBeCloseTo(0.75 - 0.5, 6);
    expect(d.verdict).toBe('higher');
    const self = pairedMetricDifference(good, good, labels, 2, 'accuracy', 3, 300);
    expect(self).toMatchObject({ difference: 0, ci95: [0, 0], verdict: 'none' });
  });
});

describe('reliability bins', () => {
  it('binary: p₁ against the share of positives per bin, with the calibration error', () => {
    const r = reliability(binary, 2);
    expect(r.bins).toHaveLength(2);
    expect(r.bins[0]).toMatchObject({ lo: 0, hi: 0.5, count: 3 });
    expect(r.bins[0].predicted).toBeCloseTo(0.3, 6);
    expect(r.bins[0].observed).toBeCloseTo(1 / 3, 10);
    expect(r.bins[1].predicted).toBeCloseTo(2.3 / 3, 6);
    expect(r.bins[1].observed).toBeCloseTo(2 / 3, 10);
    expect(r.ece).toBeCloseTo((3 * (1 / 3 - 0.3) + 3 * (2.3 / 3 - 2 / 3)) / 6, 6);
  });

  it('a float32 0.9 lands in the 0.9 bin', () => {
    const r = reliability({ probabilities: rows([[0.1, 0.9]]), labels: [1], classes: 2 }, 10);
    expect(r.bins[0].lo).toBeCloseTo(0.9, 10);
  });
});

it('checkScored refuses mismatched shapes and labels out of range', () => {
  expect(checkScored(binary)).toBeNull();
  expect(checkScored({ ...binary, labels: [1, 0] })).toMatch(/6 probability rows for 2 labels/);
  expect(checkScored({ ...binary, labels: [1, 0, 2, 1, 0, 0] })).toMatch(/label 2/);
});
