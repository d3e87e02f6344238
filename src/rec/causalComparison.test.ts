// The causal-vs-traditional rows assembled from hand-made evaluations, test-file scores and an uplift report.
import { describe, expect, it } from 'vitest';
import type { EvaluationResult } from './evaluate';
import type { TestLogScores } from './testLog';
import type { UpliftReport } from './uplift/upliftReport';
import { causalComparisonRows, variantOf, type ComparisonInputs } from './causalComparison';
import { asUserIdxs } from '../lib/ids';

/** An evaluation at K = 2 whose per-user held-out ranks are `ranks` (users 0..n−1). */
function evaluation(ranks: number[], users = ranks.map((_, u) => u)): EvaluationResult {
  const ndcg = ranks.map((r) => (r <= 2 ? 1 / Math.log2(r + 1) : 0));
  const hr = ranks.map((r) => (r <= 2 ? 1 : 0));
  const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;
  return {
    model: 'm',
    protocol: 'full',
    sampled: false,
    stage: 'test',
    users: ranks.length,
    items: 10,
    k: [2],
    metrics: { 'NDCG@2': mean(ndcg), 'HR@2': mean(hr) },
    ci95: { 'NDCG@2': [0, 1], 'HR@2': [0, 1] },
    notes: [],
    perUser: { users: asUserIdxs(Int32Array.from(users)), items: [], ranks },
  } as unknown as EvaluationResult;
}

const policy = (trueUplift: number, estimated: number, ndcg: number) => ({
  metrics: { 'trueUplift@2': trueUplift, 'estimatedUplift@2': estimated, 'NDCG@2': ndcg, 'HR@2': 0.5 },
  ci95: { 'trueUplift@2': [trueUplift - 0.1, trueUplift + 0.1], 'estimatedUplift@2': [estimated - 0.1, estimated + 0.1] },
});

const report: UpliftReport = {
  modelId: 'a',
  k: 2,
  hasTruth: true,
  comparison: {
    users: 3,
    k: [2],
    usersWithoutTruth: 0,
    policies: {
      score: { metrics: policy(0.3, 0.2, 0).metrics, ci95: policy(0.3, 0.2, 0).ci95 as never },
      uplift: { metrics: policy(0.6, 0.4, 0).metrics, ci95: policy(0.6, 0.4, 0).ci95 as never },
    },
    paired: {
      'trueUplift@2': { difference: 0.3, ci95: [0.2, 0.4], ratio: 2, ratioCi95: [1.5, 2.5] },
      'estimatedUplift@2': { difference: 0.2, ci95: [0.1, 0.3], ratio: 2, ratioCi95: [1.4, 2.6] },
    },
  },
  accuracy: {
    users: 3,
    k: 2,
    policies: {
      score: { metrics: { 'NDCG@2': 0.5, 'HR@2': 0.6 }, ci95: { 'NDCG@2': [0.4, 0.6], 'HR@2': [0.5, 0.7] } },
      uplift: { metrics: { 'NDCG@2': 0.3, 'HR@2': 0.4 }, ci95: { 'NDCG@2': [0.2, 0.4], 'HR@2': [0.3, 0.5] } },
    },
    paired: { 'NDCG@2': { difference: -0.2, ci95: [-0.3, -0.1] }, 'HR@2': { difference: -0.2, ci95: [-0.3, -0.1] } },
  },
};

/** Test-file scores of two users: u0 with two ratings, u1 with one; per-user squared errors and AUC as given. */
const testFile = (mse: number, sqErr = [0, 0], auc = [NaN, NaN], file = 'test.csv'): { file: string; scores: TestLogScores } => ({
  file,
  scores: {
    metrics: { MSE: mse, AUC: 0.7 },
    ci95: { MSE: [mse - 0.1, mse + 0.1], AUC: [0.6, 0.8] },
    perUser: {
      users: Int32Array.of(0, 1),
      n: Float64Array.of(2, 1),
      sqErr: Float64Array.from(sqErr),
      absErr: Float64Array.of(0, 0),
      auc: Float64Array.from(auc),
      ndcg: Float64Array.of(1, 1),
    },
  } as TestLogScores,
});

describe('causalComparisonRows', () => {
  it('names each model by its debias setting', () => {
    expect(variantOf({ id: 'x', name: 'mf-explicit', settings: { debias: 'dr' } })).toBe('dr');
    expect(variantOf({ id: 'x', name: 'mf-ips', settings: {} })).toBe('ips');
    expect(variantOf({ id: 'x', name: 'mf-ips', settings: { debias: 'none' } })).toBe('naive');
    expect(variantOf({ id: 'x', name: 'itemknn', settings: {} })).toBe('naive');
  });

  it('orders naive, IPS, DR with the uplift row after its model, pairing accuracy against the naive row', () => {
    // Ranks at K = 2. Naive a: 1, 3, 2 → NDCG (1 + 0 + 1/log2 3)/3. DR b: 1, 1, 1 → NDCG 1.
    const inputs: ComparisonInputs = {
      models: [
        { id: 'b', name: 'mf-explicit', settings: { debias: 'dr' } },
        { id: 'a', name: 'mf-explicit', settings: { debias: 'none' } },
        { id: 'c', name: 'mf-explicit', settings: { debias: 'ips' } },
      ],
      evaluations: { a: evaluation([1, 3, 2]), b: evaluation([1, 1, 1]), c: evaluation([2, 2], [0, 1]) },
      testFiles: {
        a: testFile(1.2, [2, 1], [0.5, NaN]),
        b: testFile(1.0, [0.5, 0.5], [1, NaN]),
        c: testFile(1.1, [1, 1], [1, NaN], 'other.csv'),
      },
      reports: { a: report },
      k: 2,
      seed: 1,
      samples: 200,
    };
    const rows = causalComparisonRows(inputs);
    expect(rows.map((r) => [r.key, r.variant])).toEqual([
      ['a', 'naive'],
      ['a+uplift', 'uplift'],
      ['c', 'ips'],
      ['b', 'dr'],
    ]);
    const [naive, uplift, ips, dr] = rows;
    const naiveNdcg = (1 + 1 / Math.log2(3)) / 3;
    expect(naive.figures['NDCG@2'].value).toBeCloseTo(naiveNdcg, 12);
    expect(naive.figures['trueUplift@2']).toEqual({ value: 0.3, ci95: [0.3 - 0.1, 0.3 + 0.1] });
    expect(naive.figures.MSE).toEqual({ value: 1.2, ci95: [1.2 - 0.1, 1.2 + 0.1] });
    expect(naive.against).toBeNull();
    // DR against naive on the same three users: 1 − naiveNdcg.
    expect(dr.against).toBe('a');
    expect(dr.paired['NDCG@2'].difference).toBeCloseTo(1 - naiveNdcg, 12);
    expect(dr.paired['HR@2'].difference).toBeCloseTo(1 / 3, 12);
    expect(dr.figures.MSE.value).toBe(1.0);
    expect(dr.figures['trueUplift@2']).toBeUndefined();
    // Test file, pooled MSE: naive (2 + 1)/3 = 1, DR (0.5 + 0.5)/3 = 1/3; AUC over users who have one: 0.5 vs 1.
    expect(dr.paired.MSE.difference).toBeCloseTo(1 / 3 - 1, 12);
    expect(dr.paired.AUC.difference).toBeCloseTo(0.5, 12);
    // IPS was evaluated on other users and scored on another file: no paired difference is claimed.
    expect(ips.against).toBeNull();
    expect(ips.paired).toEqual({});
    // The uplift row: the report's uplift policy, paired against its own model's score policy.
    expect(uplift.against).toBe('a');
    expect(uplift.figures['trueUplift@2'].value).toBe(0.6);
    expect(uplift.figures['NDCG@2']).toEqual({ value: 0.3, ci95: [0.2, 0.4] });
    expect(uplift.paired['trueUplift@2']).toMatchObject({ difference: 0.3, ratio: 2, ratioCi95: [1.5, 2.5] });
    expect(uplift.paired['NDCG@2'].difference).toBe(-0.2);
  });

  it("falls back to the report's score-policy accuracy for a model that was not evaluated", () => {
    const rows = causalComparisonRows({
      models: [{ id: 'a', name: 'itemknn', settings: {} }],
      evaluations: {},
      testFiles: {},
      reports: { a: report },
      k: 2,
      seed: 1,
    });
    expect(rows[0].figures['NDCG@2']).toEqual({ value: 0.5, ci95: [0.4, 0.6] });
    expect(rows[0].figures.MSE).toBeUndefined();
  });
});
