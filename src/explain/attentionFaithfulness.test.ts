// Attention's own faithfulness on the planted recommender (item A drives item C): maps that look at A rank it high and
// beat random orders; maps that look at the filler items rank A last and do not. The verdict follows four numbers.
import { describe, expect, it } from 'vitest';
import { asItemIdx, asUserIdx } from '../lib/ids';
import { A, B, C, PlantedRecommender } from '../testSupport/explain';
import { attentionFaithfulness, attentionVerdict, recencyVerdict } from './attentionFaithfulness';
import { explainTopK } from './explainTopK';
import type { AttentionMaps, ExplainableModel, ExplainTarget, SequenceInternals } from './types';

const model = { recommender: new PlantedRecommender() };
const target = (...history: number[]): ExplainTarget => ({ user: asUserIdx(0), history: Int32Array.from(history), item: asItemIdx(C) });

/** One layer, one head; rows before the read row attend to themselves, the read row as given. */
function maps(readRow: number[]): AttentionMaps {
  const len = 4;
  const probs = new Float32Array(len * len);
  for (let q = 0; q < 3; q++) probs[q * len + q] = 1;
  readRow.forEach((v, k) => (probs[3 * len + k] = v));
  return { layers: [probs], heads: 1, len, readColumn: 3, columnOf: Int32Array.of(0, 1, 2, 3), score: 0 };
}

describe('attentionFaithfulness', () => {
  // The read position keeps at least half of the rollout for itself (the residual), so it ranks first: here it is A.
  it('beats random orders when the read position is the planted driver and attends to itself', async () => {
    const f = await attentionFaithfulness(model, target(5, B, 6, A), maps([0.05, 0.05, 0.05, 0.85]), { seed: 1 });
    expect(f.deletionAUC).toBeLessThan(f.randomDeletionAUC);
    expect(f.insertionAUC).toBeGreaterThan(f.randomInsertionAUC);
    expect(attentionVerdict(f)).toBe('better');
  });

  it('is no better than random when attention goes to the filler items and the driver comes last', async () => {
    const f = await attentionFaithfulness(model, target(5, A, 6, B), maps([0.45, 0, 0.45, 0.1]), { seed: 1 });
    expect(f.deletionAUC).toBeGreaterThan(f.randomDeletionAUC);
    expect(attentionVerdict(f)).toBe('noBetter');
  });
});

describe('explainTopK with attention', () => {
  const readRow = [0.05, 0.05, 0.05, 0.85];
  const fail = () => Promise.reject(new Error('not used'));
  const internals = {
    attentions: async () => maps(readRow),
    integratedGradients: fail,
    gradientTimesInput: fail,
  } as unknown as SequenceInternals;
  const withMaps = (): ExplainableModel & { recommender: PlantedRecommender } => ({ recommender: new PlantedRecommender(), internals });
  const request = (methods: ('occlusion' | 'rollout')[]) => ({
    user: asUserIdx(0),
    history: Int32Array.of(5, B, 6, A),
    k: 1,
    methods,
    seed: 1,
    attention: true,
    // The fake maps are for this one history: no re-explanations of shorter ones.
    sensitivityDrops: 0,
  });
  const labels = { labels: { title: String, category: () => null } };

  it("gives the rollout order's faithfulness for the top item beside the maps", async () => {
    const m = withMaps();
    const r = await explainTopK(m, request(['occlusion']), labels);
    expect(r.rows[0].item).toBe(C);
    const direct = await attentionFaithfulness(m, target(5, B, 6, A), maps(readRow), { seed: 1 });
    expect(r.attentionFaithfulness).toEqual(direct);
  });

  it("reuses the first row's figures when rollout is the first method (only the newest-first curves are scored)", async () => {
    const m = withMaps();
    const r = await explainTopK(m, request(['rollout']), labels);
    const { deletion: _d, insertion: _i, x: _x, ...row } = r.rows[0].faithfulness;
    expect(r.attentionFaithfulness).toMatchObject(row);
    // Beyond the explanation without maps, one scoring batch: the newest-first order's curves.
    const without = withMaps();
    await explainTopK(without, { ...request(['rollout']), attention: false }, labels);
    expect(m.recommender.calls).toBe(without.recommender.calls + 1);
  });
});

describe('recency: does rollout add anything beyond taking the newest events first?', () => {
  it('not when its order is the newest-first order (the read position keeps most of the rollout)', async () => {
    // Read row 0.5·[.05, .05, .05, .85] + 0.5·e₃: A (newest) first, then ties newest first — exactly recency's order.
    const f = await attentionFaithfulness(model, target(5, B, 6, A), maps([0.05, 0.05, 0.05, 0.85]), { seed: 1 });
    expect(f.recencyDeletionAUC).toBeCloseTo(f.deletionAUC, 12);
    expect(f.recencyInsertionAUC).toBeCloseTo(f.insertionAUC, 12);
    expect(attentionVerdict(f)).toBe('better');
    expect(recencyVerdict(f)).toBe('noBetter');
  });

  it('yes when two layers pass the read position on to the older driver', async () => {
    // Both layers: the read row attends to A only, other rows to themselves. Â = 0.5·A + 0.5·I, so the read row of
    // Â·Â is 0.5·e₁ + 0.5·(0.5·e₁ + 0.5·e₃) = [0, .75, 0, .25]: A first, then B; newest-first puts B, 6 before A.
    const layer = maps([0, 1, 0, 0]).layers[0];
    const f = await attentionFaithfulness(model, target(5, A, 6, B), { ...maps([0, 1, 0, 0]), layers: [layer, layer] }, { seed: 1 });
    expect(f.deletionAUC).toBeLessThan(f.recencyDeletionAUC);
    expect(f.insertionAUC).toBeGreaterThan(f.recencyInsertionAUC);
    expect(recencyVerdict(f)).toBe('better');
  });
});

describe('attentionVerdict', () => {
  const f = { deletionAUC: 0.3, insertionAUC: 0.7, randomDeletionAUC: 0.5, randomInsertionAUC: 0.5, degenerate: false };
  it('needs both curves beyond the margin for "better", one for "mixed"', () => {
    expect(attentionVerdict(f)).toBe('better');
    expect(attentionVerdict({ ...f, insertionAUC: 0.51 })).toBe('mixed');
    expect(attentionVerdict({ ...f, deletionAUC: 0.49 })).toBe('mixed');
    expect(attentionVerdict({ ...f, deletionAUC: 0.49, insertionAUC: 0.51 })).toBe('noBetter');
    expect(attentionVerdict({ ...f, deletionAUC: 0.6, insertionAUC: 0.4 })).toBe('noBetter');
  });
  it('measures nothing when the score does not depend on the history or a figure is missing', () => {
    expect(attentionVerdict({ ...f, degenerate: true })).toBe('unmeasured');
    expect(attentionVerdict({ ...f, randomDeletionAUC: Number.NaN })).toBe('unmeasured');
  });
});
