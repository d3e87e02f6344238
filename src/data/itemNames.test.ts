import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { distinctNames } from './itemNames';

const ML100K_ITEMS = new URL('../../../shared/data/ml-100k/u.item', import.meta.url);

describe('distinctNames', () => {
  it('adds the id only to titles that two or more items share, and never to a title that is the id', () => {
    const ids = ['26400363', '26400672', '1004856', '15100337', '15100337x'];
    const titles = ['lego', 'lego', 'smartphone · samsung', '15100337', '15100337'];
    expect(distinctNames(titles, ids)).toEqual([
      'lego #26400363',
      'lego #26400672',
      'smartphone · samsung',
      '15100337',
      '15100337 #15100337x',
    ]);
    expect(distinctNames([], [])).toEqual([]);
  });

  it.skipIf(!existsSync(ML100K_ITEMS))('names every ml-100k film apart, though 18 titles are listed twice', () => {
    const rows = readFileSync(ML100K_ITEMS, 'latin1')
      .split('\n')
      .filter(Boolean)
      .map((l) => l.split('|'));
    const names = distinctNames(
      rows.map((r) => r[1]),
      rows.map((r) => r[0]),
    );
    expect(new Set(names).size).toBe(rows.length);
    expect(names.filter((n) => /#\d+$/.test(n)).length).toBe(2 * 18);
    expect(names[245]).toBe('Chasing Amy (1997) #246');
    expect(names[49]).toBe('Star Wars (1977)');
  });
});
