// Labels are keyed by registry key: every explanation method and IG baseline has its English and Chinese label.
import { describe, expect, it } from 'vitest';
import { METHOD_NAMES } from '../../explain/registry';
import { IG_BASELINES } from '../../explain/types';
import { en } from './en';
import { zh } from './zh';

describe('registry labels', () => {
  it('has a label for every method and baseline in both languages', () => {
    const keys = [...METHOD_NAMES.map((m) => `explain.method.${m}`), ...IG_BASELINES.map((b) => `explain.baseline.${b}`)];
    for (const k of keys) {
      expect(en, k).toHaveProperty([k]);
      expect(zh, k).toHaveProperty([k]);
    }
  });
});
