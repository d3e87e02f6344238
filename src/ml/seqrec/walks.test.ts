import { describe, expect, it } from 'vitest';
import { createRng } from '../../lib/rng';
import { catalogWalks } from './walks';

describe('catalogWalks', () => {
  it('gives count walks of length items in the catalog, each step 1–8 items on (wrapping), the same for a seed', () => {
    const walks = catalogWalks(createRng(5), 20, 30, 51);
    expect(walks).toHaveLength(30);
    for (const { items } of walks) {
      expect(items).toHaveLength(51);
      for (const i of Array.from(items)) expect(Number.isInteger(i) && i >= 0 && i < 20).toBe(true);
      for (let k = 1; k < items.length; k++) expect([1, 2, 3, 4, 5, 6, 7, 8]).toContain((items[k] - items[k - 1] + 20) % 20);
    }
    expect(catalogWalks(createRng(5), 20, 30, 51)).toEqual(walks);
    expect(catalogWalks(createRng(6), 20, 30, 51)).not.toEqual(walks);
  });
});
