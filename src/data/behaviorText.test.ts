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
  // u1 buys after a cart; u2 never buys; u3 buys first (nothing before it); exposures are ignored.
  add('u1', 'a', 'exposure');
  add('u1', 'a', 'view');
  add('u1', 'a', 'cart');
  add('u1', 'a', 'purchase');
  add('u1', 'b', 'view');
  add('u2', 'b', 'view');
  add('u2', 'b', 'view');
  add('u3', 'c', 'purchase');
  add('u3', 'a', 'view');
  return b.build();
}

describe('behavior examples', () => {
  it('purchase outcome: buyers up to their first purchase (label 1), others over everything (label 0)', () => {
    const l = log();
    const catalog = {
      ids: ['a', 'b'],
      title: ['Fargo', 'Heat'],
      description: ['', ''],
      category: ['Crime', 'Crime'],
      price: Float64Array.of(1, 2),
    };
    const r = behaviorExamples(l, catalog, { outcome: 'purchase' });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.data.labelNames).toEqual(['will not buy', 'will buy']);
    expect(Array.from(r.data.users, (u) => l.users[u])).toEqual(['u1', 'u2']);
    expect(r.data.texts).toEqual(['viewed Fargo, then added Fargo to cart.', 'viewed Heat twice.']);
    expect(r.data.labels).toEqual([1, 0]);
    expect(r.data.skipped).toBe(1);
  });

  it("next-event outcome: the last event's type from the ones before it", () => {
    const l = log();
    const r = behaviorExamples(l, null, { outcome: 'next-event' });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const { labelNames, labels, texts } = r.data;
    expect(labelNames).not.toContain('exposure');
    expect(texts[0]).toBe('viewed a, added a to cart, then bought a.');
    expect(labelNames[labels[0]]).toBe('view');
  });

  it('refuses an outcome the log cannot supply', () => {
    const b = new EventLogBuilder();
    b.add({ user: 'u', item: 'a', event: 'view', time: 1, value: NaN });
    b.add({ user: 'u', item: 'b', event: 'view', time: 2, value: NaN });
    const l = b.build();
    expect(behaviorExamples(l, null, { outcome: 'purchase' })).toMatchObject({ ok: false, reason: /no purchase events/ });
    expect(behaviorExamples(l, null, { outcome: 'next-event' })).toMatchObject({ ok: false, reason: /one event type/ });
  });
});
