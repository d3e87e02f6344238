import { describe, expect, it } from 'vitest';
import { createRng } from '../../lib/rng';
import { buildCatalog, toItemCatalog } from './catalog';
import { CATEGORIES } from './categories';

describe('buildCatalog', () => {
  const items = buildCatalog(createRng(1));

  it('makes 300 unique, titled, described items over all categories', () => {
    expect(items).toHaveLength(300);
    expect(new Set(items.map((x) => x.id)).size).toBe(300);
    expect(new Set(items.map((x) => x.title)).size).toBe(300);
    expect(new Set(items.map((x) => x.category)).size).toBe(CATEGORIES.length);
    for (const x of items) {
      expect(x.title.length).toBeGreaterThan(3);
      expect(x.description).toMatch(/^[A-Z].+\.$/);
    }
  });

  it('prices by category: positive, two decimals, books cheaper than electronics', () => {
    for (const x of items) {
      expect(x.price).toBeGreaterThan(0);
      expect(Math.round(x.price * 100) / 100).toBe(x.price);
    }
    const median = (c: string) => {
      const ps = items
        .filter((x) => x.category === c)
        .map((x) => x.price)
        .sort((a, b) => a - b);
      return ps[ps.length >> 1];
    };
    expect(median('Books')).toBeLessThan(median('Electronics'));
  });

  it('includes titles that need CSV quoting', () => {
    expect(items.some((x) => /[",]/.test(x.title))).toBe(true);
  });

  it('keeps titles unique past the word lists and converts to the columnar catalog', () => {
    const big = buildCatalog(createRng(2), 1000);
    expect(new Set(big.map((x) => x.title)).size).toBe(1000);
    const cat = toItemCatalog(big);
    expect(cat.ids).toHaveLength(1000);
    expect(cat.price[0]).toBe(big[0].price);
  });
});
