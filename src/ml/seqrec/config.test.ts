import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { defaultConfig, estimateSeqRecMemory, LARGE_CATALOG, resolveConfig, type SeqRecSettings } from './config';
import { SeqRecommender } from './recommender';

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

  it('refuses out-of-range, non-finite and non-numeric values, naming the setting and its range', () => {
    const base = defaultConfig('sasrec', 50, [5]);
    const cases: [SeqRecSettings, string][] = [
      [{ maxLen: 1e9 }, 'maxLen must be an integer in [1, 2048] (got 1000000000)'],
      [{ layers: 1_000_000 }, 'layers must be an integer in [1, 48] (got 1000000)'],
      [{ learningRate: Infinity }, 'learningRate must be a number in (0, 1] (got Infinity)'],
      [{ learningRate: 'Infinity' as never }, 'learningRate must be a number in (0, 1] (got "Infinity")'],
      [{ hidden: 64.5 }, 'hidden must be an integer in [1, 4096] (got 64.5)'],
      [{ negatives: -1 }, 'negatives must be an integer in [0, 65536] (got -1)'],
      [{ batchSize: 0 }, 'batchSize must be an integer in [1, 65536] (got 0)'],
      [{ weightDecay: NaN }, 'weightDecay must be a number in [0, 1] (got NaN)'],
    ];
    for (const [settings, reason] of cases) expect(resolveConfig(base, settings)).toEqual({ ok: false, reason });
  });

  it('refuses __proto__, constructor and toString as settings instead of silently ignoring them', () => {
    const base = defaultConfig('sasrec', 50, [5]);
    for (const bad of [JSON.parse('{"__proto__": 1}'), { constructor: 1 }, JSON.parse('{"toString": 1}')]) {
      const r = resolveConfig(base, bad);
      expect(!r.ok && r.reason).toMatch(/^unknown setting "(__proto__|constructor|toString)"; known: numEventTypes, timeBuckets, maxLen/);
    }
  });

  it('the model refuses bad settings when built and an over-budget config before allocating a tensor', async () => {
    expect(() => new SeqRecommender('sasrec', { layers: 1e6 })).toThrow(
      'invalid sasrec settings: layers must be an integer in [1, 48] (got 1000000) for sasrec',
    );
    const data = {
      numUsers: 2,
      numItems: 4,
      sequences: { offsets: new Uint32Array([0, 3, 6]), items: new Int32Array([0, 1, 2, 1, 2, 3]) },
    };
    const before = tf.memory().numTensors;
    const big = new SeqRecommender('sasrec', { hidden: 4096, layers: 48, maxLen: 2048, intermediate: 16384 });
    await expect(big.fit(data, { seed: 0 })).rejects.toThrow(
      /^sasrec needs about [\d.]+ TiB, over the 4 GiB budget; lower hidden\/layers\/maxLen\/batchSize/,
    );
    const small = new SeqRecommender('bert4rec', { hidden: 8, layers: 1, heads: 1, intermediate: 16 });
    await expect(small.fit(data, { seed: 0, memoryBudgetBytes: 1024 })).rejects.toThrow(
      /^bert4rec needs about \d+ (KiB|MiB), over the 1 KiB budget/,
    );
    expect(tf.memory().numTensors).toBe(before);
    // The estimate counts weights, gradients and Adam's moments: at least 16 bytes a parameter.
    const c = { ...defaultConfig('sasrec', 1000, [20]), hidden: 64 };
    expect(estimateSeqRecMemory(c).bytes).toBeGreaterThan(16 * 1002 * 64);
  });
});
