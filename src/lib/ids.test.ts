// The brands are proven by tsc: each @ts-expect-error line must be a type error, or `tsc --noEmit` fails.
import { describe, expect, it } from 'vitest';
import { asItemIdx, asItemIdxs, asUserIdx, UNKNOWN_USER, type ItemIdx, type UserIdx } from './ids';

const takesItem = (i: ItemIdx): number => i;
const takesUser = (u: UserIdx): number => u;

describe('branded indices', () => {
  it('keep user and item indices apart at compile time', () => {
    const u = asUserIdx(3);
    const i = asItemIdx(7);
    // @ts-expect-error a user index is not an item index
    takesItem(u);
    // @ts-expect-error an item index is not a user index
    takesUser(i);
    // @ts-expect-error a plain number must be branded at its boundary first
    takesItem(7);
    // @ts-expect-error nor can a user index list stand for an item list
    const items: ItemIdx[] = [u];
    expect(items).toEqual([3]);
    // Both still read as numbers.
    expect(takesItem(i) + takesUser(u)).toBe(10);
  });

  it('cost nothing at run time', () => {
    expect(asItemIdx(5)).toBe(5);
    expect(asItemIdxs(Uint32Array.of(1, 2))).toEqual([1, 2]);
    expect(UNKNOWN_USER).toBe(-1);
  });
});
