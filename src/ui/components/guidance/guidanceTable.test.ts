import { describe, expect, it } from 'vitest';
import type { GuidanceRow } from '../../../rec/guidance/guidance';
import { bestUplift, filterGuidance, sortGuidance } from './guidanceTable';

const reason = (contribution: number) => ({
  feature: 'f',
  kind: 'count' as const,
  eventType: 'cart',
  value: 1,
  contribution,
  historyLength: 5,
});
const rows: GuidanceRow[] = [
  {
    user: 0,
    buyProbability: 0.2,
    items: [
      { item: 1, score: 3, uplift: 0.01 },
      { item: 2, score: 2, uplift: 0.05 },
    ],
    reason: reason(0.4),
  },
  { user: 1, buyProbability: null, items: [{ item: 3, score: 5, uplift: null }], reason: null },
  { user: 2, buyProbability: 0.7, items: [], reason: reason(-1) },
  { user: 3, buyProbability: 0.2, items: [{ item: 1, score: 1, uplift: -0.02 }], reason: reason(2) },
];
const ids = ['u10', 'u9', 'A7', 'u100'];
const id = (u: number) => ids[u];
const users = (r: GuidanceRow[]) => r.map((x) => x.user);

describe('guidance table', () => {
  it('takes the best uplift of a row, null when none has one', () => {
    expect(bestUplift(rows[0])).toBe(0.05);
    expect(bestUplift(rows[1])).toBeNull();
    expect(bestUplift(rows[3])).toBe(-0.02);
  });

  it('sorts each column both ways, missing figures last, ties in log order', () => {
    expect(users(sortGuidance(rows, 'probability', true, id))).toEqual([2, 0, 3, 1]);
    expect(users(sortGuidance(rows, 'probability', false, id))).toEqual([0, 3, 2, 1]);
    // Items by the top item's score: 5, 3, 1, none.
    expect(users(sortGuidance(rows, 'items', true, id))).toEqual([1, 0, 3, 2]);
    expect(users(sortGuidance(rows, 'uplift', true, id))).toEqual([0, 3, 1, 2]);
    expect(users(sortGuidance(rows, 'reason', false, id))).toEqual([2, 0, 3, 1]);
    // Ids in natural order: A7, u9, u10, u100.
    expect(users(sortGuidance(rows, 'user', false, id))).toEqual([2, 1, 0, 3]);
    expect(users(sortGuidance(rows, 'user', true, id))).toEqual([3, 0, 1, 2]);
  });

  it('filters by minimum probability (dropping rows without one) and by part of the user id', () => {
    expect(users(filterGuidance(rows, { minProbability: 0, user: '' }, id))).toEqual([0, 1, 2, 3]);
    expect(users(filterGuidance(rows, { minProbability: 0.2, user: '' }, id))).toEqual([0, 2, 3]);
    expect(users(filterGuidance(rows, { minProbability: 0.5, user: '' }, id))).toEqual([2]);
    expect(users(filterGuidance(rows, { minProbability: 0, user: ' U1 ' }, id))).toEqual([0, 3]);
  });
});
