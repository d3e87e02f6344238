import { describe, expect, it } from 'vitest';
import { asItemIdxs, asUserIdxs } from '../lib/ids';
import { pairableMetrics, pairedDifference } from './pairedComparison';
import type { EvaluationResult } from './evaluate';

const per = (users: number[], items: number[], ranks: number[]) => ({ users: asUserIdxs(users), items: asItemIdxs(items), ranks });

describe('pairedDifference', () => {
  it('MRR: every user one place better gives a positive difference whose interval stays inside the per-user differences', () => {
    // Per-user 1/r − 1/(r+1): 1/2, 1/6, 1/12, 1/20; mean (30 + 10 + 5 + 3) / 60 / 4 = 0.2.
    const d = pairedDifference(per([0, 1, 2, 3], [5, 6, 7, 8], [1, 2, 3, 4]), per([0, 1, 2, 3], [5, 6, 7, 8], [2, 3, 4, 5]), 'MRR', 1)!;
    expect(d.difference).toBeCloseTo(0.2, 12);
    expect(d.users).toBe(4);
    expect(d.ci95[0]).toBeGreaterThanOrEqual(1 / 20 - 1e-12);
    expect(d.ci95[1]).toBeLessThanOrEqual(1 / 2 + 1e-12);
    expect(d.verdict).toBe('higher');
  });

  it('joins users by index, not position, and skips users not shared or with another held-out item', () => {
    // Shared with the same item: users 1 (model rank 1, reference 3) and 2 (rank 3 vs 1). User 4 has another item.
    // NDCG@10: 1 vs 1/log2(4) = 0.5 for user 1, 0.5 vs 1 for user 2: differences +0.5 and −0.5, mean 0.
    const model = per([1, 2, 4, 9], [10, 20, 40, 90], [1, 3, 1, 1]);
    const reference = per([4, 2, 1], [41, 20, 10], [50, 1, 3]);
    const d = pairedDifference(model, reference, 'NDCG@10', 3)!;
    expect(d.users).toBe(2);
    expect(d.difference).toBeCloseTo(0, 12);
    // Resamples of two users give −0.5, 0 or +0.5: the interval spans both signs.
    expect(d.ci95).toEqual([-0.5, 0.5]);
    expect(d.verdict).toBe('none');
  });

  it('HR@1 against a reference that never hits: difference 1 with a degenerate interval; reversed, −1 and lower', () => {
    const a = per([0, 1, 2], [0, 1, 2], [1, 1, 1]);
    const b = per([0, 1, 2], [0, 1, 2], [2, 7, 3]);
    expect(pairedDifference(a, b, 'HR@1', 0)).toEqual({ difference: 1, ci95: [1, 1], users: 3, verdict: 'higher' });
    expect(pairedDifference(b, a, 'HR@1', 0)).toEqual({ difference: -1, ci95: [-1, -1], users: 3, verdict: 'lower' });
  });

  it('is null for metrics without per-user ranks behind them, and when no user is shared', () => {
    const a = per([0], [0], [1]);
    expect(pairedDifference(a, a, 'AvgPop@10', 0)).toBeNull();
    expect(pairedDifference(a, a, 'Coverage@10', 0)).toBeNull();
    expect(pairedDifference(a, per([1], [0], [1]), 'MRR', 0)).toBeNull();
  });

  it('the same seed gives the same interval', () => {
    const a = per([0, 1, 2, 3, 4], [0, 0, 0, 0, 0], [1, 4, 2, 30, 8]);
    const b = per([0, 1, 2, 3, 4], [0, 0, 0, 0, 0], [2, 2, 9, 1, 8]);
    expect(pairedDifference(a, b, 'NDCG@10', 11)).toEqual(pairedDifference(a, b, 'NDCG@10', 11));
  });
});

describe('pairableMetrics', () => {
  it('lists the rank metrics of a result that kept per-user ranks, and none without them', () => {
    const metrics = { 'HR@10': 0, 'NDCG@10': 0, 'Precision@10': 0, 'Recall@10': 0, MRR: 0, 'Coverage@10': 0, 'AvgPop@10': 0, 'Gini@10': 0 };
    const result = { metrics, perUser: per([0], [0], [1]) } as unknown as EvaluationResult;
    expect(pairableMetrics(result)).toEqual(['HR@10', 'NDCG@10', 'Precision@10', 'Recall@10', 'MRR']);
    expect(pairableMetrics({ metrics } as unknown as EvaluationResult)).toEqual([]);
  });
});
