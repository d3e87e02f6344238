import { describe, expect, it } from 'vitest';
import { alignFeatures, parseFeatureTable } from '../data/featureTable';
import { exposurePropensity, naiveBayesPropensity, observedPropensities, popularityPropensity, tablePropensity } from './propensity';
import { fitLogisticPropensity } from './propensityLogistic';
import { ratingData } from './ratings';

// 2 users × 3 items; user 0 rated items 0 and 1, user 1 rated item 0.
const d = ratingData(2, 3, [
  [0, 0, 5],
  [0, 1, 2],
  [1, 0, 4],
]);

describe('propensity models (hand-computed)', () => {
  it('popularity × activity: n_u · n_i / N', () => {
    const m = popularityPropensity(d);
    expect(m.p(0, 0, 5)).toBeCloseTo((2 * 2) / 3, 12);
    expect(m.p(1, 1, 0)).toBeCloseTo((1 * 1) / 3, 12);
    expect(m.p(1, 2, 0)).toBe(0);
  });

  it('exposure: 1 − (1 − q_i)^m_u', () => {
    const m = exposurePropensity([2, 1], [3, 1, 0]);
    expect(m.ok && m.data.p(0, 0, 0)).toBeCloseTo(1 - 0.25 ** 2, 12);
    expect(m.ok && m.data.p(1, 1, 0)).toBeCloseTo(0.25, 12);
    expect(exposurePropensity([0], [0, 0]).ok).toBe(false);
  });

  it('naive Bayes: P(Y=r|O=1) P(O=1) / P(Y=r), add-one smoothed', () => {
    // Levels seen: 5, 2, 4 (observed once each) and 2 in the MCAR sample [2, 2, 4]. 3 levels.
    // P(O=1) = 3/6. Level 5: obs (1+1)/(3+3), mcar (0+1)/(3+3) → (1/3 · 1/2)/(1/6) = 1.
    // Level 2: obs 2/6, mcar 3/6 → (1/3 · 1/2)/(1/2) = 1/3.
    const m = naiveBayesPropensity(d, [2, 2, 4]);
    expect(m.ok && m.data.p(0, 0, 5)).toBeCloseTo(1, 12);
    expect(m.ok && m.data.p(0, 1, 2)).toBeCloseTo(1 / 3, 12);
    expect(naiveBayesPropensity(d, []).ok).toBe(false);
  });

  it('clips to [clip, 1] and reports the overlap of the observed pairs', () => {
    const m = tablePropensity(3, [
      [0, 0, 0.5],
      [0, 1, 0.001],
      [1, 0, 2],
    ]);
    const { p, diagnostic } = observedPropensities(m, d, 0.01);
    expect(Array.from(p)).toEqual([0.5, 0.01, 1]);
    // Weights 2, 100, 1: ESS = 103² / (4 + 10000 + 1).
    expect(diagnostic.ess).toBeCloseTo(103 ** 2 / 10005, 10);
    expect(diagnostic).toMatchObject({ pairs: 3, clippedShare: 1 / 3, min: 0.001, max: 2, sumWeights: 103 });
  });

  it('refuses an observed pair the supplied table lacks', () => {
    expect(() => observedPropensities(tablePropensity(3, [[0, 0, 0.5]]), d, 0.01)).toThrow(/no file propensity/);
  });
});

describe('logistic propensities on features', () => {
  it('recovers observation rates that depend on an item feature', () => {
    // 40 users × 20 items; items of kind "a" are observed by every 2nd user, kind "b" by every 10th (every user the same number).
    const triples: [number, number, number][] = [];
    for (let u = 0; u < 40; u++) for (let i = 0; i < 20; i++) if ((u + i) % (i < 10 ? 2 : 10) === 0) triples.push([u, i, 1]);
    const ratings = ratingData(40, 20, triples);
    const csv = 'item_id,kind\n' + Array.from({ length: 20 }, (_, i) => `i${i},${i < 10 ? 'a' : 'b'}`).join('\n');
    const table = parseFeatureTable(csv);
    expect(table.ok && table.data.names).toEqual(['kind=a', 'kind=b']);
    const items = alignFeatures(
      table.ok ? table.data : (null as never),
      Array.from({ length: 20 }, (_, i) => `i${i}`),
    );
    const fit = fitLogisticPropensity(ratings, { users: null, items }, { epochs: 600 });
    expect(fit.ok).toBe(true);
    if (!fit.ok) return;
    expect(fit.data.model.p(1, 0, 0)).toBeCloseTo(0.5, 1);
    expect(fit.data.model.p(1, 15, 0)).toBeCloseTo(0.1, 1);
  });

  it('range-checks its settings and its size before allocating', () => {
    expect(fitLogisticPropensity(d, { users: null, items: null }, { epochs: 0 }).ok).toBe(false);
    const huge = { ...d, numUsers: 1e5, numItems: 1e5 };
    const r = fitLogisticPropensity(huge, { users: null, items: null });
    expect(!r.ok && r.reason).toMatch(/visits every pair/);
  });
});

describe('feature tables', () => {
  it('one-hot encodes categories, standardises many-valued numbers, skips text and constants', () => {
    const rows = Array.from({ length: 12 }, (_, r) => `u${r},${r % 2 ? 'm' : 'f'},${r * 10},title number ${r},x`);
    const t = parseFeatureTable('id,gender,age,title,const\n' + rows.join('\n'));
    expect(t.ok).toBe(true);
    if (!t.ok) return;
    expect(t.data.names).toEqual(['gender=f', 'gender=m', 'age']);
    expect(t.data.skipped).toEqual(['title (12 distinct values: text, not a category)', 'const (constant)']);
    const a = alignFeatures(t.data, ['u1', 'nobody']);
    expect(Array.from(a.data.subarray(0, 2))).toEqual([0, 1]);
    expect(a.missing).toBe(1);
  });
});
