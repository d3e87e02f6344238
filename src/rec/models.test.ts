import { describe, expect, it } from 'vitest';
import { invertSpdInPlace } from '../lib/linalg';
import { EaseRecommender } from './models/ease';
import { cosineNeighbours, ItemKnnRecommender } from './models/itemKnn';
import { MfRecommender } from './models/mf';
import { PopularityRecommender } from './models/popularity';
import { ContentRecommender } from './models/content';
import type { Recommender, TrainData } from './recommender';

// Users: u0 {0,1}, u1 {1,2}, u2 {0,1,2} (u1 repeats item 1: repeats must collapse).
const tiny: TrainData = {
  numUsers: 3,
  numItems: 3,
  sequences: { offsets: new Uint32Array([0, 2, 5, 8]), items: new Int32Array([0, 1, 1, 2, 1, 0, 1, 2]) },
};
const batch = (hists: number[][]) => ({ users: Int32Array.from(hists, () => -1), histories: hists.map((h) => Int32Array.from(h)) });

describe('linalg', () => {
  it('inverts an SPD matrix', () => {
    const a = new Float64Array([3, 2, 1, 2, 4, 2, 1, 2, 3]);
    invertSpdInPlace(a, 3);
    // Hand-solved: det 16, adjugate [[8,-4,0],[-4,8,-4],[0,-4,8]].
    expect(Array.from(a)).toEqual([0.5, -0.25, 0, -0.25, 0.5, -0.25, 0, -0.25, 0.5].map((v) => expect.closeTo(v, 12)));
  });
});

describe('EASE', () => {
  it('matches the hand-solved 3×3 case (λ = 1)', async () => {
    // XᵀX + I = [[3,2,1],[2,4,2],[1,2,3]] → P above → B_ij = −P_ij / P_jj, diag 0.
    const m = new EaseRecommender({ lambda: 1 });
    m.fit(tiny, { seed: 0 });
    const b = (await m.exportState()).tensors.B;
    expect(b.shape).toEqual([3, 3]);
    expect(Array.from(b.data)).toEqual([0, 0.5, 0, 0.5, 0, 0.5, 0, 0.5, 0].map((v) => expect.closeTo(v, 6)));
    expect(Array.from(m.scoreUsers(batch([[0], [0, 2]])))).toEqual([0, 0.5, 0, 0, 1, 0].map((v) => expect.closeTo(v, 6)));
  });
  it('refuses catalogs above the item limit with a clear message', () => {
    expect(() => new EaseRecommender({ maxItems: 2 }).fit(tiny, { seed: 0 })).toThrow(/above the limit of 2 items/);
  });
});

describe('item-kNN', () => {
  it('cosine similarities on a tiny matrix, top-k neighbours', () => {
    const nb = cosineNeighbours(tiny, { neighbours: 2, shrink: 0 });
    const row = (i: number) => Array.from(nb.nbr.subarray(nb.offsets[i], nb.offsets[i + 1]));
    const sims = (i: number) => Array.from(nb.sim.subarray(nb.offsets[i], nb.offsets[i + 1]));
    expect(row(0)).toEqual([1, 2]);
    expect(sims(0)).toEqual([expect.closeTo(2 / Math.sqrt(6), 6), expect.closeTo(0.5, 6)]);
    expect(row(1)).toEqual([0, 2]);
    const one = cosineNeighbours(tiny, { neighbours: 1, shrink: 0 });
    expect(Array.from(one.nbr)).toEqual([1, 0, 1]);
  });
  it('scores sum neighbour similarities of the history', () => {
    const m = new ItemKnnRecommender({ neighbours: 2 });
    m.fit(tiny, { seed: 0 });
    const s = m.scoreUsers(batch([[0, 0]]));
    expect(Array.from(s)).toEqual([0, expect.closeTo(2 / Math.sqrt(6), 6), expect.closeTo(0.5, 6)]);
  });
});

describe('state round trip and determinism', () => {
  const models: [string, () => Recommender][] = [
    ['pop', () => new PopularityRecommender()],
    ['itemknn', () => new ItemKnnRecommender()],
    ['ease', () => new EaseRecommender()],
    ['mf', () => new MfRecommender({ factors: 4, iterations: 3 })],
    ['content', () => new ContentRecommender(new Float32Array([1, 0, 0, 1, 1, 1]), 2)],
  ];
  it.each(models)('%s: exportState → importState scores identically; same seed same scores', async (_name, make) => {
    const a = make();
    await a.fit(tiny, { seed: 5 });
    const b = make();
    b.importState(await a.exportState());
    const q = batch([[0], [1, 2], []]);
    const sa = await a.scoreUsers(q);
    expect(sa).toHaveLength(9);
    expect(await b.scoreUsers(q)).toEqual(sa);
    const c = make();
    await c.fit(tiny, { seed: 5 });
    expect(await c.scoreUsers(q)).toEqual(sa);
  });
  it('reuses the output buffer', () => {
    const m = new PopularityRecommender();
    m.fit(tiny);
    const out = new Float32Array(12).fill(7);
    const s = m.scoreUsers(batch([[0], [1]]), out);
    expect(s.buffer).toBe(out.buffer);
    expect(Array.from(s)).toEqual([2, 3, 2, 2, 3, 2]);
  });
});
