import { describe, expect, it } from 'vitest';
import { cumulative, pickCumulative } from './weightedDraw';

describe('weighted draws through cumulative weights', () => {
  it('sums the first n weights, counting negative and missing ones as 0', () => {
    expect(Array.from(cumulative([1, -2, 3], 4))).toEqual([1, 1, 4, 4]);
  });

  it('maps u to the first index whose running sum exceeds u × total, never a zero-weight index', () => {
    const cum = cumulative([1, 0, 3]); // [1, 1, 4]
    expect(pickCumulative(cum, 0)).toBe(0);
    expect(pickCumulative(cum, 0.2499)).toBe(0);
    expect(pickCumulative(cum, 0.25)).toBe(2);
    expect(pickCumulative(cum, 0.9999)).toBe(2);
  });
});
