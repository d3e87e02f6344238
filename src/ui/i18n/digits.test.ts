import { describe, expect, it } from 'vitest';
import { decimalsFor } from './digits';

describe('decimalsFor', () => {
  it('keeps two significant digits of a small figure, and the base decimals otherwise', () => {
    expect(decimalsFor(0.049)).toBe(3);
    expect(decimalsFor(0.0012)).toBe(4);
    expect(decimalsFor(0.00034)).toBe(5);
    expect(decimalsFor(-0.00034)).toBe(5);
    expect(decimalsFor(0)).toBe(3);
    expect(decimalsFor(NaN)).toBe(3);
    expect(decimalsFor(5.6, 1)).toBe(1);
    expect(decimalsFor(1e-12)).toBe(6);
    expect((0.00034).toFixed(decimalsFor(0.00034))).toBe('0.00034');
  });
});
