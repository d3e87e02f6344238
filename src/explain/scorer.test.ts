import { describe, expect, it } from 'vitest';
import { createRng } from '../lib/rng';
import { topK } from '../rec/rank';
import { rankExcluding } from './scorer';

describe('rankExcluding', () => {
  it('is the item’s position in the list topK shows, ties going to the lower index', () => {
    const rng = createRng(7);
    for (let trial = 0; trial < 20; trial++) {
      // Scores on a coarse grid, so that many items tie (as item-kNN's do on a short history).
      const row = Float32Array.from({ length: 40 }, () => Math.floor(rng.next() * 5));
      const excluded = new Set(Array.from({ length: 6 }, () => Math.floor(rng.next() * 40)));
      const list = Array.from(topK(row.slice(), 40, [...excluded]).items);
      for (let item = 0; item < row.length; item++)
        if (!excluded.has(item)) expect(rankExcluding(row, item, excluded)).toBe(1 + list.indexOf(item));
    }
  });

  it('puts an item the model cannot score last', () => {
    const row = Float32Array.of(1, NaN, 3, -Infinity);
    expect(rankExcluding(row, 1, new Set())).toBe(4);
    expect(rankExcluding(row, 3, new Set([0]))).toBe(3);
  });
});
