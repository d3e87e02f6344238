import { describe, expect, it } from 'vitest';
import type { Recommender } from '../rec/recommender';
import type { LeaveOneOutSplit } from '../rec/split';
import { embeddingMap } from './embeddingMap';

// Four items; the split's events touch item 2 three times, item 0 twice, item 3 once and item 1 never.
const split = {
  numItems: 4,
  sequences: { offsets: Uint32Array.from([0, 3, 6]), items: Int32Array.from([2, 0, 2, 3, 2, 0]) },
} as LeaveOneOutSplit;
const vectors = { data: Float32Array.from([1, 2, 2, 4, 3, 6, 4, 8]), dim: 2 };
const withVectors = { itemVectors: async () => vectors } as unknown as Recommender;
const without = {} as Recommender;

describe('embeddingMap', () => {
  it("projects the model's item vectors and gives each drawn item its interaction count", async () => {
    const r = await embeddingMap({ model: withVectors, split }, { source: 'model', settings: { maxItems: 3 } });
    if (!r.ok) throw new Error(JSON.stringify(r.reason));
    // The cap keeps the three most interacted-with items: 2 (3), 0 (2), 3 (1).
    expect(Array.from(r.data.items)).toEqual([0, 2, 3]);
    expect(Array.from(r.data.interactions)).toEqual([2, 3, 1]);
    expect(r.data).toMatchObject({ source: 'model', dim: 2, total: 4, method: 'pca' });
    // Collinear points, all the variance on x: item 0 at (1,2) lies 25/(3√5) = (5/3)·√5 before the kept items' mean (8/3, 16/3) along (1,2)/√5.
    expect(r.data.x[0]).toBeCloseTo(-(5 / 3) * Math.sqrt(5), 5);
    expect(r.data.explained![0]).toBeCloseTo(1, 6);
  });

  it('uses the text vectors for source text, and says why when there are none or the model has none', async () => {
    const text = await embeddingMap({ model: without, split, textVectors: vectors }, { source: 'text', settings: {} });
    expect(text.ok && text.data.source).toBe('text');
    expect(await embeddingMap({ model: withVectors, split }, { source: 'text', settings: {} })).toEqual({
      ok: false,
      reason: { kind: 'no-text' },
    });
    expect(await embeddingMap({ model: without, split }, { source: 'model', settings: {} })).toEqual({
      ok: false,
      reason: { kind: 'no-vectors' },
    });
  });

  it('refuses out-of-range settings with their range before reading any vector', async () => {
    let read = false;
    const model = { itemVectors: async () => ((read = true), vectors) } as unknown as Recommender;
    const r = await embeddingMap({ model, split }, { source: 'model', settings: { epochs: 0 } });
    expect(r).toEqual({
      ok: false,
      reason: { kind: 'settings', message: expect.stringContaining('epochs must be an integer in [1, 2000]') },
    });
    expect(read).toBe(false);
  });
});
