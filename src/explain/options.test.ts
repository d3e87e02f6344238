// Method options are range-checked before a method runs: nothing is scored for an out-of-range steps or samples.
import { describe, expect, it } from 'vitest';
import { asItemIdx, asUserIdx } from '../lib/ids';
import { explain, METHOD_OPTION_RANGES } from './registry';
import { A, B, C, PlantedRecommender } from '../testSupport/explain';

const target = { user: asUserIdx(0), history: Int32Array.of(5, A, 6, B, 4), item: asItemIdx(C) };

describe('method options', () => {
  it('refuses steps, samples, maxEvents and seed outside their ranges, naming the range, before scoring', async () => {
    const rec = new PlantedRecommender();
    const model = { recommender: rec };
    expect(await explain('ig', model, target, { steps: 1e9 })).toEqual({
      ok: false,
      reason: 'steps must be an integer in [1, 4096] (got 1000000000)',
    });
    expect(await explain('lime', model, target, { samples: 10_001 })).toEqual({
      ok: false,
      reason: 'samples must be an integer in [1, 10000] (got 10001)',
    });
    expect(await explain('shapley', model, target, { samples: 0.5 })).toEqual({
      ok: false,
      reason: 'samples must be an integer in [1, 10000] (got 0.5)',
    });
    expect(await explain('shapley', model, target, { maxEvents: Infinity })).toEqual({
      ok: false,
      reason: 'maxEvents must be an integer in [1, 512] (got Infinity)',
    });
    expect(await explain('occlusion', model, target, { seed: -1 })).toEqual({
      ok: false,
      reason: 'seed must be an integer in [0, 4294967295] (got -1)',
    });
    expect(rec.calls).toBe(0);
    expect((await explain('lime', model, target, { samples: METHOD_OPTION_RANGES.samples.min + 49 })).ok).toBe(true);
  });
});
