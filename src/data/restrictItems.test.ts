// A log restricted to a model's item vocabulary: the vocabulary's order, rows of other items left out and counted,
// users, event types, times and order kept.
import { describe, expect, it } from 'vitest';
import { userEvents } from './eventLog';
import { EventLogBuilder } from './eventLogBuilder';
import { restrictToItems } from './restrictItems';

describe('restrictToItems', () => {
  it('re-indexes items to the vocabulary and leaves out the rows of items it lacks', () => {
    const b = new EventLogBuilder();
    const rows: [string, string, string, number][] = [
      ['u1', 'x', 'view', 10],
      ['u1', 'a', 'purchase', 20],
      ['u2', 'b', 'view', 5],
      ['u1', 'b', 'view', 30],
      ['u2', 'x', 'view', 6],
    ];
    for (const [user, item, event, time] of rows) b.add({ user, item, event, time, value: NaN });
    const r = restrictToItems(b.build(), ['b', 'c', 'a']);
    expect(r).toMatchObject({ droppedRows: 2, droppedItems: 1, unseenItems: 1 });
    expect(r.log.items).toEqual(['b', 'c', 'a']);
    expect(r.log.users).toEqual(['u1', 'u2']);
    expect(r.log.eventTypes).toEqual(['view', 'purchase']);
    const seq = (u: number) =>
      Array.from(userEvents(r.log, u as never), (row) => [r.log.item[row], r.log.eventTypes[r.log.event[row]], r.log.time[row]]);
    expect(seq(0)).toEqual([
      [2, 'purchase', 20],
      [0, 'view', 30],
    ]);
    expect(seq(1)).toEqual([[0, 'view', 5]]);
  });
});
