// The explanation service on the planted recommender: the top-K, the planted driver named first with a faithful
// order, reasons in both languages from the labels given, two methods compared, explicit items and Cancel.
import { describe, expect, it } from 'vitest';
import { asItemIdx, asUserIdx } from '../lib/ids';
import { A, B, C, PlantedRecommender } from '../testSupport/explain';
import { explainTopK, type ExplainRequest } from './explainTopK';

const model = { recommender: new PlantedRecommender() };
const labels = { title: (i: number) => `item ${i}`, category: () => null };
const request = (over: Partial<ExplainRequest> = {}): ExplainRequest => ({
  user: asUserIdx(0),
  history: Int32Array.of(5, A, 6, B),
  types: ['view', 'purchase', 'view', 'view'],
  k: 2,
  methods: ['occlusion'],
  seed: 1,
  ...over,
});

describe('explainTopK', () => {
  it('explains each of the top K with attributions, faithfulness, reasons and progress', async () => {
    const done: number[] = [];
    const r = await explainTopK(model, request(), { labels, onProgress: (p) => done.push(p.done) });
    expect(r.rows.map((x) => x.item)).toEqual([C, 7]);
    expect(done).toEqual([1, 2]);
    const [top] = r.rows;
    const v = top.values.occlusion;
    expect(v.indexOf(Math.max(...v))).toBe(1);
    expect(top.faithfulness.deletionAUC).toBeLessThan(top.faithfulness.randomDeletionAUC);
    expect(top.reason.en).toContain('item 0');
    expect(top.reason.zh).toContain('「item 0」');
    expect(r.methods).toEqual(['occlusion']);
    expect(r.agreement).toBeNull();
    expect(r.attention).toBeNull();
    expect(r.applicable.filter((a) => a.reason === null).map((a) => a.name)).toEqual(['occlusion', 'lime', 'shapley']);
  });

  it('drops methods the model cannot run, compares two, and explains the items asked for', async () => {
    const r = await explainTopK(model, request({ methods: ['ig', 'occlusion', 'shapley'], items: [asItemIdx(C)] }), { labels });
    expect(r.methods).toEqual(['occlusion', 'shapley']);
    expect(r.rows.map((x) => x.item)).toEqual([C]);
    expect(r.agreement).toHaveLength(1);
    await expect(explainTopK(model, request({ methods: ['ig'] }), { labels })).rejects.toThrow('none of ig can explain planted');
  });

  it('stops on Cancel', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(explainTopK(model, request(), { labels, signal: controller.signal })).rejects.toThrow('Cancelled');
  });
});
