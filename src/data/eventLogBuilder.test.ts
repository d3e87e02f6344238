import { describe, expect, it } from 'vitest';
import { EventLogBuilder } from './eventLogBuilder';

describe('EventLogBuilder.build', () => {
  it("orders each user's rows by time, ties and already-ordered users by row", () => {
    const b = new EventLogBuilder();
    // Rows 0–5: a@5, b@1, a@3, b@1, a@9, b@2 — a is out of order (5, 3, 9), b is in order with a tie.
    const rows: [string, number][] = [
      ['a', 5],
      ['b', 1],
      ['a', 3],
      ['b', 1],
      ['a', 9],
      ['b', 2],
    ];
    for (const [user, time] of rows) b.add({ user, item: 'i', event: 'view', time, value: NaN });
    const log = b.build();
    expect(Array.from(log.seqOffsets)).toEqual([0, 3, 6]);
    // a: rows 2 (t3), 0 (t5), 4 (t9); b: rows 1, 3 (both t1, row order), 5.
    expect(Array.from(log.seqOrder)).toEqual([2, 0, 4, 1, 3, 5]);
  });

  it('takes row order as time order when no row has a time', () => {
    const b = new EventLogBuilder();
    for (const user of ['x', 'y', 'x']) b.add({ user, item: 'i', event: 'view', time: NaN, value: NaN });
    const log = b.build();
    expect(Array.from(log.time)).toEqual([0, 1, 2]);
    expect(Array.from(log.seqOrder)).toEqual([0, 2, 1]);
  });
});
