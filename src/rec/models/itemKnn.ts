// Item-kNN: cosine similarity between items' binary user columns, top-k neighbours per item kept sparse.
import { progressTracker, throwIfAborted } from '../../lib/progress';
import { checkSettings, type Range } from '../../lib/ranges';
import { assertMemory, type MemoryEstimate } from '../memory';
import { topK } from '../rank';
import { transpose, userItemMatrix } from '../sparse';
import { rowOf, scoreBuffer, type FitOptions, type ModelState, type Recommender, type ScoreBatch, type TrainData } from '../recommender';

export interface ItemKnnSettings {
  /** Neighbours kept per item. */
  neighbours: number;
  /** Added to the cosine denominator: damps similarities resting on few co-occurrences. */
  shrink: number;
}

// 50 neighbours: best of 20/50/100/200 on the ml-100k validation stage (not the test stage).
export const ITEMKNN_DEFAULTS: ItemKnnSettings = { neighbours: 50, shrink: 0 };

/** numItems travels in a checkpoint's settings (exportState), so it is accepted but not offered. */
export const ITEMKNN_RANGES: Readonly<Record<keyof ItemKnnSettings | 'numItems', Range>> = {
  neighbours: { min: 1, max: 10_000, integer: true },
  shrink: { min: 0, max: 1e6 },
  numItems: { min: 0, max: 2 ** 24, integer: true, internal: true },
};

/**
 * Neighbour lists of min(neighbours, items − 1) per item: collected in JS arrays (2 × 8 bytes) and then typed (8),
 * plus the co-occurrence row, norms and the sparse matrix and its transpose.
 */
export function itemKnnMemory(neighbours: number, numItems: number, interactions: number): MemoryEstimate {
  return {
    bytes: 24 * numItems * Math.min(neighbours, Math.max(0, numItems - 1)) + 16 * numItems + 16 * interactions,
    lower: 'neighbours',
  };
}

/** Sparse neighbour lists: neighbours of item i are nbr[offsets[i] .. offsets[i+1]). */
export interface Neighbours {
  offsets: Uint32Array;
  nbr: Int32Array;
  sim: Float32Array;
}

/** cos(i, j) = |U_i ∩ U_j| / (sqrt(|U_i| |U_j|) + shrink), keeping each item's top-k (self excluded). */
export function cosineNeighbours(data: TrainData, settings: ItemKnnSettings, options: Partial<FitOptions> = {}): Neighbours {
  const n = data.numItems;
  const x = userItemMatrix(data);
  const xt = transpose(x, n);
  const norm = new Float64Array(n);
  for (let i = 0; i < n; i++) norm[i] = Math.sqrt(xt.offsets[i + 1] - xt.offsets[i]);
  const co = new Float64Array(n);
  const touched: number[] = [];
  const offsets = new Uint32Array(n + 1);
  const nbrs: number[] = [];
  const sims: number[] = [];
  const track = progressTracker('Item-kNN similarities', 'items', n);
  for (let i = 0; i < n; i++) {
    touched.length = 0;
    for (const u of rowOf(xt, i)) {
      for (const j of rowOf(x, u)) {
        if (j === i) continue;
        if (co[j] === 0) touched.push(j);
        co[j] += 1;
      }
    }
    const cand = new Float64Array(touched.length);
    touched.forEach((j, t) => {
      cand[t] = co[j] / (norm[i] * norm[j] + settings.shrink);
      co[j] = 0;
    });
    const best = topK(cand, settings.neighbours);
    for (let t = 0; t < best.items.length; t++) {
      nbrs.push(touched[best.items[t]]);
      sims.push(best.scores[t]);
    }
    offsets[i + 1] = nbrs.length;
    if ((i & 255) === 255) {
      options.onProgress?.(track(i + 1));
      throwIfAborted(options.signal);
    }
  }
  options.onProgress?.(track(n));
  return { offsets, nbr: Int32Array.from(nbrs), sim: Float32Array.from(sims) };
}

export class ItemKnnRecommender implements Recommender {
  readonly name = 'itemknn';
  readonly backend = 'js';
  readonly settings: ItemKnnSettings;
  private n = 0;
  private nb: Neighbours = { offsets: new Uint32Array(1), nbr: new Int32Array(0), sim: new Float32Array(0) };

  constructor(settings: Partial<ItemKnnSettings> = {}) {
    const checked = checkSettings(ITEMKNN_RANGES, settings, { owner: 'itemknn' });
    if (!checked.ok) throw new Error(checked.reason);
    const { neighbours, shrink } = { ...ITEMKNN_DEFAULTS, ...settings };
    this.settings = { neighbours, shrink };
  }

  fit(data: TrainData, options: FitOptions): void {
    assertMemory(
      'item-kNN',
      itemKnnMemory(this.settings.neighbours, data.numItems, data.sequences.items.length),
      options.memoryBudgetBytes,
    );
    this.n = data.numItems;
    this.nb = cosineNeighbours(data, this.settings, options);
  }

  /** score(u, j) = Σ over distinct history items i of sim(i, j) when j is among i's neighbours. */
  scoreUsers(batch: ScoreBatch, out?: Float32Array): Float32Array {
    const { n, nb } = this;
    const scores = scoreBuffer(batch.users.length, n, out);
    batch.histories.forEach((hist, r) => {
      const o = r * n;
      for (const i of new Set(hist)) {
        for (let k = nb.offsets[i]; k < nb.offsets[i + 1]; k++) scores[o + nb.nbr[k]] += nb.sim[k];
      }
    });
    return scores;
  }

  async exportState(): Promise<ModelState> {
    const { offsets, nbr, sim } = this.nb;
    return {
      settings: { ...this.settings, numItems: this.n },
      // Indices travel as F32: exact below 2^24, far above any catalog the dense baselines accept.
      tensors: {
        offsets: { shape: [offsets.length], data: Float32Array.from(offsets) },
        neighbours: { shape: [nbr.length], data: Float32Array.from(nbr) },
        similarities: { shape: [sim.length], data: sim },
      },
    };
  }

  importState(state: ModelState): void {
    const t = state.tensors;
    this.nb = { offsets: Uint32Array.from(t.offsets.data), nbr: Int32Array.from(t.neighbours.data), sim: t.similarities.data };
    this.n = Number(state.settings.numItems);
  }
}
