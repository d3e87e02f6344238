// The worker's counterfactual call: a model held by id, candidates from its dataset's sequences, the page's event types.
import { describe, expect, it } from 'vitest';
import { asUserIdx } from '../lib/ids';
import { loadDemo } from '../data/demo';
import { leaveOneOutSplit } from '../rec/split';
import { LinearRecommender } from '../testSupport/linear';
import { ExplainService } from './explainService';

const demo = loadDemo({ users: 40, items: 30, seed: 3 });
const split = leaveOneOutSplit(demo.log);
// Item 0 pushes item 2 up by 3 and item 1 pushes item 3 up by 1; every other item scores 0. Adding item 5 would lift
// item 3 by 5, above item 2.
const base = new Array<number>(demo.log.items.length).fill(0);
const recommender = new LinearRecommender(base, { '0>2': 3, '1>3': 1, '5>3': 5 });
const service = new ExplainService({
  modelOf: () => ({ model: recommender, info: { datasetId: 'demo' } }),
  datasetOf: () => ({ log: demo.log, split }),
  source: () => ({ log: demo.log, catalog: demo.catalog }),
});

describe('counterfactual service', () => {
  it('finds the removal for the top item and the addition for the item at K + 1 on a held model', async () => {
    const request = { modelId: 'm', user: asUserIdx(3), history: Int32Array.of(0, 1), types: ['view', 'view'], k: 1, seed: 1 };
    const r = await service.counterfactual(request, () => {});
    expect(r.item).toBe(2);
    expect(r.removal).toMatchObject({ status: 'found', removed: [0], rank: 1, verified: true });
    expect(r.addItem).toBe(3);
    expect(r.addition).toMatchObject({ status: 'found', rank: 2, added: 5, newRank: 1, verified: true, reaching: 1 });
  });
});
