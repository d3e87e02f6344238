// Faithfulness over a sample of users: planted driver beats random for a faithful method, paired random baseline,
// CIs bracket the mean, failures counted, progress and cancellation.
import { describe, expect, it } from 'vitest';
import { asItemIdx, asUserIdx } from '../lib/ids';
import { faithfulness } from './faithfulness';
import { faithfulnessSummary } from './population';
import { A, B, C, PlantedRecommender } from '../testSupport/explain';

const model = { recommender: new PlantedRecommender() };
const targets = [Int32Array.of(5, A, 6, 3), Int32Array.of(A, 4, 6), Int32Array.of(7, B, A, 5, 4), Int32Array.of(3, 4, A, 6, B, 7)].map(
  (history) => ({ user: asUserIdx(0), history, item: asItemIdx(C) }),
);

describe('faithfulness summary', () => {
  it('per method: means with CIs over users, paired against one random baseline per user', async () => {
    const seen: number[] = [];
    const [occ, lime, ig] = await faithfulnessSummary(model, targets, ['occlusion', 'lime', 'ig'], {
      seed: 3,
      bootstrap: 200,
      onProgress: (p) => seen.push(p.done),
    });
    expect(seen).toEqual([1, 2, 3, 4]);
    expect(occ.users).toBe(4);
    // Occlusion names A first: deleting it removes most of C's score at once, far below a random order.
    expect(occ.betterThanRandom).toBe(1);
    expect(occ.deletionMinusRandom.hi).toBeLessThan(0);
    expect(occ.insertionMinusRandom.lo).toBeGreaterThan(0);
    for (const s of [occ, lime]) {
      for (const k of ['deletionAUC', 'insertionAUC', 'randomDeletionAUC', 'deletionMinusRandom'] as const) {
        expect(s[k].lo).toBeLessThanOrEqual(s[k].mean + 1e-12);
        expect(s[k].hi).toBeGreaterThanOrEqual(s[k].mean - 1e-12);
      }
    }
    // The random baseline is the same users' random orders for every method.
    expect(lime.randomDeletionAUC.mean).toBeCloseTo(occ.randomDeletionAUC.mean, 12);
    // Each user's random figure equals faithfulness()'s own random orders under the same seed.
    const f0 = await faithfulness(model, targets[0], [0, 1, 0, 0], { seed: 3 });
    const single = await faithfulnessSummary(model, targets.slice(0, 1), ['occlusion'], { seed: 3, bootstrap: 10 });
    expect(single[0].randomDeletionAUC.mean).toBeCloseTo(f0.randomDeletionAUC, 12);
    // A method the model cannot run is counted as failed, with the reason.
    expect(ig.failed).toBe(4);
    expect(ig.users).toBe(0);
    expect(ig.firstFailure).toMatch(/gradients/);
  });

  it('stops on abort', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(faithfulnessSummary(model, targets, ['occlusion'], { signal: controller.signal })).rejects.toThrow('Cancelled');
  });
});
