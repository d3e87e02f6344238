// Event and group labels: title, event type with rating or value, and date, in both languages.
import { describe, expect, it } from 'vitest';
import { groupEvents } from '../../../explain/contributors';
import { eventLabel, groupKey, groupLabel, type LabelContext, type LabelledEvent } from './eventLabel';

const day = (y: number, m: number, d: number) => Date.UTC(y, m - 1, d, 15) / 1000;
const events: LabelledEvent[] = [
  { item: 0, type: 'rating', time: day(1997, 10, 5), value: 2 },
  { item: 1, type: 'purchase', time: day(1997, 10, 6), value: 12.5 },
  { item: 0, type: 'view', time: day(1997, 11, 1), value: Number.NaN },
];
const ctx: LabelContext = {
  lang: 'en',
  title: (i) => ['Aristocats, The (1970)', 'Heat (1995)'][i],
  category: (i) => ['Animation', null][i],
  hasTime: true,
  window: 'month',
};

describe('event labels', () => {
  it('title · rated n★ or type and value · date', () => {
    expect(eventLabel(events, 0, ctx)).toBe('Aristocats, The (1970) · rated 2★ · 1997-10-05');
    expect(eventLabel(events, 1, ctx)).toBe('Heat (1995) · purchase 12.5 · 1997-10-06');
    expect(eventLabel(events, 2, ctx)).toBe('Aristocats, The (1970) · view · 1997-11-01');
    expect(eventLabel(events, 0, { ...ctx, lang: 'zh' })).toBe('Aristocats, The (1970) · 评分 2★ · 1997-10-05');
  });

  it('clips only the title; without time an event is dated by its position', () => {
    expect(eventLabel(events, 0, { ...ctx, hasTime: false }, 10)).toBe('Aristocat… · rated 2★ · #1');
  });

  it('groups by item, category and month, labelled with what they share and their size', () => {
    const label = (by: 'item' | 'category' | 'window') =>
      groupEvents([0, 1, 2], groupKey(events, by, ctx)).map((g) => groupLabel(events, g, by, ctx));
    expect(label('item')).toEqual(['Aristocats, The (1970) · 2 events', 'Heat (1995) · purchase 12.5 · 1997-10-06']);
    expect(label('category')).toEqual(['Animation · 2 events', 'no category · 1 event']);
    expect(label('window')).toEqual(['1997-10 · 2 events', '1997-11 · 1 event']);
  });
});
