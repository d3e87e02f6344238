// Recovering event types and times of a split sequence from its log (exposures skipped, repeats dropped).
import { expect, it } from 'vitest';
import { EventLogBuilder } from '../data/eventLogBuilder';
import { historyOf, leaveOneOutSplit } from '../rec/split';
import { alignEvents, metaFromLog, metaOfRows } from './eventsOf';

it('aligns each split element with its log row', () => {
  const b = new EventLogBuilder();
  const add = (item: string, event: string, time: number, value = NaN) => b.add({ user: 'u', item, event, time, value });
  add('a', 'exposure', 1);
  add('a', 'view', 2);
  add('b', 'purchase', 3, 12.5);
  add('a', 'view', 4);
  add('c', 'view', 5);
  add('d', 'purchase', 6, 4);
  const log = b.build();
  const split = leaveOneOutSplit(log);
  const u = log.users.indexOf('u');
  const seq = historyOf(split, u, 'all');
  const { types, ratings, times } = alignEvents(log, u, seq, split.options.events);
  // The repeated view of a is dropped by the split; the exposure never counts.
  expect(Array.from(seq, (i) => log.items[i])).toEqual(['a', 'b', 'c', 'd']);
  expect(types).toEqual(['view', 'purchase', 'view', 'purchase']);
  expect(times).toEqual([2, 3, 5, 6]);
  // The value column where the row has one; NaN (no value) becomes null.
  expect(ratings).toEqual([null, 12.5, null, 4]);
});

it('reads the metadata of log rows; an added event (row -1) and an untimed log give null', () => {
  const b = new EventLogBuilder();
  b.add({ user: 'u', item: 'a', event: 'rating', time: 100, value: 2 });
  b.add({ user: 'u', item: 'b', event: 'rating', time: 200, value: 5 });
  const log = b.build();
  const row = (item: string) => Array.from(log.item).indexOf(log.items.indexOf(item));
  expect(metaOfRows(log, [row('b'), -1, row('a')])).toEqual({
    types: ['rating', null, 'rating'],
    ratings: [5, null, 2],
    times: [200, null, 100],
  });
  expect(metaOfRows({ ...log, hasTime: false }, [row('a')]).times).toEqual([null]);
});

it('matches a checkpoint-indexed sequence to the log by ids (the CLI with --checkpoint and --data)', () => {
  const b = new EventLogBuilder();
  b.add({ user: 'u', item: 'x', event: 'rating', time: 10, value: 3 });
  b.add({ user: 'u', item: 'y', event: 'rating', time: 20, value: 1 });
  const log = b.build();
  // The checkpoint lists items in another order: y is its item 0, x its item 1.
  expect(metaFromLog(log, 'u', ['y', 'x'], [1, 0], null)).toEqual({ types: ['rating', 'rating'], ratings: [3, 1], times: [10, 20] });
  expect(metaFromLog(log, 'nobody', ['y', 'x'], [1, 0], null)).toBeNull();
});
