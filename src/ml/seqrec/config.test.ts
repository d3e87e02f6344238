import { describe, expect, it } from 'vitest';
import { defaultConfig, resolveConfig } from './config';

describe('sequence-model settings', () => {
  it('refuses unknown settings instead of silently using the default', () => {
    const base = defaultConfig('sasrec', 50, [5, 10, 20], 1);
    const r = resolveConfig(base, { epochs: 3 } as never);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.reason).toContain('"epochs"');
    const good = resolveConfig(base, { maxEpochs: 3 });
    expect(good.ok && good.data.maxEpochs).toBe(3);
  });
});
