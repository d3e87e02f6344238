import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isTrimmable, simpleDecimal } from './cells';
import { parseTime, parseTimeRange } from './timestamps';

describe('reading cells in place', () => {
  it('simpleDecimal equals Number() on every text it accepts, and declines the rest', () => {
    const decimalText = fc
      .tuple(fc.boolean(), fc.stringMatching(/^[0-9]{0,12}$/), fc.option(fc.stringMatching(/^[0-9]{0,8}$/)))
      .map(([neg, int, frac]) => `${neg ? '-' : ''}${int}${frac === null ? '' : `.${frac}`}`);
    fc.assert(
      fc.property(fc.oneof(decimalText, fc.string({ maxLength: 12 })), (s) => {
        const fast = simpleDecimal(`x${s}y`, 1, 1 + s.length);
        if (!Number.isNaN(fast)) expect(Object.is(fast, Number(s))).toBe(true);
      }),
      { numRuns: 5000, seed: 11 },
    );
    // Hand-picked edges: exact halves and values whose naive digit-by-digit scaling would round differently.
    for (const s of ['0.1', '0.3', '77.14', '-0', '5.', '.5', '123456789012345', '0.00000000000001', '1700000000']) {
      expect(Object.is(simpleDecimal(s, 0, s.length), Number(s))).toBe(true);
    }
    for (const s of ['', '.', '-', '1e5', '+5', '0x10', '1.2.3', '1234567890123456', ' 1']) expect(simpleDecimal(s, 0, s.length)).toBeNaN();
  });

  it('isTrimmable matches String.prototype.trim for every code unit', () => {
    for (let c = 0; c < 0x10000; c++) {
      const ch = String.fromCharCode(c);
      expect(isTrimmable(c), `U+${c.toString(16)}`).toBe(`a${ch}a`.trim() === `a${ch}a` && ch.trim() === '');
    }
  });

  it('parseTimeRange agrees with parseTime', () => {
    for (const [s, f] of [
      ['1700000000', 'unix-s'],
      ['1700000000123', 'unix-ms'],
      ['-5', 'unix-s'],
      ['1e9', 'unix-s'],
      ['', 'unix-s'],
      ['abc', 'unix-ms'],
      ['2019-10-01 00:00:00 UTC', 'iso'],
      ['12.5', 'unix-s'],
    ] as const) {
      const fast = parseTimeRange(`[${s}]`, 1, 1 + s.length, f);
      const slow = parseTime(s, f);
      expect(Object.is(fast, slow), `${s} as ${f}`).toBe(true);
    }
  });
});
