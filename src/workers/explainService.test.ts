// The worker's explanation service derives item labels (reasons) and categories (population) from the catalog it
// holds, and event types from the log, so the page sends neither.
import { describe, expect, it } from 'vitest';
import { asItemIdx, asUserIdx } from '../lib/ids';
import { loadDemo } from '../data/demo';
import { itemLabels } from '../data/eventLog';
import { leaveOneOutSplit } from '../rec/split';
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
  it('writes reasons with the catalog titles it holds and the ratings the page sends', async () => {
    expect(titles).not.toEqual(demo.log.items);
    // Items 0 and 1 are the planted recommender's A and B: the top item C is then explained by A (event 1).
    const history = Int32Array.of(5, 0, 6, 1);
    const types = ['rating', 'rating', 'rating', 'rating'];
    const ratings = [3, 4, 2, 5];
    const times = [100, 200, 300, 400];
    const request = { modelId: 'm', user: asUserIdx(3), history, types, ratings, times, k: 2, methods: ['occlusion' as const], seed: 1 };
    const r = await service.explain(request, () => {});
    expect(r.rows).toHaveLength(2);
    const [top] = r.rows;
    expect(top.reason.events[0]).toBe(1);
    expect(top.reason.en).toContain(`rated ${titles[0]} 4★`);
    expect(top.reason.zh).toContain(`「${titles[0]}」（4 星）`);
    for (const row of r.rows) for (const k of row.reason.events) expect(row.reason.en).toContain(titles[history[k]]);
  });

  it('serves knowledge paths over the catalog it holds, titled from it', async () => {
    const history = Int32Array.of(5, 0, 6, 1);
    const types = ['rating', 'rating', 'rating', 'rating'];
    const request = { modelId: 'm', user: asUserIdx(3), history, types, ratings: [3, 4, 2, 5], item: asItemIdx(2), seed: 1 };
    const r = await service.knowledge(request, () => {});
    if (!r.ok) throw new Error(r.reason);
    // The planted model scores item 2 from item 0 (event 1); the graph has some attribute shared with it.
    expect(r.data.totalPaths).toBeGreaterThan(0);
    for (const p of r.data.paths) {
      expect(p.titles).toEqual(p.historyEvents.map((k) => titles[history[k]]));
      expect(p.text.en).toContain(titles[2]);
    }
  });

  it('ranks population drivers by the catalog categories', async () => {
    const p = await service.population({ modelId: 'm', users: 10, method: 'occlusion', seed: 1 }, () => {});
    const known = new Set(categories.filter((c) => c !== null));
    expect(p.categories.length).toBeGreaterThan(0);
    for (const c of p.categories) expect(known.has(c.key)).toBe(true);
  });
});
