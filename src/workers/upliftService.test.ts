// The worker's uplift calls on a small demo: fit on top of a trained recommender, per-item estimates, and the policy
// comparison with true uplift from the demo's potential outcomes (and without it when the dataset has no truth).
import { describe, expect, it } from 'vitest';
import { loadDemo } from '../data/demo';
import { ModelWorkspace } from '../rec/modelWorkspace';
import { UpliftService } from './upliftService';

const noProgress = () => undefined;

async function setUp(withTruth: boolean) {
  const demo = loadDemo({ users: 400, items: 60, seed: 3 });
  const models = new ModelWorkspace();
  models.addDataset('d', demo.log, { catalog: demo.catalog, truthEdges: null, uplift: withTruth ? demo.truth.uplift : null });
  const { info } = await models.train({ datasetId: 'd', model: 'itemknn', settings: {}, seed: 1 }, noProgress);
  return { models, service: new UpliftService(models), modelId: info.id, demo };
}

describe('UpliftService', () => {
  it('refuses settings out of range before fitting, and a comparison before a fit', async () => {
    const { service, modelId } = await setUp(true);
    const bad = await service.fit(modelId, { bootstrap: -1 }, 1, noProgress);
    expect(bad.ok).toBe(false);
    const early = await service.compare(modelId, { k: 10, seed: 1 }, noProgress);
    expect(early.ok).toBe(false);
    expect(await service.upliftOf(modelId, 0, [0])).toBeNull();
  });

  it('fits, estimates per item with an interval, and compares the policies with true uplift', async () => {
    const { service, modelId } = await setUp(true);
    const fit = await service.fit(modelId, { bootstrap: 4, candidates: 20 }, 1, noProgress);
    if (!fit.ok) throw new Error(fit.reason);
    expect(fit.data).toMatchObject({ modelId, users: 400, hasTruth: true });
    const est = await service.upliftOf(modelId, 0, [0, 1, 2]);
    expect(est).toHaveLength(3);
    for (const e of est!) expect(e.lo).toBeLessThanOrEqual(e.hi);
    await expect(service.upliftOf(modelId, 0, [60])).rejects.toThrow(/not in the log/);
    const r = await service.compare(modelId, { k: 10, seed: 1 }, noProgress);
    if (!r.ok) throw new Error(r.reason);
    const { comparison, accuracy } = r.data;
    expect(r.data.hasTruth).toBe(true);
    for (const p of ['score', 'uplift'] as const) {
      const v = comparison.policies[p].metrics['trueUplift@10'];
      const [lo, hi] = comparison.policies[p].ci95['trueUplift@10'];
      expect(lo).toBeLessThanOrEqual(v);
      expect(hi).toBeGreaterThanOrEqual(v);
      expect(accuracy.policies[p].metrics['NDCG@10']).toBeGreaterThanOrEqual(0);
    }
    const d = accuracy.paired['NDCG@10'];
    expect(d.difference).toBeCloseTo(accuracy.policies.uplift.metrics['NDCG@10'] - accuracy.policies.score.metrics['NDCG@10'], 12);
  });

  it('compares without true uplift when the dataset has no potential outcomes', async () => {
    const { service, modelId } = await setUp(false);
    const fit = await service.fit(modelId, { bootstrap: 0 }, 1, noProgress);
    if (!fit.ok) throw new Error(fit.reason);
    expect(fit.data.hasTruth).toBe(false);
    const r = await service.compare(modelId, { k: 5, seed: 1 }, noProgress);
    if (!r.ok) throw new Error(r.reason);
    expect(r.data.hasTruth).toBe(false);
    expect(Object.keys(r.data.comparison.policies.score.metrics)).toEqual(['estimatedUplift@5']);
  });
});
