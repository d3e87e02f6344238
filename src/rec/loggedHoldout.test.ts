import { describe, expect, it } from 'vitest';
import { heldOutEstimates, holdoutRatings } from './loggedHoldout';
import { ratingData } from './ratings';

describe('held-out logged ratings', () => {
  it('holds out round(share · n_u) of each user at random, keeping at least one rating in the fit', () => {
    // User 0 has 5 ratings, user 1 has 1, user 2 has 3.
    const d = ratingData(3, 6, [
      [0, 0, 1],
      [0, 1, 2],
      [0, 2, 3],
      [0, 3, 4],
      [0, 4, 5],
      [1, 0, 3],
      [2, 1, 4],
      [2, 2, 2],
      [2, 5, 1],
    ]);
    const h = holdoutRatings(d, 0.4, 7);
    // round(0.4·5) = 2 of user 0, none of user 1 (a single rating), round(0.4·3) = 1 of user 2.
    expect(Array.from(h.heldOut.user)).toEqual([0, 0, 2]);
    expect(Array.from(h.chance)).toEqual([0.4, 0.4, 1 / 3]);
    expect(h.fit.user.length).toBe(6);
    const key = (x: typeof d, r: number) => `${x.user[r]},${x.item[r]},${x.rating[r]}`;
    const both = [...Array.from(h.fit.user, (_, r) => key(h.fit, r)), ...Array.from(h.heldOut.user, (_, r) => key(h.heldOut, r))];
    expect(both.sort()).toEqual(Array.from(d.user, (_, r) => key(d, r)).sort());
    expect(holdoutRatings(d, 0.4, 7)).toEqual(h);
    expect(() => holdoutRatings(d, 0.9, 7)).toThrow(/share must be in/);
  });

  it('naive, IPS and SNIPS estimates by hand', () => {
    // 2 users × 4 items. Held out: user 0 rated item 0 a 4 and item 1 a 2, user 1 rated item 2 a 5. Prediction 3 everywhere.
    const held = ratingData(2, 4, [
      [0, 0, 4],
      [0, 1, 2],
      [1, 2, 5],
    ]);
    // p = 0.5, 0.25, 0.5; chance held out = 0.5, 0.5, 1 → weights 1/q = 4, 8, 2. Squared errors 1, 1, 4; absolute 1, 1, 2.
    const { users, ratings, estimates } = heldOutEstimates(held, () => 3, [0.5, 0.25, 0.5], [0.5, 0.5, 1], { samples: 200 });
    expect([users, ratings]).toEqual([2, 3]);
    expect(estimates.MSE.naive.value).toBeCloseTo(2, 12);
    // IPS: (4·1 + 8·1 + 2·4) / (2 users × 4 items) = 20/8; SNIPS: 20 / (4 + 8 + 2).
    expect(estimates.MSE.ips.value).toBeCloseTo(2.5, 12);
    expect(estimates.MSE.snips.value).toBeCloseTo(20 / 14, 12);
    expect(estimates.MAE.naive.value).toBeCloseTo(4 / 3, 12);
    expect(estimates.MAE.ips.value).toBeCloseTo(16 / 8, 12);
    expect(estimates.MAE.snips.value).toBeCloseTo(16 / 14, 12);
    // Resampling the 2 users: user 0 alone gives naive MSE 1, user 1 alone 4; every draw lies between.
    const [lo, hi] = estimates.MSE.naive.ci95;
    expect(lo).toBeGreaterThanOrEqual(1);
    expect(hi).toBeLessThanOrEqual(4);
    expect(lo).toBeLessThan(hi);
  });
});
