// Max-sensitivity on models where it is known by hand: a mean-pooling model (occlusion moves when an event goes)
// and a sum model (occlusion never moves).
import { describe, expect, it } from 'vitest';
import { asItemIdx, asUserIdx } from '../lib/ids';
import { scoreBuffer, type ModelState, type Recommender, type ScoreBatch } from '../rec/recommender';
import { occlusion } from './occlusion';
import { dropCandidates, maxSensitivity, relativeL2 } from './sensitivity';
import { subsetTarget } from './scorer';
import type { ExplainTarget } from './types';

const W = [6, 4, 1, 1];
const TARGET = 4;

/** Score of item 4 = mean (or sum) of W over the history's items; every other item scores 0. */
class PooledRecommender implements Recommender {
  readonly name = 'pooled';
  readonly backend = 'js';
  constructor(private readonly pool: 'mean' | 'sum') {}
  fit(): void {}
  scoreUsers(batch: ScoreBatch, out?: Float32Array): Float32Array {
    const s = scoreBuffer(batch.histories.length, 5, out);
    batch.histories.forEach((h, r) => {
      const sum = Array.from(h).reduce((acc, i) => acc + W[i], 0);
      s[r * 5 + TARGET] = this.pool === 'sum' ? sum : h.length ? sum / h.length : 0;
    });
    return s;
  }
  async exportState(): Promise<ModelState> {
    return { settings: {}, tensors: {} };
  }
  importState(): void {}
}

const target: ExplainTarget = { user: asUserIdx(0), history: Int32Array.of(0, 1, 2, 3), item: asItemIdx(TARGET) };

async function sensitivityOf(pool: 'mean' | 'sum', options: Parameters<typeof maxSensitivity>[2]) {
  const model = { recommender: new PooledRecommender(pool) };
  const a = await occlusion(model, target);
  const reexplain = async (kept: number[]) => {
    const keep = new Uint8Array(target.history.length);
    kept.forEach((k) => (keep[k] = 1));
    return (await occlusion(model, subsetTarget(target, keep))).values;
  };
  return { values: a.values, s: await maxSensitivity(a.values, reexplain, options) };
}

describe('maxSensitivity', () => {
  it('is the largest relative L2 change of the other events’ occlusion values on a mean-pooling model', async () => {
    // Mean of W = 3; occlusion a_k = 3 − (12 − W_k)/3 = [1, 1/3, −2/3, −2/3]. Event 0 is the top one (protect 1).
    // Drop event 1: mean of [6, 1, 1] = 8/3, a' = [5/3, −5/6, −5/6] against [1, −2/3, −2/3]: ‖Δ‖² = 1/2, ‖a‖² = 17/9 → √(9/34).
    // Drop event 2 or 3: mean of [6, 4, 1] = 11/3, a' = [7/6, 1/6, −4/3] against [1, 1/3, −2/3]: ratio² = 9/28.
    const all = await sensitivityOf('mean', { drops: 3, protect: 1, seed: 7 });
    expect(Array.from(all.values)).toEqual([1, 1 / 3, -2 / 3, -2 / 3].map((v) => expect.closeTo(v, 5)));
    expect(all.s).toBeCloseTo(Math.sqrt(9 / 28), 5);
    // Protecting the three largest leaves event 1 alone to drop.
    expect((await sensitivityOf('mean', { drops: 3, protect: 3, seed: 7 })).s).toBeCloseTo(Math.sqrt(9 / 34), 5);
    // One seeded drop: one of the two figures, the same one for the same seed.
    const one = (await sensitivityOf('mean', { drops: 1, protect: 1, seed: 11 })).s;
    expect([Math.sqrt(9 / 28), Math.sqrt(9 / 34)].some((x) => Math.abs(x - one) < 1e-5)).toBe(true);
    expect((await sensitivityOf('mean', { drops: 1, protect: 1, seed: 11 })).s).toBe(one);
  });

  it('is 0 on a sum model, where an event’s occlusion value does not depend on the others', async () => {
    expect((await sensitivityOf('sum', { drops: 3, protect: 1, seed: 7 })).s).toBe(0);
  });

  it('is NaN with nothing to drop, and refuses out-of-range settings before any work', async () => {
    let calls = 0;
    const count = async (kept: number[]) => (calls++, kept.map(() => 0));
    expect(await maxSensitivity([1, 2], count, { protect: 3 })).toBeNaN();
    expect(await maxSensitivity([1, 0, 0, 0], count, { protect: 1 })).toBeNaN();
    expect(await maxSensitivity([1, 2, 3, 4], count, { drops: 0 })).toBeNaN();
    await expect(maxSensitivity([1, 2, 3, 4], count, { drops: 1e6 })).rejects.toThrow('drops must be an integer in [0, 10]');
    expect(calls).toBe(0);
  });

  it('picks candidates outside the largest |a|, skipping events at exactly 0 (outside the model’s window)', () => {
    expect(dropCandidates([0, 0.5, -3, 0.1, 2], 2)).toEqual([1, 3]);
    expect(relativeL2([3, 4], [3, 4])).toBe(0);
    expect(relativeL2([3, 4], [0, 0])).toBe(1);
    expect(relativeL2([0, 0], [1, 0])).toBeNaN();
  });

  it('stops on Cancel', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(maxSensitivity([4, 3, 2, 1], async (k) => k, { protect: 1, signal: controller.signal })).rejects.toThrow('Cancelled');
  });
});
