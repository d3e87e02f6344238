import { describe, expect, it } from 'vitest';
import { loadEvents } from './csv/load';
import { textSource } from './csv/source';
import { distributions, logFigures, powerOfTwoBins, titledItems, valueBins } from './distributions';
import type { ItemCatalog } from './eventLog';

async function logOf(text: string) {
  const r = await loadEvents(textSource('events.csv', text));
  if (!r.ok) throw new Error(r.reason);
  return r.data.log;
}

describe('distributions', () => {
  it('counts ratings per value, history lengths in powers of two and the item long tail, by hand', async () => {
    // u1: 5 events, u2: 2, u3: 1. Items: a ×4, b ×2, c ×1, d ×1.
    const rows = ['u1,a,5', 'u1,b,4', 'u1,c,4', 'u1,d,1', 'u1,a,5', 'u2,a,3', 'u2,b,4', 'u3,a,5'];
    const d = distributions(await logOf(['user,item,rating', ...rows].join('\n')));
    expect(d.values).toEqual([
      { lo: 1, hi: 1, count: 1 },
      { lo: 3, hi: 3, count: 1 },
      { lo: 4, hi: 4, count: 3 },
      { lo: 5, hi: 5, count: 3 },
    ]);
    expect(d.valued).toBe(8);
    expect(d.historyLengths).toEqual([
      { lo: 1, hi: 1, count: 1 },
      { lo: 2, hi: 3, count: 1 },
      { lo: 4, hi: 7, count: 1 },
    ]);
    expect(d.historyMedian).toBe(2);
    expect(d.popularity).toEqual([
      { rank: 1, count: 4 },
      { rank: 2, count: 2 },
      { rank: 3, count: 1 },
      { rank: 4, count: 1 },
    ]);
    // Top 20% of 4 items rounds to 1 item: a, with 4 of 8 interactions.
    expect(d.head).toEqual({ items: 1, share: 0.5, headShare: 0.2 });
    expect(d.singletons).toBe(2);
  });

  it('has no value histogram when the log carries no values', async () => {
    const d = distributions(await logOf('user,item\nu1,a\nu1,b\n'));
    expect(d.values).toBeNull();
    expect(d.valued).toBe(0);
    expect(d.historyLengths).toEqual([{ lo: 2, hi: 3, count: 1 }]);
  });

  it('bins many distinct values into ten equal-width bins, the maximum in the last', () => {
    const values = Array.from({ length: 21 }, (_, i) => i); // 0..20, width 2
    const bins = valueBins(values);
    expect(bins).toHaveLength(10);
    expect(bins[0]).toEqual({ lo: 0, hi: 2, count: 2 });
    expect(bins[9]).toEqual({ lo: 18, hi: 20, count: 3 });
    expect(bins.reduce((a, b) => a + b.count, 0)).toBe(21);
  });

  it('starts the power-of-two bins at the smallest length present and keeps empty ones between', () => {
    expect(powerOfTwoBins([4, 5, 20])).toEqual([
      { lo: 4, hi: 7, count: 2 },
      { lo: 8, hi: 15, count: 0 },
      { lo: 16, hi: 31, count: 1 },
    ]);
  });

  it('samples ranks log-spaced beyond 200 and ends at the last item', async () => {
    // 300 items: the first two with 3 interactions, the rest with 1.
    const rows = ['user,item'];
    for (let k = 0; k < 300; k++) for (let r = 0; r < (k < 2 ? 3 : 1); r++) rows.push(`u,i${k}`);
    const p = distributions(await logOf(rows.join('\n'))).popularity;
    expect(p.slice(0, 200).map((x) => x.rank)).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
    expect(p.slice(0, 3).map((x) => x.count)).toEqual([3, 3, 1]);
    expect(p.at(-1)).toEqual({ rank: 300, count: 1 });
    expect(p.length).toBeLessThan(300);
    for (let i = 1; i < p.length; i++) expect(p[i].rank).toBeGreaterThan(p[i - 1].rank);
  });
});

describe('logFigures', () => {
  it('counts log items the catalog titles, and carries the distributions of the same log', async () => {
    const log = await logOf(['user,item,rating', 'u1,a,5', 'u1,b,4', 'u2,c,3', 'u2,a,1'].join('\n'));
    // Catalog rows: b titled, a untitled (''), z not in the log; c missing from the catalog. Titled log items: 1 (b).
    const catalog: ItemCatalog = {
      ids: ['z', 'b', 'a'],
      title: ['Zed', 'Bee', ''],
      description: ['', '', ''],
      category: ['', '', ''],
      price: new Float64Array(3).fill(NaN),
    };
    expect(titledItems(log, catalog)).toBe(1);
    expect(titledItems(log, null)).toBe(0);
    const f = logFigures(log, catalog);
    expect(f.titled).toBe(1);
    expect(f.distributions).toEqual(distributions(log));
    expect(f.distributions.valued).toBe(4);
  });
});
