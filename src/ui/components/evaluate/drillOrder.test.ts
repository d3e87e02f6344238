import { describe, expect, it } from 'vitest';
import { drillOrder, nextSort } from './drillOrder';

const rows = [
  { user: '10', title: 'Star Wars (1977)', rank: 3 },
  { user: '2', title: 'Fargo (1996)', rank: 120 },
  { user: '1', title: 'Star Wars (1977)', rank: 1 },
  { user: '33', title: 'air (2005)', rank: 3 },
];

describe('drillOrder', () => {
  it('by rank both ways, ties in row order', () => {
    expect(drillOrder(rows, { column: 'rank', dir: 1 })).toEqual([2, 0, 3, 1]);
    expect(drillOrder(rows, { column: 'rank', dir: -1 })).toEqual([1, 0, 3, 2]);
  });
  it('user ids numerically (2 before 10), titles case-insensitively, equal titles best rank first', () => {
    expect(drillOrder(rows, { column: 'user', dir: 1 })).toEqual([2, 1, 0, 3]);
    expect(drillOrder(rows, { column: 'user', dir: -1 })).toEqual([3, 0, 1, 2]);
    expect(drillOrder(rows, { column: 'item', dir: 1 })).toEqual([3, 1, 2, 0]);
    expect(drillOrder(rows, { column: 'item', dir: -1 })).toEqual([2, 0, 1, 3]);
  });
  it('a heading click reverses its own column and starts another ascending', () => {
    expect(nextSort({ column: 'rank', dir: 1 }, 'rank')).toEqual({ column: 'rank', dir: -1 });
    expect(nextSort({ column: 'rank', dir: -1 }, 'item')).toEqual({ column: 'item', dir: 1 });
  });
});
