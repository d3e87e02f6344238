import { describe, expect, it } from 'vitest';
import { createRng } from '../lib/rng';
import { checkProjectionSettings, itemPopularity, keptItems, PROJECTION_DEFAULTS, projectItems } from './projection';

/** Two tight clusters of `per` items in 8 dimensions: around +5 and −5 on the first axis. */
function twoClusters(per: number, seed = 1) {
  const rng = createRng(seed);
  const dim = 8;
  const data = new Float32Array(2 * per * dim);
  for (let i = 0; i < 2 * per; i++)
    for (let j = 0; j < dim; j++) data[i * dim + j] = (j === 0 ? (i < per ? 5 : -5) : 0) + 0.1 * rng.normal();
  return { data, dim };
}

describe('checkProjectionSettings', () => {
  it('fills in the defaults', () => {
    expect(checkProjectionSettings({})).toEqual({ ok: true, data: PROJECTION_DEFAULTS });
    expect(checkProjectionSettings({ method: 'umap', seed: 7 })).toEqual({
      ok: true,
      data: { ...PROJECTION_DEFAULTS, method: 'umap', seed: 7 },
    });
  });

  it('refuses out-of-range numbers and unknown methods before anything runs', () => {
    const big = checkProjectionSettings({ maxItems: 1e9 });
    expect(big.ok).toBe(false);
    expect(!big.ok && big.reason).toContain('maxItems must be an integer in [3, 20000]');
    const method = checkProjectionSettings({ method: 'tsne' });
    expect(!method.ok && method.reason).toContain('method must be one of pca, umap');
    expect(checkProjectionSettings({ minDist: -0.5 }).ok).toBe(false);
    expect(checkProjectionSettings({ epochs: 2.5 }).ok).toBe(false);
  });
});

describe('keptItems', () => {
  it('keeps the most popular items, ties to the lower index, in ascending order', () => {
    // Popularity 5, 1, 9, 1, 5 with room for 3: items 2 (9), 0 (5) and 4 (5).
    expect(Array.from(keptItems(5, 3, [5, 1, 9, 1, 5]))).toEqual([0, 2, 4]);
    expect(Array.from(keptItems(3, 10))).toEqual([0, 1, 2]);
  });
});

describe('projectItems', () => {
  it('PCA puts collinear item vectors on the x axis with all the variance', async () => {
    const p = await projectItems({ data: Float32Array.from([1, 2, 2, 4, 3, 6]), dim: 2 }, { ...PROJECTION_DEFAULTS, method: 'pca' });
    expect(Array.from(p.items)).toEqual([0, 1, 2]);
    expect(p.x[0]).toBeCloseTo(-Math.sqrt(5), 5);
    expect(p.x[2]).toBeCloseTo(Math.sqrt(5), 5);
    expect(Math.abs(p.y[1])).toBeLessThan(1e-6);
    expect(p.explained![0]).toBeCloseTo(1, 6);
    expect(p.total).toBe(3);
  });

  it('projects only the capped items, keyed by their log index', async () => {
    const data = Float32Array.from([0, 0, 1, 1, 2, 5, 3, 3]);
    const p = await projectItems({ data, dim: 2 }, { ...PROJECTION_DEFAULTS, maxItems: 3 }, { popularity: [1, 9, 8, 7] });
    expect(Array.from(p.items)).toEqual([1, 2, 3]);
    expect(p.x.length).toBe(3);
    expect(p.total).toBe(4);
  });

  it('UMAP keeps two separated clusters apart, reports every epoch and gives the same map for the same seed', async () => {
    const vectors = twoClusters(20);
    const settings = { ...PROJECTION_DEFAULTS, method: 'umap' as const, epochs: 50, neighbours: 5, seed: 3 };
    const seen: number[] = [];
    const a = await projectItems(vectors, settings, { onProgress: (p) => seen.push(p.done) });
    expect(seen[0]).toBe(0);
    expect(seen.at(-1)).toBe(50);
    // Every point's nearest neighbour on the map is from its own cluster.
    for (let i = 0; i < 40; i++) {
      let best = -1;
      let bestD = Infinity;
      for (let j = 0; j < 40; j++) {
        const d = (a.x[i] - a.x[j]) ** 2 + (a.y[i] - a.y[j]) ** 2;
        if (j !== i && d < bestD) [best, bestD] = [j, d];
      }
      expect(best < 20).toBe(i < 20);
    }
    const b = await projectItems(vectors, settings);
    expect(Array.from(b.x)).toEqual(Array.from(a.x));
    const c = await projectItems(vectors, { ...settings, seed: 4 });
    expect(Array.from(c.x)).not.toEqual(Array.from(a.x));
    expect(a.explained).toBeUndefined();
  });

  it('stops UMAP when the signal is aborted', async () => {
    const controller = new AbortController();
    const run = projectItems(
      twoClusters(10),
      { ...PROJECTION_DEFAULTS, method: 'umap', epochs: 100, neighbours: 4 },
      {
        signal: controller.signal,
        onProgress: (p) => {
          if (p.done >= 16) controller.abort();
        },
      },
    );
    await expect(run).rejects.toThrow('Cancelled');
  });

  it('refuses fewer than 3 items and vectors that do not split into rows', async () => {
    await expect(projectItems({ data: new Float32Array(4), dim: 2 }, PROJECTION_DEFAULTS)).rejects.toThrow('at least 3 items');
    await expect(projectItems({ data: new Float32Array(5), dim: 2 }, PROJECTION_DEFAULTS)).rejects.toThrow('do not split');
  });
});

describe('itemPopularity', () => {
  it('counts each item once per event and ignores indices outside the catalog', () => {
    expect(Array.from(itemPopularity(Int32Array.from([0, 2, 2, -1, 5, 2]), 3))).toEqual([1, 0, 3]);
  });
});
