// EASE (Steck 2019): closed-form item-item weights B = I − P·diagMat(1/diag(P)), P = (XᵀX + λI)⁻¹, diag(B) = 0.
import { progressTracker } from '../../lib/progress';
import { checkSettings, type Range } from '../../lib/ranges';
import { assertMemory, type MemoryEstimate } from '../memory';
import { invertSpdInPlace } from '../../lib/linalg';
import { userItemMatrix } from '../sparse';
import { rowOf, scoreBuffer, type FitOptions, type ModelState, type Recommender, type ScoreBatch, type TrainData } from '../recommender';

export interface EaseSettings {
  /** L2 weight on B; Steck used 200–1000 on large data sets. */
  lambda: number;
  /** The dense inverse is O(n³) time and n² memory in JS: refuse larger catalogs rather than hang the tab. */
  maxItems: number;
}

export const EASE_DEFAULTS: EaseSettings = { lambda: 200, maxItems: 6000 };

/** λ must be positive (λ = 0 leaves XᵀX singular for any item pair that never co-occurs). */
export const EASE_RANGES: Readonly<Record<keyof EaseSettings, Range>> = {
  lambda: { min: 0, max: 1e7, minOpen: true },
  maxItems: { min: 1, max: 100_000, integer: true },
};

/** The dense float64 Gram/inverse and the float32 weights, n² each, plus the sparse user rows. */
export function easeMemory(numItems: number, interactions: number): MemoryEstimate {
  return { bytes: 12 * numItems * numItems + 8 * interactions, lower: 'the catalog size (maxItems) or use itemknn' };
}

export class EaseRecommender implements Recommender {
  readonly name = 'ease';
  readonly backend = 'js';
  readonly settings: EaseSettings;
  private n = 0;
  /** Row-major n×n weights: the score of item j for a history H is Σ_{i∈H} B[i, j]. */
  private b: Float32Array = new Float32Array(0);

  constructor(settings: Partial<EaseSettings> = {}) {
    const checked = checkSettings(EASE_RANGES, settings, { owner: 'ease' });
    if (!checked.ok) throw new Error(checked.reason);
    this.settings = { ...EASE_DEFAULTS, ...settings };
  }

  fit(data: TrainData, options: FitOptions): void {
    const n = data.numItems;
    if (n > this.settings.maxItems) {
      throw new Error(
        `EASE needs a dense ${n}×${n} inverse, above the limit of ${this.settings.maxItems} items (O(n³) in JS); raise maxItems or use itemknn`,
      );
    }
    assertMemory('EASE', easeMemory(n, data.sequences.items.length), options.memoryBudgetBytes);
    const x = userItemMatrix(data);
    // Gram matrix XᵀX from the users' item lists (symmetric; only pairs that co-occur are touched).
    const g = new Float64Array(n * n);
    for (let u = 0; u < data.numUsers; u++) {
      const row = rowOf(x, u);
      for (let a = 0; a < row.length; a++) {
        const base = row[a] * n;
        for (let c = 0; c < row.length; c++) g[base + row[c]] += 1;
      }
    }
    for (let i = 0; i < n; i++) g[i * n + i] += this.settings.lambda;
    const track = progressTracker('EASE inverse', 'rows', n);
    invertSpdInPlace(g, n, (done) => options.onProgress?.(track(done)), options.signal);
    const b = new Float32Array(n * n);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) b[i * n + j] = i === j ? 0 : -g[i * n + j] / g[j * n + j];
    }
    this.n = n;
    this.b = b;
  }

  scoreUsers(batch: ScoreBatch, out?: Float32Array): Float32Array {
    const n = this.n;
    const scores = scoreBuffer(batch.users.length, n, out);
    batch.histories.forEach((hist, r) => {
      const o = r * n;
      for (const i of new Set(hist)) {
        const bi = i * n;
        for (let j = 0; j < n; j++) scores[o + j] += this.b[bi + j];
      }
    });
    return scores;
  }

  async exportState(): Promise<ModelState> {
    return { settings: { ...this.settings }, tensors: { B: { shape: [this.n, this.n], data: this.b } } };
  }

  importState(state: ModelState): void {
    const t = state.tensors.B;
    this.n = t.shape[0];
    this.b = t.data;
  }
}
