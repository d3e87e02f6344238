import { describe, expect, it } from 'vitest';
import { defaultMetricKeys, metricDigits } from './metricColumns';

describe('metric columns', () => {
  it('gives each metric its precision', () => {
    expect(['AvgPop@10', 'Novelty@5', 'Precision@10', 'NDCG@10', 'MRR', 'Gini@20'].map((k) => metricDigits(k))).toEqual([1, 2, 4, 3, 3, 3]);
    // Given the figure, a small one keeps two significant digits (Taobao's sample: NDCG@10 0.00034, not "0.000").
    expect(metricDigits('NDCG@10', 0.00034)).toBe(5);
    expect(metricDigits('NDCG@10', 0.049)).toBe(3);
    expect(metricDigits('AvgPop@10', 197)).toBe(1);
    expect(metricDigits('Precision@10', 0.0021)).toBe(4);
  });
  it('shows five metrics at the first K by default, in the result’s order', () => {
    const keys = ['HR@5', 'NDCG@5', 'HR@10', 'NDCG@10', 'Precision@10', 'MRR', 'Coverage@5', 'Coverage@10', 'AvgPop@10', 'Gini@10'];
    expect(defaultMetricKeys(keys, 10)).toEqual(['HR@10', 'NDCG@10', 'MRR', 'Coverage@10', 'AvgPop@10']);
    expect(defaultMetricKeys(keys, 5)).toEqual(['HR@5', 'NDCG@5', 'MRR', 'Coverage@5']);
  });
});
