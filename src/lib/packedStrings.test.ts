import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { packStrings, unpackStrings } from './packedStrings';

describe('packed strings', () => {
  it('round-trips any strings, including empty ones, separators and astral characters', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'grapheme', maxLength: 6 })), (xs) => {
        expect(unpackStrings(packStrings(xs))).toEqual(xs);
      }),
      { numRuns: 200, seed: 3 },
    );
    expect(unpackStrings(packStrings(['a', '', '😀x', '\u0000'])).length).toBe(4);
  });
});
