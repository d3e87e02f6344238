// Degenerate tables for causal discovery (issue #16): too few rows is an error for PC and NOTEARS alike, and exactly
// or nearly collinear columns are named in a warning instead of surfacing as an edge with r = 0.9999999998.
import { describe, expect, it } from 'vitest';
import { createRng } from '../lib/rng';
import { collinearityWarnings, minRows, tooFewRows } from './dataChecks';
import { runPc } from './pc';
import { makeTable } from './table';

const rng = createRng(16);
const n = 300;
const noise = () => Float64Array.from({ length: n }, () => rng.normal());
const a = noise(),
  b = noise(),
  d = noise();
const c = Float64Array.from(a, (v, i) => 0.5 * v + d[i]);

describe('data checks for causal discovery', () => {
  it('asks for at least 10 rows, and 5 more than the variables', () => {
    expect([2, 3, 5, 6, 20].map(minRows)).toEqual([10, 10, 10, 11, 25]);
    expect(tooFewRows('PC', 10, 3)).toBeNull();
    expect(tooFewRows('NOTEARS', 2, 3)).toBe(
      'NOTEARS needs at least 10 rows for 3 variables (at least 10, and 5 more than the variables), but the data has 2: ' +
        'with fewer, the correlations it works from cannot tell one graph from another',
    );
  });

  it('PC refuses 1, 2 or 9 rows with the reason', () => {
    for (const rows of [1, 2, 9]) {
      const t = makeTable(
        ['a', 'b', 'c'],
        [a, b, c].map((x) => x.slice(0, rows)),
      );
      expect(runPc(t)).toEqual({ ok: false, reason: tooFewRows('PC', rows, 3) });
    }
  });

  it('PC names an exactly collinear pair, and says nothing about independent columns', () => {
    const twice = Float64Array.from(a, (v) => 2 * v + 1);
    const r = runPc(makeTable(['a', 'b', 'twice', 'c'], [a, b, twice, c]));
    if (!r.ok) throw new Error(r.reason);
    expect(r.data.warnings).toEqual([
      '"a" and "twice" are collinear (r = 1.000000): one is (almost) a linear function of the other, ' +
        'so the data cannot tell their edges apart; drop one of them',
    ]);
    const clean = runPc(makeTable(['a', 'b', 'c'], [a, b, c]));
    expect(clean.ok && clean.data.warnings).toEqual([]);
  });

  it('names a column that is a linear combination of others though no pair is collinear (a singular correlation matrix)', () => {
    const sum = Float64Array.from(a, (v, i) => v + b[i]);
    expect(collinearityWarnings(['a', 'b', 'd', 'sum'], [a, b, d, sum])).toEqual([
      '"sum" is (almost) a linear combination of "a", "b" (R² = 1.000000): the correlation matrix is singular, ' +
        'so the data cannot tell their edges apart; drop one of them',
    ]);
    // Nearly collinear (|r| > 0.999) counts too; a strong but ordinary correlation (r ≈ 0.99) does not.
    const near = Float64Array.from(a, (v, i) => v + 0.01 * b[i]);
    const strong = Float64Array.from(a, (v, i) => v + 0.15 * b[i]);
    expect(collinearityWarnings(['a', 'near'], [a, near])).toEqual([expect.stringMatching(/^"a" and "near" are collinear \(r = 0\.9999/)]);
    expect(collinearityWarnings(['a', 'strong'], [a, strong])).toEqual([]);
  });
});
