import fc from 'fast-check';
import { asItemIdx } from '../lib/ids';
import { describe, expect, it } from 'vitest';
import { allTied, rankOf, topK } from './rank';

describe('topK', () => {
  it('matches a full sort (ties to the lower index) and never returns excluded items', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -5, max: 5 }), { minLength: 1, maxLength: 60 }),
        fc.integer({ min: 0, max: 20 }),
        fc.array(fc.nat(), { maxLength: 10 }),
        (vals, k, ex) => {
          const row = Float32Array.from(vals);
          const exclude = Int32Array.from(new Set(ex.map((e) => e % vals.length)));
          const before = row.slice();
          const got = topK(row, k, exclude);
          const expected = vals
            .map((v, i) => ({ v, i }))
            .filter(({ i }) => !exclude.includes(i))
            .sort((a, b) => b.v - a.v || a.i - b.i)
            .slice(0, k);
          expect(Array.from(got.items)).toEqual(expected.map((e) => e.i));
          expect(Array.from(got.scores)).toEqual(expected.map((e) => e.v));
          expect(row).toEqual(before);
        },
      ),
    );
  });
  it('works on a slice of a batched buffer', () => {
    const buf = new Float32Array([9, 9, 9, 1, 3, 2]);
    // Row 1 of a 2×3 buffer is [1, 3, 2]; item 1 is excluded.
    expect(Array.from(topK(buf, 2, [1], 3, 3).items)).toEqual([2, 0]);
  });
});

describe('rankOf', () => {
  it('counts strictly better items, half the ties, and ranks unscorable targets last', () => {
    const row = [0.5, 0.9, 0.5, 0.1, 0.5];
    expect(rankOf(row, asItemIdx(1))).toBe(1);
    expect(rankOf(row, asItemIdx(0))).toBe(1 + 1 + 1); // one better, two ties → +1
    expect(rankOf(row, asItemIdx(3))).toBe(5);
    expect(rankOf(row, asItemIdx(0), [3, 4])).toBe(1);
    expect(rankOf([NaN, 1, 2], asItemIdx(0))).toBe(3);
  });
});

describe('allTied', () => {
  it('is true only for a list of two or more with one score', () => {
    expect(allTied(Float32Array.from([0, 0, 0]))).toBe(true);
    expect(allTied(Float32Array.from([0.5, 0.5]))).toBe(true);
    expect(allTied(Float32Array.from([0.5, 0.4]))).toBe(false);
    expect(allTied(Float32Array.from([0.5]))).toBe(false);
    expect(allTied(new Float32Array(0))).toBe(false);
  });
});
