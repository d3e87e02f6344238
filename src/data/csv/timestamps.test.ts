// Timestamp parsing: what counts as a time (found by the ingestion fuzzer: numbers past the Date range were accepted
// and then broke the summary; ISO years 0000–0099 were read as 1900–1999).
import { describe, expect, it } from 'vitest';
import { createRng } from '../../lib/rng';
import { MAX_UNIX_SECONDS, parseIsoLike, parseTime, parseTimeRange } from './timestamps';

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

describe('parseTimeRange (iso)', () => {
  it('reads a range in place as parseIsoLike reads the same text, for every shape it takes and every one it declines', () => {
    const cells = [
      '2019-10-01 00:00:00 UTC',
      '2019-10-01 23:59:59 GMT',
      '2024-03-01T10:00:00Z',
      '2024-03-01T10:00:00 Z',
      '2024-03-01T10:00:00.123456789Z',
      '2024-03-01T10:00:00,5',
      '2024-03-01T10:00:00.',
      '2024-03-01T10:00:60',
      '2024-03-01T10:00',
      '2024-03-01 10:00 UTC',
      '2024-02-29',
      '2024-02-29Z',
      '2023-02-29',
      '2000-02-29',
      '1900-02-29',
      '0000-02-29',
      '0050-06-01',
      '9999-12-31T23:59:59',
      '2024-04-31',
      '2024-13-01',
      '2024-00-10',
      '2024-01-00',
      '2024-01-01 UTC',
      '2024-01-01 Z',
      '2024-01-01T',
      '2024-01-01T10:0',
      '2024-01-01T10:00:5',
      '2024-01-01T24:00',
      '2024-01-01T10:60',
      '2024-01-01T10:00:00  UTC',
      '2024-01-01T10:00:00+08:00',
      '2024-01-01T10:00:00-0130',
      '2024-01-01T10:00:00 EST',
      '2024-01-01T1a:00',
      '2024/01/01',
      '24-01-01',
      'soon',
    ];
    for (const cell of cells) {
      const expected = parseIsoLike(cell);
      expect(Object.is(parseTimeRange(`x,${cell},y`, 2, 2 + cell.length, 'iso'), expected), cell).toBe(true);
    }
    // Hand-computed: 2019-10-01 is 18,170 days after 1970-01-01 (49 years, 12 of them leap, plus 273 days).
    expect(parseTimeRange('2019-10-01 00:00:00 UTC', 0, 23, 'iso')).toBe(18_170 * 86_400);
    expect(parseTimeRange('2024-03-01T10:00:00.25Z', 0, 23, 'iso')).toBe(Date.UTC(2024, 2, 1, 10) / 1000 + 0.25);
  });

  it('agrees with parseIsoLike on random dates and times over years 0000–9999', () => {
    const rng = createRng(5);
    const pad = (n: number, w: number) => String(n).padStart(w, '0');
    for (let k = 0; k < 5000; k++) {
      const date = `${pad(rng.int(10_000), 4)}-${pad(rng.int(14), 2)}-${pad(rng.int(33), 2)}`;
      const time = rng.int(2)
        ? ''
        : `${rng.int(2) ? 'T' : ' '}${pad(rng.int(25), 2)}:${pad(rng.int(61), 2)}:${pad(rng.int(62), 2)}.${rng.int(1000)}`;
      const zone = ['', 'Z', ' UTC', 'GMT', '+01:00'][rng.int(5)];
      const cell = date + time + zone;
      expect(Object.is(parseTimeRange(cell, 0, cell.length, 'iso'), parseIsoLike(cell)), cell).toBe(true);
    }
  });
});
