// Compared methods are judged alike: explainTopK measures the faithfulness of every method's own attribution order.
import { describe, expect, it } from 'vitest';
import { asItemIdx, asUserIdx } from '../lib/ids';
import { scoreBuffer, type ModelState, type Recommender, type ScoreBatch } from '../rec/recommender';
import { explainTopK } from './explainTopK';
import { faithfulness } from './faithfulness';

/** Item 0 scores 1 when the history holds item 3 or item 4 (either suffices), else 0. */
class RedundantRecommender implements Recommender {
  readonly name = 'redundant';
  readonly backend = 'js';
  readonly numItems = 8;
  fit(): void {}
  scoreUsers(batch: ScoreBatch, out?: Float32Array): Float32Array {
    const s = scoreBuffer(batch.histories.length, this.numItems, out);
    batch.histories.forEach((h, r) => (s[r * this.numItems] = h.includes(3) || h.includes(4) ? 1 : 0));
    return s;
  }
  async exportState(): Promise<ModelState> {
    return { settings: {}, tensors: {} };
  }
  importState(): void {}
}

const model = { recommender: new RedundantRecommender() };
const labels = { title: (i: number) => `item ${i}`, category: () => null };

describe('faithfulness per method', () => {
  it("each compared method is judged on its own order; the first method's figures stay in `faithfulness` too", async () => {
    // Leaving out 3 or 4 alone changes nothing, so occlusion gives every event 0 (ties: newest first, 3 and 4 last);
    // LIME's random masks also drop both and credit them.
    const history = Int32Array.of(3, 4, 5, 6);
    const r = await explainTopK(
      model,
      {
        user: asUserIdx(0),
        history,
        k: 1,
        items: [asItemIdx(0)],
        methods: ['occlusion', 'lime'],
        seed: 1,
        sensitivityDrops: 0,
      },
      { labels },
    );
    const [row] = r.rows;
    expect(Object.keys(row.faithfulnessBy ?? {})).toEqual(['occlusion', 'lime']);
    expect(row.faithfulnessBy?.occlusion).toEqual(row.faithfulness);
    const target = { user: asUserIdx(0), history, item: asItemIdx(0) };
    const lime = await faithfulness(model, target, row.values.lime, { seed: 1 });
    expect(row.faithfulnessBy?.lime.deletionAUC).toBeCloseTo(lime.deletionAUC, 12);
    expect(row.faithfulnessBy?.lime.insertionAUC).toBeCloseTo(lime.insertionAUC, 12);
    // So LIME's order deletes the score after two events and occlusion's only after all four: different figures.
    expect(row.values.occlusion).toEqual([0, 0, 0, 0]);
    expect(row.faithfulnessBy!.lime.deletionAUC).toBeLessThan(row.faithfulness.deletionAUC - 0.1);
  });
});
