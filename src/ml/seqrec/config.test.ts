import { describe, expect, it } from 'vitest';
import { defaultConfig, LARGE_CATALOG, resolveConfig } from './config';

describe('sequence-model settings', () => {
  it('refuses unknown settings instead of silently using the default', () => {
    const base = defaultConfig('sasrec', 50, [5, 10, 20], 1);
    const r = resolveConfig(base, { epochs: 3 } as never);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.reason).toContain('"epochs"');
    const good = resolveConfig(base, { maxEpochs: 3 });
    expect(good.ok && good.data.maxEpochs).toBe(3);
  });

  it('trains small catalogs with the full softmax and large ones with popularity-mixed sampled negatives', () => {
    expect(defaultConfig('sasrec', 1682, [20]).negatives).toBe(0);
    const large = defaultConfig('bert4rec', LARGE_CATALOG + 1, [20]);
    expect([large.negatives, large.popularNegatives]).toEqual([1024, 0.5]);
  });

  it('refuses a popular share outside [0, 1)', () => {
    const r = resolveConfig(defaultConfig('sasrec', 50, [5]), { popularNegatives: 1 });
    expect(!r.ok && r.reason).toContain('popularNegatives');
  });
});
