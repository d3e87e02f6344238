import { describe, expect, it } from 'vitest';
import type { RangeTable } from '../../../lib/ranges';
import { firstInvalidField, formFields, setField } from './settingsForm';

const TABLE: RangeTable = {
  hidden: { min: 1, max: 4096, integer: true },
  dropout: { min: 0, max: 1, maxOpen: true },
  numItems: { min: 1, max: 100, integer: true, internal: true },
};

describe('settings form', () => {
  it('has one field per user-facing setting, with its range', () => {
    const fields = formFields(TABLE, { hidden: 64 });
    expect(fields).toEqual([
      { name: 'hidden', text: '64', invalid: false, integer: true, interval: '[1, 4096]' },
      { name: 'dropout', text: '', invalid: false, integer: false, interval: '[0, 1)' },
    ]);
  });

  it('flags values out of range, not whole, or not numbers, before anything trains', () => {
    expect(formFields(TABLE, { hidden: 64.5, dropout: 1 }).map((f) => f.invalid)).toEqual([true, true]);
    expect(firstInvalidField(TABLE, { hidden: 0 })?.name).toBe('hidden');
    expect(firstInvalidField(TABLE, { hidden: 8, dropout: 0.2 })).toBeNull();
  });

  it('writes a field into the settings: numbers as numbers, empty unsets, text stays text so it is refused', () => {
    expect(setField({ hidden: 64, layers: 2 }, 'hidden', '128')).toEqual({ hidden: 128, layers: 2 });
    expect(setField({ hidden: 64, layers: 2 }, 'hidden', ' ')).toEqual({ layers: 2 });
    const typo = setField({}, 'hidden', '12a');
    expect(typo).toEqual({ hidden: '12a' });
    expect(firstInvalidField(TABLE, typo)).toMatchObject({ name: 'hidden', text: '12a', invalid: true });
  });
});
