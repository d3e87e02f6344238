import { describe, expect, it } from 'vitest';
import { clockText, rateText, significantDecimals, twoSignificant } from './progressText';

describe('twoSignificant', () => {
  it('keeps two significant digits at every magnitude', () => {
    expect(twoSignificant(0.7142)).toBe(0.71);
    expect(twoSignificant(41.3)).toBe(41);
    expect(twoSignificant(41.6)).toBe(42);
    expect(twoSignificant(1234)).toBe(1200);
    expect(twoSignificant(0.005249)).toBe(0.0052);
    expect(twoSignificant(9.96)).toBe(10);
    expect(twoSignificant(-0.333)).toBe(-0.33);
    expect(twoSignificant(0)).toBe(0);
  });
  it('gives the decimals that print those digits', () => {
    expect(significantDecimals(0.7142)).toBe(2);
    expect(significantDecimals(41.3)).toBe(0);
    expect(significantDecimals(1234)).toBe(0);
    expect(significantDecimals(0.005249)).toBe(4);
    expect(significantDecimals(3.14)).toBe(1);
    // 9.96 rounds to 10, which needs no decimal.
    expect(significantDecimals(9.96)).toBe(0);
    expect(significantDecimals(0)).toBe(0);
  });
});

describe('clockText', () => {
  it('writes m:ss below an hour and h:mm:ss above', () => {
    expect(clockText(0)).toBe('0:00');
    expect(clockText(5.4)).toBe('0:05');
    expect(clockText(65)).toBe('1:05');
    expect(clockText(1154.2)).toBe('19:14');
    expect(clockText(3599.6)).toBe('1:00:00');
    expect(clockText(3723)).toBe('1:02:03');
    expect(clockText(90061)).toBe('25:01:01');
  });
  it('reads nonsense as zero', () => {
    expect(clockText(-3)).toBe('0:00');
    expect(clockText(Number.NaN)).toBe('0:00');
  });
});

describe('rateText', () => {
  it('prints the two significant digits, in English unless given a locale format', () => {
    expect(rateText(0.7142)).toBe('0.71');
    expect(rateText(1234)).toBe('1,200');
    expect(rateText(41.3, (x, d = 0) => x.toLocaleString('de-DE', { maximumFractionDigits: d }))).toBe('41');
    expect(rateText(2.345, (x, d = 0) => x.toLocaleString('de-DE', { maximumFractionDigits: d }))).toBe('2,3');
  });
});
