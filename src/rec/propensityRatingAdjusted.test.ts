import { describe, expect, it } from 'vitest';
import { naiveBayesPropensity, popularityPropensity, ratingLevelRatio, tablePropensity } from './propensity';
import { ratingAdjustedPropensity } from './propensityRatingAdjusted';
import { ratingData } from './ratings';

// 2 users × 3 items; user 0 rated items 0 and 1, user 1 rated item 0. Observed levels 5, 2, 4; MCAR sample [2, 2, 4].
const d = ratingData(2, 3, [
  [0, 0, 5],
  [0, 1, 2],
  [1, 0, 4],
]);
const mcar = [2, 2, 4];

describe('rating-level adjustment of a user–item propensity (hand-computed)', () => {
  it('P(Y=r|O=1) / P(Y=r), add-one smoothed over the 3 levels', () => {
    const ratio = ratingLevelRatio(d.rating, mcar);
    if (!ratio.ok) throw new Error(ratio.reason);
    // Level 5: obs (1+1)/(3+3) = 1/3, mcar (0+1)/(3+3) = 1/6 → 2. Level 2: obs 2/6, mcar 3/6 → 2/3. Level 4: 2/6 ÷ 2/6 = 1.
    expect(ratio.data(5)).toBeCloseTo(2, 12);
    expect(ratio.data(2)).toBeCloseTo(2 / 3, 12);
    expect(ratio.data(4)).toBeCloseTo(1, 12);
    expect(ratio.data(3)).toBeNaN();
  });

  it('naive Bayes: multiplies the base propensity of the pair by its rating level ratio', () => {
    const base = tablePropensity(3, [
      [0, 0, 0.3],
      [0, 1, 0.6],
      [1, 0, 0.1],
    ]);
    const m = ratingAdjustedPropensity(base, d, mcar, 'naive-bayes', 0.01);
    if (!m.ok) throw new Error(m.reason);
    expect(m.data.source).toBe('file × rating');
    expect(m.data.p(0, 0, 5)).toBeCloseTo(0.3 * 2, 12);
    expect(m.data.p(0, 1, 2)).toBeCloseTo(0.6 * (2 / 3), 12);
    expect(m.data.p(1, 0, 4)).toBeCloseTo(0.1, 12);
    // Popularity × activity: n_u n_i / N = 2·2/3 for (0, 0), then × 2 for a 5.
    const pop = ratingAdjustedPropensity(popularityPropensity(d), d, mcar, 'naive-bayes', 0.01);
    expect(pop.ok && pop.data.p(0, 0, 5)).toBeCloseTo((4 / 3) * 2, 12);
  });

  it('calibration: the base propensity × the 1/p-weighted rating histogram over the random sample’s', () => {
    const base = tablePropensity(3, [
      [0, 0, 0.5],
      [0, 1, 0.25],
      [1, 0, 0.5],
    ]);
    const m = ratingAdjustedPropensity(base, d, mcar, 'calibrate', 0.01);
    if (!m.ok) throw new Error(m.reason);
    expect(m.data.source).toBe('file calibrated on rating');
    // Weights 1/p: 2 (a 5), 4 (a 2), 2 (a 4); total 8, mean 8/3 added to each of the 3 levels: H_w = 7/24, 5/12, 7/24
    // for 5, 2, 4. The sample with one added per level: 1/6, 3/6, 2/6. Factors 7/4, 5/6, 7/8.
    expect(m.data.p(0, 0, 5)).toBeCloseTo(0.5 * (7 / 4), 12);
    expect(m.data.p(0, 1, 2)).toBeCloseTo(0.25 * (5 / 6), 12);
    expect(m.data.p(1, 0, 4)).toBeCloseTo(0.5 * (7 / 8), 12);
    // The clip bounds the weights that make H_w: with p = 0.001 clipped to 0.01 the (0, 1) weight is 100, not 1000.
    const tiny = tablePropensity(3, [
      [0, 0, 0.5],
      [0, 1, 0.001],
      [1, 0, 0.5],
    ]);
    const c = ratingAdjustedPropensity(tiny, d, mcar, 'calibrate', 0.01);
    // total 104, mean 104/3; H_w(2) = (100 + 104/3) / (104 + 104) = 404/624; factor = H_w(2) / (1/2).
    expect(c.ok && c.data.p(0, 1, 2)).toBeCloseTo(0.001 * ((404 / 624) * 2), 12);
  });

  it('refuses a propensity that already depends on the rating, and an empty sample', () => {
    const nb = naiveBayesPropensity(d, mcar);
    if (!nb.ok) throw new Error(nb.reason);
    expect(ratingAdjustedPropensity(nb.data, d, mcar, 'calibrate', 0.01)).toMatchObject({
      ok: false,
      reason: /already depend on the rating/,
    });
    expect(ratingAdjustedPropensity(popularityPropensity(d), d, [], 'calibrate', 0.01).ok).toBe(false);
  });
});
