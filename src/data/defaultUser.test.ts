// The default user: the first with a few distinct items (exposures aside), else user 0.
import { describe, expect, it } from 'vitest';
import { EventLogBuilder } from './eventLogBuilder';
import { defaultUser } from './defaultUser';

const log = (rows: [string, string, string][]) => {
  const b = new EventLogBuilder();
  rows.forEach(([user, item, event], t) => b.add({ user, item, event, time: t, value: NaN }));
  return b.build();
};

describe('defaultUser', () => {
  it('skips users with fewer than three distinct items, and does not count exposures', () => {
    const l = log([
      ['once', 'a', 'view'],
      ['once', 'a', 'view'],
      ['shown', 'a', 'view'],
      ['shown', 'b', 'exposure'],
      ['shown', 'c', 'exposure'],
      ['two', 'a', 'view'],
      ['two', 'b', 'purchase'],
      ['three', 'a', 'view'],
      ['three', 'b', 'view'],
      ['three', 'c', 'cart'],
      ['more', 'd', 'view'],
      ['more', 'e', 'view'],
      ['more', 'f', 'view'],
    ]);
    expect(l.users[defaultUser(l)]).toBe('three');
  });

  it('is user 0 when no user has three distinct items', () => {
    const l = log([
      ['x', 'a', 'view'],
      ['y', 'a', 'view'],
      ['y', 'b', 'view'],
    ]);
    expect(defaultUser(l)).toBe(0);
  });
});
