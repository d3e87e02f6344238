// The embedding map (LIT's projector): item vectors — a sequence model's item table or a text model's item embeddings —
// projected to 2-D by PCA (deterministic) or UMAP (umap-js, seeded), capped to the most popular items so the map
// stays drawable and UMAP's neighbour graph stays small.
import { pca } from '../lib/pca';
import { throwIfAborted, yieldToEvents, type Progress, progressTracker } from '../lib/progress';
import { checkSettings, type RangeTable } from '../lib/ranges';
import { fail, ok, type Result } from '../lib/result';
import { createRng } from '../lib/rng';
import type { ItemVectors } from '../rec/recommender';

export type { ItemVectors };

export const PROJECTION_METHODS = ['pca', 'umap'] as const;
export type ProjectionMethod = (typeof PROJECTION_METHODS)[number];
export const isProjectionMethod = (m: unknown): m is ProjectionMethod => PROJECTION_METHODS.includes(m as ProjectionMethod);

export interface ProjectionSettings {
  method: ProjectionMethod;
  seed: number;
  /** Items drawn at most: the most popular ones are kept (ties: lower index). */
  maxItems: number;
  /** UMAP: neighbours per point (lowered to n − 1 on small sets). */
  neighbours: number;
  /** UMAP: how tightly points may pack. */
  minDist: number;
  /** UMAP: optimisation epochs (the progress unit). */
  epochs: number;
}

export const PROJECTION_DEFAULTS: ProjectionSettings = {
  method: 'pca',
  seed: 42,
  maxItems: 3000,
  neighbours: 15,
  minDist: 0.1,
  epochs: 200,
};

export const PROJECTION_RANGES = {
  seed: { min: 0, max: 2 ** 32 - 1, integer: true },
  // 20 000 points: an SVG stays usable, and UMAP's neighbour search (≈ n·log n·neighbours distances) stays in seconds.
  maxItems: { min: 3, max: 20_000, integer: true },
  neighbours: { min: 2, max: 200, integer: true },
  minDist: { min: 0, max: 1 },
  epochs: { min: 1, max: 2000, integer: true },
} as const satisfies RangeTable;

/** Settings as given (a flag, a message) checked against the ranges, defaults filled in; nothing is allocated before. */
export function checkProjectionSettings(given: Partial<Record<keyof ProjectionSettings, unknown>>): Result<ProjectionSettings> {
  const { method, ...numbers } = given;
  const defined = Object.fromEntries(Object.entries(numbers).filter(([, v]) => v !== undefined));
  const checked = checkSettings(PROJECTION_RANGES, defined, { owner: 'the embedding map' });
  if (!checked.ok) return checked;
  if (method !== undefined && !isProjectionMethod(method))
    return fail(`method must be one of ${PROJECTION_METHODS.join(', ')} (got ${String(method)})`);
  return ok({ ...PROJECTION_DEFAULTS, ...(defined as Partial<ProjectionSettings>), ...(method ? { method } : {}) });
}

/** Interactions per item in a sequence store (a split's retained events): what the cap and the popularity colours use. */
export function itemPopularity(items: ArrayLike<number>, numItems: number): Int32Array {
  const counts = new Int32Array(numItems);
  for (let e = 0; e < items.length; e++) if (items[e] >= 0 && items[e] < numItems) counts[items[e]]++;
  return counts;
}

export interface Projection {
  method: ProjectionMethod;
  /** The log item index of each point. */
  items: Int32Array;
  x: Float32Array;
  y: Float32Array;
  /** Items with a vector before the cap. */
  total: number;
  /** PCA: share of the variance along each axis (the kept items' variance); absent for UMAP, whose axes have no meaning. */
  explained?: [number, number];
}

export interface ProjectOptions {
  /** Interaction count per item: decides which items the cap keeps. Without it the first items are kept. */
  popularity?: ArrayLike<number>;
  onProgress?: (p: Progress) => void;
  signal?: AbortSignal;
}

/** Indices of the items the cap keeps, in ascending order: the `max` most popular. */
export function keptItems(count: number, max: number, popularity?: ArrayLike<number>): Int32Array {
  const all = Array.from({ length: count }, (_, i) => i);
  if (count <= max) return Int32Array.from(all);
  const pop = (i: number) => popularity?.[i] ?? 0;
  const kept = all.sort((a, b) => pop(b) - pop(a) || a - b).slice(0, max);
  return Int32Array.from(kept.sort((a, b) => a - b));
}

export async function projectItems(vectors: ItemVectors, settings: ProjectionSettings, options: ProjectOptions = {}): Promise<Projection> {
  const { dim, data } = vectors;
  if (!(dim > 0) || data.length % dim !== 0) throw new Error(`item vectors: ${data.length} values do not split into rows of ${dim}`);
  const total = data.length / dim;
  if (total < 3) throw new Error(`the embedding map needs at least 3 items (got ${total})`);
  const items = keptItems(total, settings.maxItems, options.popularity);
  const n = items.length;
  const rows = new Float64Array(n * dim);
  items.forEach((item, r) => {
    for (let j = 0; j < dim; j++) rows[r * dim + j] = data[item * dim + j];
  });
  const x = new Float32Array(n);
  const y = new Float32Array(n);
  if (settings.method === 'pca') {
    const r = pca(rows, n, dim, 2, options.signal);
    for (let i = 0; i < n; i++) {
      x[i] = r.coords[i * 2];
      y[i] = r.coords[i * 2 + 1];
    }
    return { method: 'pca', items, x, y, total, explained: [r.explained[0] ?? 0, r.explained[1] ?? 0] };
  }
  const embedding = await umap(rows, n, dim, settings, options);
  embedding.forEach(([a, b], i) => {
    x[i] = a;
    y[i] = b;
  });
  return { method: 'umap', items, x, y, total };
}

/** umap-js stepped one epoch at a time, so progress counts epochs and a cancel lands between two of them. */
async function umap(rows: Float64Array, n: number, dim: number, s: ProjectionSettings, options: ProjectOptions): Promise<number[][]> {
  const rng = createRng(s.seed);
  // Loaded on first use: the page imports this module for its settings and would otherwise carry umap-js.
  const { UMAP } = await import('umap-js');
  const model = new UMAP({
    nComponents: 2,
    nNeighbors: Math.min(s.neighbours, n - 1),
    minDist: s.minDist,
    nEpochs: s.epochs,
    random: () => rng.next(),
  });
  const points = Array.from({ length: n }, (_, i) => Array.from(rows.subarray(i * dim, (i + 1) * dim)));
  const track = progressTracker('UMAP', 'epochs', s.epochs);
  options.onProgress?.(track(0));
  throwIfAborted(options.signal);
  const epochs = model.initializeFit(points);
  for (let e = 0; e < epochs; e++) {
    model.step();
    if ((e & 7) === 7 || e === epochs - 1) {
      options.onProgress?.(track(e + 1));
      await yieldToEvents();
      throwIfAborted(options.signal);
    }
  }
  return model.getEmbedding();
}
