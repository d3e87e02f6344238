import { describe, expect, it } from 'vitest';
import { pairedMetricDifference } from '../../../rec/predict/classificationMetrics';
import { scorePredictor, type PredictionReport } from '../../../rec/predict/predictionReport';
import { translate } from '../../i18n';
import { predictionRows, predictionSentences } from './predictionReportText';

const helpers = {
  t: (k: Parameters<typeof translate>[1], v?: Record<string, string | number>) => translate('en', k, v),
  num: (x: number, d = 3) => x.toFixed(d),
};

/** 40 held-out users, half of them buyers; the model gives every buyer `buyer` and every other user `other` as p(buy). */
function reportOf(buyer: number, other: number, logistic: (y: number, i: number) => number): PredictionReport {
  const labels = Array.from({ length: 40 }, (_, i) => i % 2);
  const model = labels.map((y) => Float32Array.of(1 - (y ? buyer : other), y ? buyer : other));
  const base = labels.map((y, i) => Float32Array.of(1 - logistic(y, i), logistic(y, i)));
  const flat = labels.map(() => Float32Array.of(0.5, 0.5));
  const versus = { rocAuc: pairedMetricDifference(model, base, labels, 2, 'rocAuc', 1, 200) };
  return {
    target: 'buy',
    labelNames: ['will not buy', 'will buy'],
    trainExamples: 160,
    testExamples: 40,
    testClassCounts: [20, 20],
    ...scorePredictor(model, labels, 2, 1, 200),
    baselines: { constant: scorePredictor(flat, labels, 2, 1, 200), logistic: scorePredictor(base, labels, 2, 1, 200) },
    versus: { constant: versus, logistic: versus },
  };
}

describe('prediction report sentences', () => {
  it('counts the users predicted as each class', () => {
    const r = reportOf(0.4, 0.1, (_, i) => (i < 3 ? 0.9 : 0.2));
    expect(r.predictedCounts).toEqual([40, 0]);
    expect(r.baselines.logistic.predictedCounts).toEqual([37, 3]);
    // A p of exactly ½ predicts the first class, as the metrics count it.
    expect(r.baselines.constant.predictedCounts).toEqual([40, 0]);
  });

  it('says why precision, recall and F1 are 0 when no user is predicted to buy', () => {
    const r = reportOf(0.4, 0.1, (_, i) => (i < 3 ? 0.9 : 0.2));
    expect(r.metrics.rocAuc).toBe(1);
    expect(predictionRows(r, helpers).rows.find((row) => row[0] === 'Precision')?.[1]).toMatch(/^0\.000/);
    const said = predictionSentences(r, helpers).find((s) => s.startsWith('At the 0.5 threshold'));
    expect(said).toBe(
      'At the 0.5 threshold this classifier predicts “will buy” for none of the 40 held-out users (the logistic baseline for 3 of them), so its precision, recall and F1 are 0 by convention; ROC-AUC and PR-AUC judge how it ranks the users.',
    );
  });

  it('says nothing of the kind when some users are predicted to buy', () => {
    const r = reportOf(0.8, 0.1, () => 0.2);
    expect(r.predictedCounts).toEqual([20, 20]);
    expect(predictionSentences(r, helpers).some((s) => s.includes('0.5 threshold'))).toBe(false);
  });
});
