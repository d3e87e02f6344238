import { describe, expect, it } from 'vitest';
import { effect } from './pipeline';
import { makeTable } from './table';
import { checkThreshold, splitCounts, splitTreatment, variableSummary } from './treatmentSplit';

describe('a continuous treatment split at a threshold', () => {
  // Seven users' mean ratings: sorted 2.5, 3.0, 3.2, 3.6, 3.6, 4.1, 4.8 → median 3.6 (the 4th of 7).
  const ratings = Float64Array.from([3.6, 4.8, 2.5, 3.0, 4.1, 3.6, 3.2]);

  it('puts the rows at or above the threshold in the treated arm', () => {
    const r = splitTreatment('rating_mean', ratings, 3.6);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    // ≥ 3.6: 3.6, 4.8, 4.1, 3.6 → 4 treated; 2.5, 3.0, 3.2 → 3 control.
    expect(Array.from(r.data.column)).toEqual([1, 1, 0, 0, 1, 1, 0]);
    expect(r.data.split).toEqual({ threshold: 3.6, treated: 4, control: 3 });
    // Just above a tie moves both 3.6s to the control arm.
    expect(splitCounts(ratings, 3.61)).toEqual({ treated: 2, control: 5 });
  });

  it('starts from the median, shortened to what the label shows', () => {
    expect(variableSummary(ratings)).toEqual({ min: 2.5, max: 4.8, median: 3.6, threshold: 3.6 });
    // Median of 1, 2, 3.14159, 5 is 2.570795 → shown and used as 2.57 (2 rows below, 2 at or above).
    const s = variableSummary([1, 2, 3.14159, 5]);
    expect(s.median).toBeCloseTo(2.570795, 9);
    expect(s.threshold).toBe(2.57);
    expect(splitCounts([1, 2, 3.14159, 5], 2.57)).toEqual({ treated: 2, control: 2 });
  });

  it('moves off a median that equals the minimum, and offers no threshold for a constant', () => {
    // Views per user 0, 0, 0, 0, 2, 5: median 0 would put every row in the treated arm; 2 is the next value up.
    expect(variableSummary([0, 0, 0, 0, 2, 5]).threshold).toBe(2);
    expect(variableSummary([0, 0, 0]).threshold).toBeNull();
  });

  it('refuses a threshold that leaves an arm with fewer than two rows, naming the counts and the range', () => {
    expect(checkThreshold('rating_mean', ratings, 4.5)).toBe(
      'rating_mean ≥ 4.5 leaves 1 row(s) at or above and 6 below; each side needs at least 2 (rating_mean runs from 2.5 to 4.8)',
    );
    expect(checkThreshold('rating_mean', ratings, 9)).toMatch(/leaves 0 row\(s\) at or above and 7 below/);
    expect(checkThreshold('rating_mean', ratings, Number.NaN)).toMatch(/must be a number/);
    expect(checkThreshold('rating_mean', ratings, '3')).toMatch(/must be a number/);
    expect(splitTreatment('rating_mean', ratings, 1).ok).toBe(false);
    // ≥ 3.2 leaves exactly two below (2.5, 3.0): allowed; ≥ 3.0 leaves one.
    expect(checkThreshold('rating_mean', ratings, 3.2)).toBeNull();
    expect(checkThreshold('rating_mean', ratings, 3.0)).toMatch(/leaves 6 row\(s\) at or above and 1 below/);
  });
});

describe('the effect pipeline with a split treatment', () => {
  // x → y with y = 2·[x ≥ 5] + noise-free offsets: 40 rows, x = 0…9 four times, so ≥ 5 holds for 20 rows.
  const x = Float64Array.from({ length: 40 }, (_, i) => i % 10);
  const y = Float64Array.from(x, (v, i) => (v >= 5 ? 2 : 0) + (i % 3) * 0.1);
  const table = makeTable(['x', 'y'], [x, y]);
  const graph = { nodes: ['x', 'y'], edges: [{ from: 'x', to: 'y' }] };

  it('estimates the effect of x ≥ threshold and reports the split', () => {
    const r = effect(table, graph, { treatment: 'x', outcome: 'y', threshold: 5, bootstrap: 20, seed: 1 });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.split).toEqual({ threshold: 5, treated: 20, control: 20 });
    expect(r.estimates.naive.ate).toBeCloseTo(2, 1);
  });

  it('fails without a threshold on a non-0/1 treatment, and on a threshold past the data', () => {
    const none = effect(table, graph, { treatment: 'x', outcome: 'y', bootstrap: 20, seed: 1 });
    expect(none.ok ? '' : none.reason).toMatch(/binary 0\/1/);
    const past = effect(table, graph, { treatment: 'x', outcome: 'y', threshold: 10, bootstrap: 20, seed: 1 });
    expect(past.ok ? '' : past.reason).toBe(
      'x ≥ 10 leaves 0 row(s) at or above and 40 below; each side needs at least 2 (x runs from 0 to 9)',
    );
  });
});
