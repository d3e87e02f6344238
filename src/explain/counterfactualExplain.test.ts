// The counterfactual service on a linear item-item scorer: default targets (top item, the item at K + 1), the
// occlusion-guided removal, co-occurrence candidates for the addition, and settings refused before any scoring.
import { describe, expect, it } from 'vitest';
import { LinearRecommender } from '../testSupport/linear';
import { checkCounterfactualRequest, explainCounterfactual } from './counterfactualExplain';

describe('explainCounterfactual', () => {
  // History 0..3 pushes item 5 up by 1, 1, 1.5, 0.2 (3.7); items 4, 6, 7 score 2.5, 2.0, 1.0; adding 7 lifts 6 by 1.
  const rec = () => new LinearRecommender([0, 0, 0, 0, 2.5, 0, 2, 1], { '0>5': 1, '1>5': 1, '2>5': 1.5, '3>5': 0.2, '7>6': 1 });
  // One other user consumed 6 and 7 together: 7 is the first addition candidate for 6.
  const sequences = { offsets: Uint32Array.of(0, 2), items: Int32Array.of(6, 7) };

  it('explains the top item by removal and brings the item at rank K + 1 in by one addition', async () => {
    const r = await explainCounterfactual({ recommender: rec() }, { user: 0, history: Int32Array.of(0, 1, 2, 3), k: 2 }, { sequences });
    expect(r.item).toBe(5);
    expect(r.guide).toBe('occlusion');
    // Occlusion gives exactly the weights: events 2 and 1 go first and leave 1.2, below items 4 and 6.
    expect(r.removal).toMatchObject({ status: 'found', removed: [1, 2], rank: 1, newRank: 3, verified: true, smallest: true });
    expect(r.addItem).toBe(6);
    // 5 and 4 rank above 6 and are not tried; adding 7 lifts 6 to 3.0, behind 5 only.
    expect(r.addition).toMatchObject({ status: 'found', rank: 3, added: 7, newRank: 2, verified: true, tried: 1, reaching: 1 });
  });

  it('refuses out-of-range settings before scoring', async () => {
    expect(checkCounterfactualRequest({ k: 0 })).toMatch(/k must be an integer in \[1, 1000\]/);
    expect(checkCounterfactualRequest({ k: 5, maxEvents: 65 })).toMatch(/maxEvents/);
    expect(checkCounterfactualRequest({ k: 5, candidates: 200 })).toBeNull();
    const model = rec();
    await expect(
      explainCounterfactual({ recommender: model }, { user: 0, history: Int32Array.of(0), k: 1.5 }, { sequences }),
    ).rejects.toThrow(/k must be/);
    expect(model.calls).toBe(0);
  });
});
