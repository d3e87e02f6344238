// Matrix factorisation by implicit ALS (Hu, Koren & Volinsky 2008): confidence 1 + α on observed items, seeded init.
import { createRng } from '../../lib/rng';
import { progressTracker, throwIfAborted } from '../../lib/progress';
import { checkSettings, type Range } from '../../lib/ranges';
import { assertMemory, type MemoryEstimate } from '../memory';
import { solveSpdInPlace } from '../../lib/linalg';
import { distinct, transpose, userItemMatrix } from '../sparse';
import {
  rowOf,
  scoreBuffer,
  type FitOptions,
  type ItemVectors,
  type ModelState,
  type Recommender,
  type ScoreBatch,
  type TrainData,
} from '../recommender';

export interface MfSettings {
  factors: number;
  iterations: number;
  /** Confidence of an observed interaction is 1 + alpha; unobserved ones have confidence 1 and preference 0. */
  alpha: number;
  /** L2 weight on both factor matrices. */
  regularization: number;
}

export const MF_DEFAULTS: MfSettings = { factors: 32, iterations: 12, alpha: 10, regularization: 1 };

/** regularization must be positive: it is what keeps each row's normal equations solvable. */
export const MF_RANGES: Readonly<Record<keyof MfSettings, Range>> = {
  factors: { min: 1, max: 1024, integer: true },
  iterations: { min: 1, max: 1000, integer: true },
  alpha: { min: 0, max: 1e6 },
  regularization: { min: 0, max: 1e6, minOpen: true },
};

/** Float32 factors × (users + items), the float64 f×f Gram matrices, and the sparse matrix and its transpose. */
export function mfMemory(factors: number, numUsers: number, numItems: number, interactions: number): MemoryEstimate {
  return { bytes: 4 * factors * (numUsers + numItems) + 8 * 4 * factors * factors + 16 * interactions, lower: 'factors' };
}

/** Gram matrix FᵀF (f×f) of a row-major factor matrix. */
function gram(f: Float32Array, rows: number, k: number): Float64Array {
  const g = new Float64Array(k * k);
  for (let r = 0; r < rows; r++) {
    const o = r * k;
    for (let a = 0; a < k; a++) {
      const fa = f[o + a];
      if (fa === 0) continue;
      for (let b = 0; b < k; b++) g[a * k + b] += fa * f[o + b];
    }
  }
  return g;
}

/**
 * One least-squares half-step for a single row: x = (FᵀF + α Σ_{i∈obs} f_i f_iᵀ + λI)⁻¹ (1+α) Σ_{i∈obs} f_i.
 * Also the fold-in used at scoring time, so a history the model never trained on still gets a user vector.
 */
function solveRow(
  fixed: Float32Array,
  ftf: Float64Array,
  obs: ArrayLike<number>,
  s: MfSettings,
  out: Float32Array,
  outOffset: number,
): void {
  const k = s.factors;
  const a = ftf.slice();
  const b = new Float64Array(k);
  for (let t = 0; t < obs.length; t++) {
    const o = obs[t] * k;
    for (let p = 0; p < k; p++) {
      const fp = fixed[o + p];
      b[p] += (1 + s.alpha) * fp;
      const ap = s.alpha * fp;
      for (let q = 0; q < k; q++) a[p * k + q] += ap * fixed[o + q];
    }
  }
  for (let p = 0; p < k; p++) a[p * k + p] += s.regularization;
  solveSpdInPlace(a, b, k);
  for (let p = 0; p < k; p++) out[outOffset + p] = b[p];
}

export class MfRecommender implements Recommender {
  readonly name = 'mf';
  readonly backend = 'js';
  readonly settings: MfSettings;
  private numItems = 0;
  private itemFactors: Float32Array = new Float32Array(0);
  private itemGram: Float64Array = new Float64Array(0);

  constructor(settings: Partial<MfSettings> = {}) {
    const checked = checkSettings(MF_RANGES, settings, { owner: 'mf' });
    if (!checked.ok) throw new Error(checked.reason);
    this.settings = { ...MF_DEFAULTS, ...settings };
  }

  fit(data: TrainData, options: FitOptions): void {
    const s = this.settings;
    const k = s.factors;
    assertMemory('MF', mfMemory(k, data.numUsers, data.numItems, data.sequences.items.length), options.memoryBudgetBytes);
    const x = userItemMatrix(data);
    const xt = transpose(x, data.numItems);
    const rng = createRng(options.seed);
    const users = new Float32Array(data.numUsers * k);
    const items = new Float32Array(data.numItems * k);
    for (let i = 0; i < items.length; i++) items[i] = 0.01 * rng.normal();
    const track = progressTracker('ALS', 'iterations', s.iterations);
    for (let it = 0; it < s.iterations; it++) {
      const ig = gram(items, data.numItems, k);
      for (let u = 0; u < data.numUsers; u++) solveRow(items, ig, rowOf(x, u), s, users, u * k);
      throwIfAborted(options.signal);
      const ug = gram(users, data.numUsers, k);
      for (let i = 0; i < data.numItems; i++) solveRow(users, ug, rowOf(xt, i), s, items, i * k);
      throwIfAborted(options.signal);
      options.onProgress?.(track(it + 1));
    }
    this.setItems(items, data.numItems);
  }

  private setItems(items: Float32Array, numItems: number): void {
    this.numItems = numItems;
    this.itemFactors = items;
    this.itemGram = gram(items, numItems, this.settings.factors);
  }

  scoreUsers(batch: ScoreBatch, out?: Float32Array): Float32Array {
    const n = this.numItems;
    const k = this.settings.factors;
    const scores = scoreBuffer(batch.users.length, n, out);
    const xu = new Float32Array(k);
    batch.histories.forEach((hist, r) => {
      if (hist.length === 0) return;
      solveRow(this.itemFactors, this.itemGram, distinct(hist), this.settings, xu, 0);
      const o = r * n;
      for (let j = 0; j < n; j++) {
        let dot = 0;
        const f = j * k;
        for (let p = 0; p < k; p++) dot += xu[p] * this.itemFactors[f + p];
        scores[o + j] = dot;
      }
    });
    return scores;
  }

  async exportState(): Promise<ModelState> {
    return {
      settings: { ...this.settings },
      tensors: { itemFactors: { shape: [this.numItems, this.settings.factors], data: this.itemFactors } },
    };
  }

  async itemVectors(): Promise<ItemVectors> {
    return { data: this.itemFactors, dim: this.settings.factors };
  }

  importState(state: ModelState): void {
    const t = state.tensors.itemFactors;
    this.setItems(t.data, t.shape[0]);
  }
}
