// The worker's explanation service derives item labels (reasons) and categories (population) from the catalog it
// holds, and event types from the log, so the page sends neither.
import { describe, expect, it } from 'vitest';
import { asUserIdx } from '../lib/ids';
import { loadDemo } from '../data/demo';
import { itemLabels } from '../data/eventLog';
import { reasonText } from '../explain/reasons';
import { historyOf, leaveOneOutSplit } from '../rec/split';
import { PlantedRecommender } from '../testSupport/explain';
import { ExplainService } from './explainService';

const demo = loadDemo({ users: 40, items: 30, seed: 3 });
const split = leaveOneOutSplit(demo.log);
const recommender = new PlantedRecommender(demo.log.items.length);
const service = new ExplainService({
  modelOf: () => ({ model: recommender, info: { datasetId: 'demo' } }),
  datasetOf: () => ({ log: demo.log, split }),
  source: () => ({ log: demo.log, catalog: demo.catalog }),
});
const { titles, categories } = itemLabels(demo.log, demo.catalog);

describe('explain service', () => {
  it('writes reasons with the catalog titles it holds', async () => {
    expect(titles).not.toEqual(demo.log.items);
    const history = historyOf(split, 3, 'all');
    const types = Array.from(history, () => 'view');
    const r = await service.explain({ modelId: 'm', user: asUserIdx(3), history, types, k: 2, methods: ['occlusion'], seed: 1 }, () => {});
    expect(r.rows).toHaveLength(2);
    for (const row of r.rows) {
      const ctx = { title: (i: number) => titles[i], category: (i: number) => categories[i] };
      expect(row.reason.en).toBe(reasonText(row.values.occlusion, history, types, ctx, 'en').text);
      expect(row.reason.zh).toBe(reasonText(row.values.occlusion, history, types, ctx, 'zh').text);
    }
  });

  it('ranks population drivers by the catalog categories', async () => {
    const p = await service.population({ modelId: 'm', users: 10, method: 'occlusion', seed: 1 }, () => {});
    const known = new Set(categories.filter((c) => c !== null));
    expect(p.categories.length).toBeGreaterThan(0);
    for (const c of p.categories) expect(known.has(c.key)).toBe(true);
  });
});
