// Accuracy of the score and uplift policies from the held-out item's rank in each list, by hand.
import { describe, expect, it } from 'vitest';
import { rankInList, summariseAccuracy } from './policyAccuracy';

describe('policy accuracy', () => {
  it('ranks the held-out item within a list, Infinity when absent', () => {
    expect(rankInList([7, 3, 5], 3)).toBe(2);
    expect(rankInList([7, 3, 5], 4)).toBe(Infinity);
  });

  it('means HR@K and NDCG@K per policy and their paired difference', () => {
    // Three users. Score policy ranks 1, 2, absent; uplift policy ranks 3, absent, 1 (K = 3).
    const ranks = { score: Float64Array.of(1, 2, Infinity), uplift: Float64Array.of(3, Infinity, 1) };
    const r = summariseAccuracy(ranks, 3, { seed: 1, samples: 200 });
    expect(r.users).toBe(3);
    expect(r.policies.score.metrics['HR@3']).toBeCloseTo(2 / 3, 12);
    expect(r.policies.uplift.metrics['HR@3']).toBeCloseTo(2 / 3, 12);
    // NDCG: score (1 + 1/log2 3 + 0)/3, uplift (1/log2 4 + 0 + 1)/3 = (0.5 + 1)/3.
    const score = (1 + 1 / Math.log2(3)) / 3;
    expect(r.policies.score.metrics['NDCG@3']).toBeCloseTo(score, 12);
    expect(r.policies.uplift.metrics['NDCG@3']).toBeCloseTo(0.5, 12);
    expect(r.paired['NDCG@3'].difference).toBeCloseTo(0.5 - score, 12);
    expect(r.paired['HR@3'].difference).toBe(0);
    const [lo, hi] = r.paired['NDCG@3'].ci95;
    expect(lo).toBeLessThanOrEqual(hi);
  });
});
