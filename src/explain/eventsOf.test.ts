// Recovering event types and times of a split sequence from its log (exposures skipped, repeats dropped).
import { expect, it } from 'vitest';
import { EventLogBuilder } from '../data/eventLogBuilder';
import { historyOf, leaveOneOutSplit } from '../rec/split';
import { alignEvents } from './eventsOf';

it('aligns each split element with its log row', () => {
  const b = new EventLogBuilder();
  const add = (item: string, event: string, time: number) => b.add({ user: 'u', item, event, time, value: NaN });
  add('a', 'exposure', 1);
  add('a', 'view', 2);
  add('b', 'purchase', 3);
  add('a', 'view', 4);
  add('c', 'view', 5);
  add('d', 'purchase', 6);
  const log = b.build();
  const split = leaveOneOutSplit(log);
  const u = log.users.indexOf('u');
  const seq = historyOf(split, u, 'all');
  const { types, times } = alignEvents(log, u, seq, split.options.events);
  // The repeated view of a is dropped by the split; the exposure never counts.
  expect(Array.from(seq, (i) => log.items[i])).toEqual(['a', 'b', 'c', 'd']);
  expect(types).toEqual(['view', 'purchase', 'view', 'purchase']);
  expect(times).toEqual([2, 3, 5, 6]);
});
