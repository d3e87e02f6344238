// Model-agnostic methods on a planted recommender: exact occlusion, seeded LIME/Shapley, Shapley efficiency.
import { describe, expect, it } from 'vitest';
import { asItemIdx, asUserIdx } from '../lib/ids';
import { lime, limeWeight, weightedRidge } from './lime';
import { occlusion } from './occlusion';
import { applicableMethods, explain } from './registry';
import { shapley } from './shapley';
import { A, B, C, PlantedRecommender } from '../testSupport/explain';
import type { ExplainTarget } from './types';

const history = Int32Array.of(5, A, 6, B, 4);
const target: ExplainTarget = { user: asUserIdx(0), history, item: asItemIdx(C) };
const argmax = (v: ArrayLike<number>) => Array.from(v).reduce((best, x, i, a) => (x > a[best] ? i : best), 0);

describe('occlusion', () => {
  it('equals the exact re-scored differences, in one scoreUsers call', async () => {
    const rec = new PlantedRecommender();
    const r = await occlusion({ recommender: rec }, target);
    expect(rec.calls).toBe(1);
    const full = rec.scoreUsers({ users: Int32Array.of(0), histories: [history] })[C];
    for (let k = 0; k < history.length; k++) {
      const without = Int32Array.from(Array.from(history).filter((_, j) => j !== k));
      const s = rec.scoreUsers({ users: Int32Array.of(0), histories: [without] })[C];
      expect(r.values[k]).toBeCloseTo(full - s, 6);
    }
    expect(argmax(r.values)).toBe(1);
    // Removing A drops C below item 7 (history items are excluded from ranking).
    expect((r.diagnostics.rankChange as number[])[1]).toBeGreaterThan(0);
    expect(r.diagnostics.rank).toBe(1);
  });
});

describe('lime', () => {
  it('is reproducible for a seed, ranks the planted event first and reports R²', async () => {
    const model = { recommender: new PlantedRecommender() };
    const a = await lime(model, target, { seed: 3, samples: 300 });
    const b = await lime(model, target, { seed: 3, samples: 300 });
    const c = await lime(model, target, { seed: 4, samples: 300 });
    expect(Array.from(a.values)).toEqual(Array.from(b.values));
    expect(Array.from(a.values)).not.toEqual(Array.from(c.values));
    expect(argmax(a.values)).toBe(1);
    expect(a.diagnostics.r2).toBeGreaterThan(0.8);
  });
  it('weighted ridge recovers a linear function and LIME kernel weights fall with distance', () => {
    const x: Uint8Array[] = [];
    const y: number[] = [];
    for (let m = 0; m < 16; m++) {
      const row = Uint8Array.from([m & 1, (m >> 1) & 1, (m >> 2) & 1, (m >> 3) & 1]);
      x.push(row);
      y.push(1 + 2 * row[0] - row[2] + 0.5 * row[3]);
    }
    const fit = weightedRidge(x, Float64Array.from(y), new Float64Array(16).fill(1), 1e-9);
    expect(Array.from(fit.coef).map((v) => Number(v.toFixed(6)))).toEqual([2, 0, -1, 0.5]);
    expect(fit.intercept).toBeCloseTo(1, 6);
    expect(fit.r2).toBeCloseTo(1, 9);
    expect(limeWeight(10, 10)).toBe(1);
    expect(limeWeight(5, 10)).toBeGreaterThan(limeWeight(2, 10));
  });
});

describe('shapley', () => {
  it('satisfies efficiency, is seeded, splits the A·B interaction and ranks A first', async () => {
    const model = { recommender: new PlantedRecommender() };
    const a = await shapley(model, target, { seed: 1, samples: 64 });
    const b = await shapley(model, target, { seed: 1, samples: 64 });
    expect(Array.from(a.values)).toEqual(Array.from(b.values));
    expect(a.diagnostics.efficiencyGap).toBeLessThan(1e-9);
    const sum = a.values.reduce((s, v) => s + v, 0);
    expect(sum).toBeCloseTo(a.score - (a.diagnostics.emptyScore as number), 9);
    expect(argmax(a.values)).toBe(1);
    // A gets 2 + half of 0.5 + 0.1; B half of the interaction + 0.1 (exact in expectation; sampled here).
    expect(a.values[1]).toBeCloseTo(2.35, 1);
    expect(a.values[3]).toBeCloseTo(0.35, 1);
  });
  it('caps the players and says so', async () => {
    const r = await shapley({ recommender: new PlantedRecommender() }, target, { maxEvents: 3, samples: 8 });
    expect(Array.from(r.values.subarray(0, 2))).toEqual([0, 0]);
    expect(r.notes[0]).toMatch(/newest 3 of 5/);
    expect(r.diagnostics.efficiencyGap).toBeLessThan(1e-9);
  });
});

describe('registry', () => {
  it('refuses model-internal methods on a baseline with a clear reason', async () => {
    const model = { recommender: new PlantedRecommender() };
    expect(applicableMethods(model)).toEqual(['occlusion', 'lime', 'shapley']);
    const r = await explain('ig', model, target);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toMatch(/only a sequence model/);
    const u = await explain('nope', model, target);
    expect(u.ok).toBe(false);
    const o = await explain('occlusion', model, target);
    expect(o.ok && o.data.values.length).toBe(history.length);
  });
});
