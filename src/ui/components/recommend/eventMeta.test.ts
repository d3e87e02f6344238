import { describe, expect, it } from 'vitest';
import { EventLogBuilder } from '../../../data/eventLogBuilder';
import { eventDate, eventMeta, eventValue } from './eventMeta';
import { userHistory } from './history';

describe('eventMeta', () => {
  it('reads the rating and time of logged events; an added event has neither', () => {
    const b = new EventLogBuilder();
    b.add({ user: 'u', item: 'a', event: 'rating', time: 874965758, value: 4 });
    b.add({ user: 'u', item: 'b', event: 'rating', time: 874965800, value: NaN });
    const log = b.build();
    const [first, second] = userHistory(log, 0);
    expect(eventMeta(log, first)).toEqual({ value: 4, time: 874965758, added: false });
    expect(eventMeta(log, second)).toEqual({ value: null, time: 874965800, added: false });
    expect(eventMeta(log, { ...first, row: -1 })).toEqual({ value: null, time: null, added: true });
  });

  it('shows no date for a log without a time column (its times are row positions)', () => {
    const b = new EventLogBuilder();
    b.add({ user: 'u', item: 'a', event: 'view', time: NaN, value: NaN });
    const log = b.build();
    expect(log.hasTime).toBe(false);
    expect(eventMeta(log, userHistory(log, 0)[0])).toEqual({ value: null, time: null, added: false });
  });
});

describe('event formats', () => {
  it('dates in UTC to the minute, in English and Chinese', () => {
    // 874965758 s = 1997-09-22T22:02:38Z
    expect(eventDate(874965758, 'en-US')).toBe('Sep 22, 1997, 22:02');
    expect(eventDate(874965758, 'zh-CN')).toBe('1997年9月22日 22:02');
  });
  it('values keep up to two decimals', () => {
    expect(eventValue(4, 'en-US')).toBe('4');
    expect(eventValue(3.5, 'zh-CN')).toBe('3.5');
    expect(eventValue(1234.567, 'en-US')).toBe('1,234.57');
  });
});
