import { describe, expect, it } from 'vitest';
import { behaviorExamples, describeEvents, describeNewest } from './behaviorText';
import { EventLogBuilder } from './eventLogBuilder';

const ev = (type: string, title: string, category: string | null = null) => ({ type, title, category });

describe('behavior descriptions', () => {
  it('describes events in order, merging consecutive repeats, with "then" before the last', () => {
    expect(describeEvents([ev('view', 'Toy Story'), ev('view', 'Toy Story'), ev('cart', 'Fargo'), ev('purchase', 'Fargo')])).toBe(
      'viewed Toy Story twice, added Fargo to cart, then bought Fargo.',
    );
    expect(describeEvents([ev('click', 'Alien')])).toBe('clicked Alien.');
    expect(describeEvents([])).toBe('');
    // Repeats are merged only when consecutive.
    expect(describeEvents([ev('view', 'A'), ev('view', 'B'), ev('view', 'A')])).toBe('viewed A, viewed B, then viewed A.');
  });

  it('names items by title, category or both; unknown types keep their own verb', () => {
    const e = [ev('view', 'Toy Story', 'Animation'), ev('rating', 'Fargo'), ev('share', 'Heat', 'Crime')];
    expect(describeEvents(e, 'both')).toBe('viewed Toy Story (Animation), rated Fargo, then share Heat (Crime).');
    expect(describeEvents(e, 'category')).toBe('viewed Animation, rated Fargo, then share Crime.');
  });

  it('keeps the newest events, dropping the oldest until the text fits', () => {
    const e = ['A', 'B', 'C', 'D'].map((t) => ev('view', t));
    expect(describeNewest(e, { maxEvents: 3 })).toEqual({ text: 'viewed B, viewed C, then viewed D.', described: 3 });
    expect(describeNewest(e, { fits: (t) => t.length <= 24 })).toEqual({ text: 'viewed C, then viewed D.', described: 2 });
  });
});

function log() {
  const b = new EventLogBuilder();
  let t = 0;
  const add = (user: string, item: string, event: string) => b.add({ user, item, event, time: ++t, value: NaN });
  // Two events per user once exposures are left out, so every cut (at least one event before, one after) falls
  // after the first: u1 views then buys, u2 views twice, u3 has one event and gives no example.
  add('u1', 'a', 'exposure');
  add('u1', 'a', 'view');
  add('u1', 'a', 'purchase');
  add('u2', 'b', 'view');
  add('u2', 'b', 'exposure');
  add('u2', 'b', 'cart');
  add('u3', 'c', 'purchase');
  return b.build();
}

const catalog = {
  ids: ['a', 'b', 'c'],
  title: ['Fargo', 'Heat', 'Alien'],
  description: ['', '', ''],
  category: ['Crime', 'Crime', 'SciFi'],
  price: Float64Array.of(1, 2, 3),
};

describe('behavior examples (on predictionTask)', () => {
  it('purchase outcome: the history before the cut, labelled by a purchase ahead', () => {
    const l = log();
    const r = behaviorExamples(l, catalog, { outcome: 'purchase', seed: 1 });
    if (!r.ok) throw new Error(r.reason);
    expect(r.data.labelNames).toEqual(['will not buy', 'will buy']);
    expect(Array.from(r.data.users, (u) => l.users[u])).toEqual(['u1', 'u2']);
    expect(r.data.texts).toEqual(['viewed Fargo.', 'viewed Heat.']);
    expect(r.data.labels).toEqual([1, 0]);
    expect(r.data.task.skipped).toEqual({ 'fewer than 2 events': 1 });
  });

  it("next-event outcome: the type of the event after the cut; interest: its item's category", () => {
    const l = log();
    const next = behaviorExamples(l, null, { outcome: 'next-event', seed: 1 });
    if (!next.ok) throw new Error(next.reason);
    expect(next.data.labelNames).not.toContain('exposure');
    expect(next.data.labels.map((y) => next.data.labelNames[y])).toEqual(['purchase', 'cart']);
    const interest = behaviorExamples(l, catalog, { outcome: 'interest', seed: 1, naming: 'category' });
    if (!interest.ok) throw new Error(interest.reason);
    expect(interest.data.texts).toEqual(['viewed Crime.', 'viewed Crime.']);
    expect(interest.data.labels.map((y) => interest.data.labelNames[y])).toEqual(['Crime', 'Crime']);
  });

  it('describes only the users asked for', () => {
    const l = log();
    const r = behaviorExamples(l, catalog, { outcome: 'purchase', seed: 1 }, [l.users.indexOf('u2')]);
    if (!r.ok) throw new Error(r.reason);
    expect(r.data.texts).toEqual(['viewed Heat.']);
    expect(behaviorExamples(l, catalog, { outcome: 'purchase', seed: 1 }, [l.users.indexOf('u3')])).toMatchObject({ ok: false });
  });

  it('refuses an outcome the log cannot supply', () => {
    const b = new EventLogBuilder();
    b.add({ user: 'u', item: 'a', event: 'view', time: 1, value: NaN });
    b.add({ user: 'u', item: 'b', event: 'view', time: 2, value: NaN });
    const l = b.build();
    expect(behaviorExamples(l, null, { outcome: 'purchase', seed: 1 })).toMatchObject({ ok: false, reason: /no purchase events/ });
    expect(behaviorExamples(l, null, { outcome: 'next-event', seed: 1 })).toMatchObject({ ok: false, reason: /one event type/ });
    expect(behaviorExamples(l, null, { outcome: 'interest', seed: 1 })).toMatchObject({ ok: false, reason: /catalog/ });
  });
});
