import { describe, expect, it } from 'vitest';
import { formatP, pEquals } from './pValue';

const num = (x: number, digits = 0) => x.toLocaleString('en-US', { maximumFractionDigits: digits });

describe('formatP', () => {
  it('writes p below 0.001 as "< 0.001", never as 0', () => {
    expect(formatP(0, num)).toBe('< 0.001');
    expect(formatP(1e-12, num)).toBe('< 0.001');
    expect(formatP(0.00049, num)).toBe('< 0.001');
  });
  it('keeps three decimals from 0.001 up', () => {
    expect(formatP(0.001, num)).toBe('0.001');
    expect(formatP(0.0456, num)).toBe('0.046');
    expect(formatP(0.5, num)).toBe('0.5');
    expect(formatP(1, num)).toBe('1');
  });
  it('has no figure for a p-value that was not computed', () => {
    expect(formatP(NaN, num)).toBe('—');
  });
  it('says "p < 0.001" or "p = x"', () => {
    expect(pEquals(1e-6, num)).toBe('p < 0.001');
    expect(pEquals(0.0456, num)).toBe('p = 0.046');
  });
});
