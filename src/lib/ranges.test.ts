// Range tables: what a check accepts, how it names a refusal, and that prototype keys are never settings.
import { describe, expect, it } from 'vitest';
import { checkSettings, checkValue, inRange, intervalText, own, type RangeTable } from './ranges';

const table: RangeTable = {
  steps: { min: 1, max: 4096, integer: true },
  rate: { min: 0, max: 1, minOpen: true },
  share: { min: 0, max: 1, maxOpen: true },
  numItems: { min: 0, max: 100, integer: true, internal: true },
};

describe('range tables', () => {
  it('accepts finite numbers inside the bounds, open bounds excluded, integers where asked', () => {
    expect([1, 4096].map((v) => inRange(v, table.steps))).toEqual([true, true]);
    expect([0, 4097, 1.5, 1e9, NaN, Infinity, '5', null].map((v) => inRange(v, table.steps))).toEqual(Array(8).fill(false));
    expect([0, 1, 1e-9].map((v) => inRange(v, table.rate))).toEqual([false, true, true]);
    expect([0, 1].map((v) => inRange(v, table.share))).toEqual([true, false]);
    expect([table.rate, table.share].map(intervalText)).toEqual(['(0, 1]', '[0, 1)']);
    expect(intervalText({ min: 0, max: 1e7 })).toBe('[0, 1e7]');
  });

  it('names the setting, its range and the offending value', () => {
    expect(checkValue('steps', 1e9, table.steps)).toBe('steps must be an integer in [1, 4096] (got 1000000000)');
    expect(checkValue('rate', 'Infinity', table.rate)).toBe('rate must be a number in (0, 1] (got "Infinity")');
    expect(checkValue('rate', NaN, table.rate)).toBe('rate must be a number in (0, 1] (got NaN)');
  });

  it('refuses unknown keys with the known ones, internal keys accepted but not offered', () => {
    expect(checkSettings(table, { bogus: 1 }, { owner: 'm' })).toEqual({
      ok: false,
      reason: 'unknown setting "bogus" for m; known: steps, rate, share',
    });
    expect(checkSettings(table, { steps: 8, numItems: 5, mode: 'x' }, { other: ['mode'] }).ok).toBe(true);
    expect(checkSettings(table, { steps: -5 }, { owner: 'm' })).toEqual({
      ok: false,
      reason: 'steps must be an integer in [1, 4096] (got -5) for m',
    });
  });

  it('refuses __proto__, constructor and prototype however the object was made', () => {
    // What --params builds: a prototype-less object where "__proto__" is an ordinary own key.
    const nullProto: Record<string, unknown> = Object.create(null);
    nullProto['__proto__'] = 1;
    for (const settings of [
      JSON.parse('{"__proto__": 1}'),
      nullProto,
      { constructor: 1 },
      { prototype: 1 },
      JSON.parse('{"toString": 2}'),
    ]) {
      const r = checkSettings(table, settings);
      expect(r.ok).toBe(false);
      expect(!r.ok && r.reason).toMatch(/^unknown setting "(__proto__|constructor|prototype|toString)"/);
    }
    // Even a table that lists one by mistake does not make it a setting.
    expect(checkSettings({ constructor: { min: 0, max: 1 } }, { constructor: 0 }).ok).toBe(false);
  });

  it('looks names up in own properties only', () => {
    const acts: Record<string, string> = { gelu: 'gelu' };
    expect(['gelu', 'constructor', '__proto__', 'toString', 'hasOwnProperty'].map((k) => own(acts, k))).toEqual([
      'gelu',
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
  });
});
