import { describe, expect, it } from 'vitest';
import { ratingData } from './ratings';
import { drEstimate, ipsEstimate, loggedEstimates, pairedDifference, scoreTest, snipsEstimate, userAuc, userNdcg } from './unbiasedEval';

describe('IPS, SNIPS and DR estimators (hand-computed)', () => {
  // Two observed errors 1 and 4 with propensities 0.5 and 0.25, in a 2 × 4 matrix (8 pairs).
  const errors = [1, 4];
  const p = [0.5, 0.25];

  it('IPS: Σ δ/p over all pairs = (2 + 16) / 8', () => {
    expect(ipsEstimate(errors, p, 8)).toBeCloseTo(18 / 8, 12);
  });

  it('SNIPS: Σ δ/p / Σ 1/p = 18 / 6', () => {
    expect(snipsEstimate(errors, p)).toBeCloseTo(3, 12);
  });

  it('DR: [Σ_all ê + Σ_obs (δ − ê)/p] / pairs', () => {
    // ê = 2 on all 8 pairs (Σ = 16); observed corrections (1 − 2)/0.5 = −2 and (4 − 2)/0.25 = 8 → (16 − 2 + 8)/8.
    expect(drEstimate(errors, [2, 2], p, 16, 8)).toBeCloseTo(22 / 8, 12);
    // With perfect imputation the correction vanishes: the estimate is the imputed mean.
    expect(drEstimate(errors, errors, p, 20, 8)).toBeCloseTo(20 / 8, 12);
  });

  it('the logged estimates apply them to a model’s squared and absolute errors', () => {
    const logged = ratingData(2, 4, [
      [0, 0, 3],
      [1, 2, 5],
    ]);
    // Predicting 4 everywhere: errors 1 and 1 (squared and absolute alike).
    const e = loggedEstimates(logged, () => 4, [0.5, 0.25]);
    expect(e.MSE).toEqual({ naive: 1, ips: (2 + 4) / 8, snips: 1 });
    expect(e.MAE.ips).toBeCloseTo(6 / 8, 12);
  });
});

describe('per-user ranking metrics', () => {
  it('AUC: the share of (liked, not liked) pairs in the right order, ties ½, undefined without both', () => {
    // Ratings 5, 2, 4, 1: positives {5, 4}, negatives {2, 1}. Scores order 5 > 2 but 4 < 2, and 4 = 1 tie:
    // pairs (5,2) ✓ (5,1) ✓ (4,2) ✗ (4,1) ½ → 2.5/4.
    expect(userAuc([0.9, 0.5, 0.3, 0.3], [5, 2, 4, 1])).toBe(0.625);
    expect(userAuc([1, 2], [4, 5])).toBeNaN();
  });

  it('NDCG@5 with the rating as gain', () => {
    // Ranked by score: ratings 3, 5, 1 → DCG 3/1 + 5/log2 3 + 1/2; ideal 5, 3, 1 → 5 + 3/log2 3 + 1/2.
    const got = userNdcg([0.9, 0.5, 0.1], [3, 5, 1]);
    expect(got).toBeCloseTo((3 + 5 / Math.log2(3) + 0.5) / (5 + 3 / Math.log2(3) + 0.5), 12);
    // Only the top 1 counts at k = 1.
    expect(userNdcg([0.9, 0.5, 0.1], [3, 5, 1], 1)).toBeCloseTo(3 / 5, 12);
    expect(userNdcg([1, 2], [0, 0])).toBe(0);
  });
});

describe('scoreTest and paired differences', () => {
  const test = ratingData(2, 3, [
    [0, 0, 5],
    [0, 1, 1],
    [1, 1, 4],
    [1, 2, 2],
  ]);
  const perfect = (u: number, i: number) => [5, 1, NaN, NaN, 4, 2][u * 3 + i];
  const flat = () => 3;

  it('pools rating errors over all test ratings and averages ranking metrics over users', () => {
    const s = scoreTest(test, flat, { explicit: true, samples: 50 });
    // Errors 2, 2, 1, 1 → MSE (4 + 4 + 1 + 1)/4, MAE 6/4; every tie → AUC ½.
    expect(s.metrics.MSE).toBeCloseTo(2.5, 12);
    expect(s.metrics.MAE).toBeCloseTo(1.5, 12);
    expect(s.metrics.AUC).toBe(0.5);
    expect(s.users).toBe(2);
    expect(s.ci95.MSE![0]).toBeLessThanOrEqual(2.5);
    expect(s.ci95.MSE![1]).toBeGreaterThanOrEqual(2.5);
    const p = scoreTest(test, perfect, { explicit: true, samples: 50 });
    expect(p.metrics).toEqual({ MSE: 0, MAE: 0, AUC: 1, 'NDCG@5': 1 });
  });

  it('leaves rating errors out for models whose scores are not ratings', () => {
    expect(Object.keys(scoreTest(test, flat, { explicit: false, samples: 10 }).metrics)).toEqual(['AUC', 'NDCG@5']);
  });

  it('differences two models on the same users with a CI that holds the point difference', () => {
    const a = scoreTest(test, perfect, { explicit: true, samples: 10 }).perUser;
    const b = scoreTest(test, flat, { explicit: true, samples: 10 }).perUser;
    const d = pairedDifference(a, b, 'MSE', { samples: 200 });
    expect(d.difference).toBeCloseTo(-2.5, 12);
    expect(d.ci95[1]).toBeLessThan(0);
  });
});
