// Timestamp parsing: what counts as a time (found by the ingestion fuzzer: numbers past the Date range were accepted
// and then broke the summary; ISO years 0000–0099 were read as 1900–1999).
import { describe, expect, it } from 'vitest';
import { MAX_UNIX_SECONDS, parseIsoLike, parseTime } from './timestamps';

describe('parseTime', () => {
  it('reads unix seconds and milliseconds', () => {
    expect(parseTime('1600000000', 'unix-s')).toBe(1600000000);
    expect(parseTime('1600000000500', 'unix-ms')).toBe(1600000000.5);
  });

  it('refuses NaN, Infinity, negative, empty and text', () => {
    for (const cell of ['NaN', 'Infinity', '-Infinity', '-1', '', 'abc', '1e400']) expect(parseTime(cell, 'unix-s')).toBeNaN();
  });

  it('refuses numbers past the last instant a Date can hold, so every accepted time can be shown as a date', () => {
    expect(parseTime(String(MAX_UNIX_SECONDS), 'unix-s')).toBe(MAX_UNIX_SECONDS);
    expect(parseTime(String(MAX_UNIX_SECONDS + 1), 'unix-s')).toBeNaN();
    expect(parseTime('8640000000000001', 'unix-ms')).toBeNaN();
    expect(parseTime('1e300', 'unix-s')).toBeNaN();
    expect(() => new Date(MAX_UNIX_SECONDS * 1000).toISOString()).not.toThrow();
  });
});

describe('parseIsoLike', () => {
  it('reads dates, times and zones as UTC seconds', () => {
    expect(parseIsoLike('2024-03-01T10:00:00Z')).toBe(Date.UTC(2024, 2, 1, 10) / 1000);
    expect(parseIsoLike('2019-10-01 00:00:00 UTC')).toBe(Date.UTC(2019, 9, 1) / 1000);
    expect(parseIsoLike('2024-03-01T10:00:00+08:00')).toBe(Date.UTC(2024, 2, 1, 2) / 1000);
    expect(parseIsoLike('2024-02-29')).toBe(Date.UTC(2024, 1, 29) / 1000);
  });

  it('reads years 0000–0099 as themselves, not as 1900–1999', () => {
    expect(new Date(parseIsoLike('0050-06-01') * 1000).toISOString()).toBe('0050-06-01T00:00:00.000Z');
    expect(new Date(parseIsoLike('0000-01-01T12:30:00Z') * 1000).toISOString()).toBe('0000-01-01T12:30:00.000Z');
  });

  it('refuses impossible dates', () => {
    for (const cell of ['2023-02-29', '2024-13-01', '2024-04-31', '2024-01-01T25:00', '2024-01-01T10:00+9999x', 'soon'])
      expect(parseIsoLike(cell)).toBeNaN();
  });
});
