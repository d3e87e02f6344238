// Population aggregation: normalised per user, top-driver counts, categories; progress and cancellation.
import { describe, expect, it } from 'vitest';
import { asItemIdx, asUserIdx } from '../lib/ids';
import { aggregateDrivers, populationDrivers } from './population';
import { A, B, C, PlantedRecommender } from '../testSupport/explain';

describe('population drivers', () => {
  it('aggregates normalised positive attributions per item and category', () => {
    const r = aggregateDrivers(
      [
        { history: [1, 2, 3], values: [3, 1, -5] },
        { history: [1, 4, 1], values: [1, 2, 1] },
      ],
      { categoryOf: (i) => (i === 4 ? 'crime' : 'drama'), topDrivers: 1 },
    );
    // user 1: item 1 → 3/4, item 2 → 1/4; user 2: item 1 → 2/4, item 4 → 2/4 (tie: item 1 first by insertion).
    expect(r.items.map((s) => [s.key, s.users, s.share])).toEqual([
      [1, 2, (0.75 + 0.5) / 2],
      [4, 0, 0.25],
      [2, 0, 0.125],
    ]);
    expect(r.categories.map((s) => [s.key, s.users])).toEqual([
      ['drama', 2],
      ['crime', 0],
    ]);
  });

  it('finds the planted driver across users, reports progress, and stops on abort', async () => {
    const model = { recommender: new PlantedRecommender() };
    const targets = [Int32Array.of(5, A, 6), Int32Array.of(A, 4), Int32Array.of(7, B, A)].map((history) => ({
      user: asUserIdx(0),
      history,
      item: asItemIdx(C),
    }));
    const seen: number[] = [];
    const r = await populationDrivers(model, targets, 'occlusion', { onProgress: (p) => seen.push(p.done) });
    expect(r.items[0].key).toBe(A);
    expect(r.items[0].users).toBe(3);
    expect(seen).toEqual([1, 2, 3]);
    const controller = new AbortController();
    controller.abort();
    await expect(populationDrivers(model, targets, 'occlusion', { signal: controller.signal })).rejects.toThrow('Cancelled');
    const refused = await populationDrivers(model, targets, 'ig');
    expect(refused.failed).toBe(3);
  });
});
