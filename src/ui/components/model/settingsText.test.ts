import { describe, expect, it } from 'vitest';
import { settingsEntries, settingsLine, settingValueText } from './settingsText';

describe('settingsText', () => {
  it('writes scalars as they are, in stored order', () => {
    expect(settingsEntries({ lambda: 500, implicit: true, mode: 'sasrec' })).toEqual([
      { key: 'lambda', value: '500' },
      { key: 'implicit', value: 'true' },
      { key: 'mode', value: 'sasrec' },
    ]);
    expect(settingsLine({ k: 50, shrink: 0 })).toBe('k: 50 · shrink: 0');
  });

  it('summarises a long array by its first three items and its length', () => {
    expect(settingValueText([1, 2])).toBe('[1, 2]');
    expect(settingValueText(Array.from({ length: 200 }, (_, i) => i / 10))).toBe('[0, 0.1, 0.2, …] (n=200)');
  });

  it('cuts a long text and says how long it was, and flattens nested settings', () => {
    expect(settingValueText('x'.repeat(100))).toBe(`${'x'.repeat(39)}… (100 chars)`);
    expect(settingValueText({ a: 1, b: [1, 2, 3, 4] })).toBe('{a: 1, b: [1, 2, 3, …] (n=4)}');
  });

  it('keeps a 600-character settings object to one short line', () => {
    const blob = { lambda: 250, itemWeights: Array.from({ length: 120 }, () => 0.12345) };
    expect(JSON.stringify(blob).length).toBeGreaterThan(600);
    expect(settingsLine(blob)).toBe('lambda: 250 · itemWeights: [0.12345, 0.12345, 0.12345, …] (n=120)');
  });
});
