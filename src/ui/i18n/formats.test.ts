// The page's number and date formats reuse one Intl formatter per locale and options: the same text as
// toLocaleString with those options, which built a formatter per call.
import { describe, expect, it } from 'vitest';
import { formatDate, formatFixed, formatNumber } from './index';

describe('formatNumber, formatFixed, formatDate', () => {
  it('read by hand: grouping, rounding, fixed decimals, no "-0", UTC dates', () => {
    expect(formatNumber('en-US', 2_000_000)).toBe('2,000,000');
    expect(formatNumber('en-US', 3.14159, 2)).toBe('3.14');
    expect(formatFixed('en-US', 0.1, 3)).toBe('0.100');
    expect(formatFixed('en-US', -0.0001, 2)).toBe('0.00');
    expect(formatDate('en-US', '2019-10-01T00:00:00Z')).toBe('Oct 1, 2019, 12:00 AM UTC');
    expect(formatDate('en-US', 'not a date')).toBe('Invalid Date UTC');
  });

  it('says what toLocaleString says, in both locales, whatever formatter is reused', () => {
    for (const locale of ['en-US', 'zh-CN'])
      for (const x of [0, -0, 1, -1.5, 0.125, 1234.5678, 1e21, NaN, Infinity, 99.995])
        for (const digits of [0, 1, 2, 3]) {
          expect(formatNumber(locale, x, digits)).toBe(x.toLocaleString(locale, { maximumFractionDigits: digits }));
          const fixed = x.toLocaleString(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits });
          expect(formatFixed(locale, x, digits)).toBe(/^-0(\.0*)?$/.test(fixed) ? fixed.slice(1) : fixed);
        }
    for (const locale of ['en-US', 'zh-CN'])
      for (const t of ['2024-02-29T23:59:00Z', 0, 1_700_000_000_000])
        expect(formatDate(locale, t)).toBe(
          new Date(t).toLocaleString(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' }) + ' UTC',
        );
  });
});
