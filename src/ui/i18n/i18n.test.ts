import { describe, expect, it } from 'vitest';
import { en } from './en';
import { zh } from './zh';
import { translate } from './index';

describe('UI text', () => {
  it('has a Chinese text for every English key and no identical untranslated prose', () => {
    expect(Object.keys(zh).sort()).toEqual(Object.keys(en).sort());
    // Proper names stay as they are in both languages.
    const names = new Set(['app.title', 'explain.method.lime']);
    const same = Object.keys(en).filter((k) => en[k as keyof typeof en] === zh[k as keyof typeof en] && !names.has(k));
    expect(same).toEqual([]);
  });
  it('fills placeholders', () => {
    expect(translate('en', 'data.report.more', { n: 100 })).toContain('first 100');
  });
});
