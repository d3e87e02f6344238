import { describe, expect, it } from 'vitest';
import { predictionTask, splitExamples, type PredictionTaskOptions } from './predictionTask';
import { EventLogBuilder } from './eventLogBuilder';
import type { ItemCatalog } from './eventLog';

const DAY = 86_400;

/** Events per user as [item, event, day]. */
function log(users: Record<string, [string, string, number][]>) {
  const b = new EventLogBuilder();
  for (const [user, events] of Object.entries(users))
    for (const [item, event, day] of events) b.add({ user, item, event, time: day * DAY, value: NaN });
  return b.build();
}

const catalog: ItemCatalog = {
  ids: ['a', 'b', 'c', 'd'],
  title: ['A', 'B', 'C', 'D'],
  description: ['', '', '', ''],
  category: ['shoes', 'shoes', 'bags', ''],
  price: Float64Array.of(1, 2, 3, 4),
};

const task = (l: ReturnType<typeof log>, o: Partial<PredictionTaskOptions>) => {
  const r = predictionTask(l, catalog, { target: 'buy', seed: 1, ...o });
  if (!r.ok) throw new Error(r.reason);
  return r.data;
};

describe('prediction task', () => {
  // With minHistory = 2 and three events each, every cut falls after the second event: labels are hand-checked.
  const three = log({
    u1: [
      ['a', 'view', 1],
      ['a', 'cart', 2],
      ['a', 'purchase', 3],
    ],
    u2: [
      ['b', 'view', 1],
      ['b', 'view', 2],
      ['c', 'view', 40],
    ],
    u3: [
      ['c', 'view', 1],
      ['a', 'purchase', 2],
    ],
    u4: [
      ['c', 'exposure', 1],
      ['c', 'view', 2],
      ['c', 'view', 3],
      ['d', 'purchase', 4],
    ],
  });

  it('buy: looks only past the cut; short histories are skipped and counted; exposures are left out', () => {
    const t = task(three, { minHistory: 2 });
    expect(t.labelNames).toEqual(['will not buy', 'will buy']);
    expect(t.examples.map((e) => [three.users[e.user], e.rows.length, e.label])).toEqual([
      ['u1', 2, 1],
      ['u2', 2, 0],
      ['u4', 2, 1],
    ]);
    expect(t.skipped).toEqual({ 'fewer than 3 events': 1 });
    // u4's history is its two views, not the exposure.
    const u4 = t.examples[2];
    expect(Array.from(u4.rows, (r) => three.eventTypes[three.event[r]])).toEqual(['view', 'view']);
  });

  it('buy within days: a purchase past the horizon does not count', () => {
    const late = log({
      u1: [
        ['a', 'view', 1],
        ['a', 'view', 2],
        ['a', 'purchase', 30],
      ],
    });
    expect(task(late, { minHistory: 2, horizon: { days: 7 } }).examples[0].label).toBe(0);
    expect(task(late, { minHistory: 2, horizon: { days: 28 } }).examples[0].label).toBe(1);
    expect(task(late, { minHistory: 2, horizon: { events: 1 } }).examples[0].label).toBe(1);
  });

  it('next-event: the type of the first event after the cut', () => {
    const t = task(three, { target: 'next-event', minHistory: 2 });
    expect(t.labelNames).toEqual(['view', 'cart', 'purchase']);
    expect(t.examples.map((e) => t.labelNames[e.label])).toEqual(['purchase', 'view', 'purchase']);
  });

  it('interest: the category of the next purchase ahead, else of the next event; none when it has no category', () => {
    const t = task(three, { target: 'interest', minHistory: 2 });
    // By events, exposures left out: shoes (a, b) 6, bags (c) 4.
    expect(t.labelNames).toEqual(['shoes', 'bags']);
    // u1 buys a (shoes); u2's next is c (bags); u4 buys d, which has no category: skipped.
    expect(t.examples.map((e) => [three.users[e.user], t.labelNames[e.label]])).toEqual([
      ['u1', 'shoes'],
      ['u2', 'bags'],
    ]);
    expect(t.skipped['no category ahead']).toBe(1);
    const pooled = task(three, { target: 'interest', minHistory: 2, maxClasses: 2 });
    expect(pooled.labelNames).toEqual(['shoes', 'bags']);
  });

  it('interest pools the rarer categories as "other" when there are more than maxClasses', () => {
    const cat: ItemCatalog = { ...catalog, category: ['shoes', 'hats', 'bags', 'belts'] };
    const l = log({
      u1: [
        ['a', 'view', 1],
        ['a', 'view', 2],
        ['b', 'view', 3],
      ],
      u2: [
        ['c', 'view', 1],
        ['d', 'view', 2],
      ],
    });
    const r = predictionTask(l, cat, { target: 'interest', seed: 1, maxClasses: 2, minHistory: 1 });
    expect(r.ok && r.data.labelNames).toEqual(['shoes', 'other']);
  });

  it('cuts are seeded: same seed, same cuts; every cut leaves history and a future', () => {
    const users: Record<string, [string, string, number][]> = {};
    for (let u = 0; u < 30; u++)
      users[`u${u}`] = Array.from({ length: 12 }, (_, k) => ['a', k % 5 === 4 ? 'purchase' : 'view', k] as [string, string, number]);
    const l = log(users);
    const cuts = (seed: number) => task(l, { seed }).examples.map((e) => e.rows.length);
    expect(cuts(3)).toEqual(cuts(3));
    expect(cuts(3)).not.toEqual(cuts(4));
    expect(cuts(3).every((c) => c >= 1 && c <= 11)).toBe(true);
  });

  it('refuses what it cannot learn, and out-of-range settings, before building anything', () => {
    const noBuy = log({
      u1: [
        ['a', 'view', 1],
        ['b', 'click', 2],
      ],
    });
    const r = predictionTask(noBuy, catalog, { target: 'buy', seed: 1 });
    expect(!r.ok && r.reason).toBe('the log has no purchase events, so "will buy" cannot be learned; choose "next event" or "interest"');
    const ratings = log({
      u1: [
        ['a', 'rating', 1],
        ['b', 'rating', 2],
      ],
    });
    const one = predictionTask(ratings, null, { target: 'buy', seed: 1 });
    expect(!one.ok && one.reason).toBe('the log has no purchase events, so "will buy" cannot be learned');
    const bad = predictionTask(three, catalog, { target: 'buy', seed: 1, horizon: { events: 0 }, maxClasses: 1000 });
    expect(!bad.ok && bad.reason).toMatch(/horizon events must be an integer in \[1, 10000\].*maxClasses/);
    const noCatalog = predictionTask(three, null, { target: 'interest', seed: 1 });
    expect(!noCatalog.ok && noCatalog.reason).toMatch(/needs an item catalog/);
  });

  it('splits examples by a seeded shuffle, disjoint and complete', () => {
    const s = splitExamples(10, 7);
    expect(s.test).toHaveLength(2);
    expect([...s.train, ...s.test].sort((a, b) => a - b)).toEqual([...Array(10).keys()]);
    expect(splitExamples(10, 7)).toEqual(s);
    expect(splitExamples(2, 7, 0.9).train).toHaveLength(1);
  });
});
