// The explanation service on the planted recommender: the top-K, the planted driver named first with a faithful
// order, reasons in both languages from the labels given, two methods compared, explicit items and Cancel.
import { describe, expect, it } from 'vitest';
import { asItemIdx, asUserIdx } from '../lib/ids';
import { scoreBuffer, type ModelState, type Recommender, type ScoreBatch } from '../rec/recommender';
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
    // Occlusion: A 2.6, B 0.6, the others 0.1 each (total 3.4); A alone carries 76%, and the purchase is said as such.
    expect(top.reason.events).toEqual([1]);
    expect(top.reason.strength).toBe('mainly');
    expect(top.reason.share).toBeCloseTo(2.6 / 3.4, 5);
    expect(top.reason.en).toMatch(/^Recommended mainly because you bought item 0\./);
    // Protecting the three largest leaves event 0 to drop; without it A, 6 and B keep their values: sensitivity 0.
    expect(top.sensitivity.occlusion).toBeCloseTo(0, 5);
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

  it('measures sensitivity per method, and none when asked for 0 drops', async () => {
    const r = await explainTopK(model, request({ methods: ['occlusion', 'shapley'], items: [asItemIdx(C)] }), { labels });
    expect(Object.keys(r.rows[0].sensitivity)).toEqual(['occlusion', 'shapley']);
    // Shapley samples permutations of the history it is given, so dropping an event reshuffles its estimate.
    expect(r.rows[0].sensitivity.shapley).toBeGreaterThanOrEqual(0);
    expect(r.rows[0].sensitivity.occlusion).toBeCloseTo(0, 5);
    const none = await explainTopK(model, request({ items: [asItemIdx(C)], sensitivityDrops: 0 }), { labels });
    expect(none.rows[0].sensitivity.occlusion).toBeNaN();
    await expect(explainTopK(model, request({ sensitivityDrops: 99 }), { labels })).rejects.toThrow('sensitivityDrops must be');
  });

  it('on a planted linear model whose top event carries 30% of the attribution, never says "mainly"', async () => {
    // Score of item 0 = Σ weight of the history's items: occlusion gives each event its weight exactly.
    const weights = [0, 0.3, ...Array<number>(10).fill(0.07)];
    const linear: Recommender = {
      name: 'linear',
      backend: 'js',
      fit() {},
      scoreUsers(batch: ScoreBatch, out?: Float32Array) {
        const s = scoreBuffer(batch.histories.length, weights.length, out);
        batch.histories.forEach((h, r) => (s[r * weights.length] = Array.from(h).reduce((a, i) => a + weights[i], 0)));
        return s;
      },
      async exportState(): Promise<ModelState> {
        return { settings: {}, tensors: {} };
      },
      importState() {},
    };
    const history = Int32Array.from({ length: 11 }, (_, k) => k + 1);
    const r = await explainTopK(
      { recommender: linear },
      {
        user: asUserIdx(0),
        history,
        k: 1,
        items: [asItemIdx(0)],
        methods: ['occlusion'],
        seed: 1,
        types: Array<string>(11).fill('rating'),
        ratings: Array<number>(11).fill(4),
      },
      { labels },
    );
    const [row] = r.rows;
    expect(row.values.occlusion[0]).toBeCloseTo(0.3, 5);
    expect(row.reason.strength).toBe('partly');
    expect(row.reason.share).toBeCloseTo(0.44, 5);
    expect(row.reason.en).not.toMatch(/mainly/);
    expect(row.reason.zh).not.toMatch(/主要/);
    expect(row.reason.en).toMatch(/^Recommended partly because you rated item 1 4★, item 11 4★ and item 10 4★, among others\./);
    for (const k of row.reason.events) expect(Math.abs(row.values.occlusion[k])).toBeGreaterThanOrEqual(row.reason.noise);
    // Each event's occlusion value is its own weight whatever else is there: dropping one changes nothing else.
    expect(row.sensitivity.occlusion).toBeCloseTo(0, 5);
  });

  it('stops on Cancel', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(explainTopK(model, request(), { labels, signal: controller.signal })).rejects.toThrow('Cancelled');
  });
});
