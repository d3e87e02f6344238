import { describe, expect, it } from 'vitest';
import { EventLogBuilder } from '../data/eventLogBuilder';
import { testableUsers } from '../data/testableUsers';
import { createRng } from '../lib/rng';
import { excludedItems, heldOutItem, historyEventsOf, historyOf, leaveOneOutSplit, trainData } from './split';

function log(rows: [string, string, string, number][]) {
  const b = new EventLogBuilder();
  for (const [user, item, event, time] of rows) b.add({ user, item, event, time, value: NaN });
  return b.build();
}

describe('leave-one-out split', () => {
  const l = log([
    ['a', 'x', 'rating', 3],
    ['a', 'y', 'rating', 1],
    ['a', 'z', 'rating', 2],
    ['a', 'w', 'rating', 4],
    ['b', 'x', 'rating', 1],
    ['b', 'y', 'rating', 2],
  ]);
  const item = (id: string) => l.items.indexOf(id);
  it('last = test, previous = validation, rest = train, by time; short users are train-only', () => {
    const s = leaveOneOutSplit(l);
    expect(heldOutItem(s, 0, 'test')).toBe(item('w'));
    expect(heldOutItem(s, 0, 'validation')).toBe(item('x'));
    expect(Array.from(historyOf(s, 0, 'validation'))).toEqual([item('y'), item('z')]);
    expect(Array.from(historyOf(s, 0, 'test'))).toEqual([item('y'), item('z'), item('x')]);
    expect(heldOutItem(s, 1, 'test')).toBe(-1);
    const t = trainData(s);
    expect(Array.from(t.sequences.items)).toEqual([item('y'), item('z'), item('x'), item('y')]);
    expect(Array.from(t.sequences.offsets)).toEqual([0, 2, 4]);
    expect(leaveOneOutSplit(l)).toEqual(s);
  });
  it("the final fit's training data keeps the validation event and still holds out the test event", () => {
    const s = leaveOneOutSplit(l);
    const t = trainData(s, { withValidation: true });
    // a: y z x (w is test); b is train-only and keeps everything.
    expect(Array.from(t.sequences.items)).toEqual([item('y'), item('z'), item('x'), item('x'), item('y')]);
    expect(Array.from(t.sequences.offsets)).toEqual([0, 3, 5]);
    expect(Array.from(t.sequences.items)).toEqual(Array.from(historyOf(s, 0, 'test')).concat([item('x'), item('y')]));
  });
  it("keeps each interaction's event type aligned through the split, training data and histories", () => {
    const e = log([
      ['a', 'x', 'view', 1],
      ['a', 'y', 'cart', 2],
      ['a', 'z', 'purchase', 3],
      ['a', 'w', 'view', 4],
      ['a', 'v', 'cart', 5],
    ]);
    const s = leaveOneOutSplit(e);
    const type = (i: number) => e.eventTypes[i];
    expect(s.numEventTypes).toBe(3);
    expect(Array.from(historyEventsOf(s, 0, 'test')!, type)).toEqual(['view', 'cart', 'purchase', 'view']);
    const t = trainData(s);
    expect(Array.from(t.events!, type)).toEqual(['view', 'cart', 'purchase']);
    expect(t.numEventTypes).toBe(3);
  });
  it('recommendation exposures are not interactions unless asked for', () => {
    const e = log([
      ['a', 'x', 'view', 1],
      ['a', 'shown', 'exposure', 2],
      ['a', 'y', 'view', 3],
      ['a', 'z', 'view', 4],
    ]);
    const s = leaveOneOutSplit(e);
    expect(heldOutItem(s, 0, 'test')).toBe(e.items.indexOf('z'));
    expect(Array.from(historyOf(s, 0, 'test'))).toEqual([e.items.indexOf('x'), e.items.indexOf('y')]);
    expect(heldOutItem(leaveOneOutSplit(e, { events: ['view', 'exposure'] }), 0, 'validation')).toBe(e.items.indexOf('y'));
  });
  it('targets: only target types are held out or masked, repeats of a target item are dropped', () => {
    const e = log([
      ['a', 'p', 'view', 1],
      ['a', 'p', 'purchase', 2],
      ['a', 'q', 'view', 3],
      ['a', 'p', 'purchase', 4],
      ['a', 'q', 'purchase', 5],
      ['a', 'r', 'view', 6],
      ['a', 'r', 'purchase', 7],
      ['a', 's', 'view', 8],
    ]);
    const s = leaveOneOutSplit(e, { targetEvents: ['purchase'] });
    const it = (id: string) => e.items.indexOf(id);
    expect(heldOutItem(s, 0, 'test')).toBe(it('r'));
    expect(heldOutItem(s, 0, 'validation')).toBe(it('q'));
    // The trailing view of s is after the test event (the future) and is dropped; the repeat purchase of p too.
    expect(Array.from(historyOf(s, 0, 'test'))).toEqual(['p', 'p', 'q', 'q', 'r'].map(it));
    expect(Array.from(excludedItems(s, 0, 'test'))).toEqual(['p', 'q'].map(it));
    expect(Array.from(excludedItems(s, 0, 'validation'))).toEqual([it('p')]);
  });

  it('tests exactly the users the data layer counts as testable (testableUsers), on logs with repeats and exposures', () => {
    for (const seed of [1, 2, 3]) {
      const rng = createRng(seed);
      const b = new EventLogBuilder();
      // Few items and short histories, rows of users interleaved: repeats, exposures and users with 1–6 events.
      for (let r = 0; r < 600; r++) {
        const event = ['view', 'exposure', 'purchase', 'view'][Math.floor(rng.next() * 4)];
        b.add({ user: `u${Math.floor(rng.next() * 150)}`, item: `i${Math.floor(rng.next() * 12)}`, event, time: r, value: NaN });
      }
      const log = b.build();
      const split = leaveOneOutSplit(log);
      const tested = split.testPos.filter((p) => p >= 0).length;
      expect(tested).toBeGreaterThan(10);
      expect(tested).toBeLessThan(log.users.length);
      expect(testableUsers(log)).toBe(tested);
    }
  });
});
