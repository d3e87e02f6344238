import { describe, expect, it } from 'vitest';
import { cachedForPair } from './pairCache';

describe('cachedForPair', () => {
  it('computes once per pair of objects and key, in either role separately', () => {
    const a = {};
    const b = {};
    let calls = 0;
    const compute = () => ++calls;
    expect(cachedForPair(a, b, 'k', compute)).toBe(1);
    expect(cachedForPair(a, b, 'k', compute)).toBe(1);
    expect(cachedForPair(a, b, 'other', compute)).toBe(2);
    expect(cachedForPair(b, a, 'k', compute)).toBe(3);
    // A re-evaluated result is a new object: computed afresh.
    expect(cachedForPair({}, b, 'k', compute)).toBe(4);
    expect(calls).toBe(4);
  });
});
