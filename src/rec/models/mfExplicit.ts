// Explicit matrix factorisation with biases for rating logs, fitted by weighted ALS:
//   r̂_ui = μ + b_u + b_i + p_u·q_i,  minimise Σ w_ui (r_ui − r̂_ui)² + λ (|p_u|² + b_u² + |q_i|² + b_i²).
// The weights make it naive (w = 1), IPS or SNIPS (w ∝ 1/p_ui), and the doubly robust objective of Wang et al. 2019
// becomes least squares on every pair towards a pseudo-rating (see `drTargets`).
import { solveSpdInPlace } from '../../lib/linalg';
import { progressTracker, throwIfAborted } from '../../lib/progress';
import { checkSettings, type Range } from '../../lib/ranges';
import { createRng } from '../../lib/rng';
import { assertMemory, type MemoryEstimate } from '../memory';
import { DEFAULT_CLIP, observedPropensities, popularityPropensity, type OverlapDiagnostic, type PropensityModel } from '../propensity';
import { byItem, byUser, type RatingData } from '../ratings';
import {
  scoreBuffer,
  type FitOptions,
  type ItemVectors,
  type ModelState,
  type Recommender,
  type ScoreBatch,
  type TrainData,
} from '../recommender';

export const DEBIAS_MODES = ['none', 'ips', 'snips', 'dr'] as const;
export type DebiasMode = (typeof DEBIAS_MODES)[number];

export interface MfExplicitSettings {
  factors: number;
  iterations: number;
  /** λ, on a loss whose weights average 1 per observed rating in every mode, so one λ means the same in each. */
  regularization: number;
  /** Lower clip of the propensities (IPS, SNIPS, DR). */
  clip: number;
  debias: DebiasMode;
}

export const MF_EXPLICIT_DEFAULTS: MfExplicitSettings = {
  factors: 10,
  iterations: 15,
  regularization: 5,
  clip: DEFAULT_CLIP,
  debias: 'none',
};

export const MF_EXPLICIT_RANGES: Readonly<Record<Exclude<keyof MfExplicitSettings, 'debias'>, Range>> = {
  factors: { min: 1, max: 512, integer: true },
  iterations: { min: 1, max: 1000, integer: true },
  regularization: { min: 0, max: 1e6, minOpen: true },
  clip: { min: 1e-4, max: 0.5 },
};

/** The doubly robust fit stores a dense users × items table of pseudo-ratings; beyond this it is refused. */
export const MAX_DR_PAIRS = 2e7;

/** Factors and biases, the per-rating weights and, for DR, the dense pseudo-rating table. */
export function mfExplicitMemory(factors: number, numUsers: number, numItems: number, ratings: number, debias: DebiasMode): MemoryEstimate {
  const dense = debias === 'dr' ? 4 * numUsers * numItems : 0;
  return { bytes: 8 * (factors + 1) * (numUsers + numItems) * 2 + 24 * ratings + dense, lower: 'factors' };
}

/** What the last fit used, for reports: the propensity source and its overlap diagnostic (null when naive). */
export interface MfExplicitFitInfo {
  debias: DebiasMode;
  propensity: { source: string; diagnostic: OverlapDiagnostic } | null;
}

export function checkDebias(v: unknown): string | null {
  return v === undefined || DEBIAS_MODES.includes(v as DebiasMode)
    ? null
    : `debias must be one of ${DEBIAS_MODES.join(', ')} (got ${JSON.stringify(v)})`;
}

/** Parameters of a fitted model. */
export interface Params {
  k: number;
  mu: number;
  userF: Float64Array;
  userB: Float64Array;
  itemF: Float64Array;
  itemB: Float64Array;
}

export const predict = (m: Params, u: number, i: number): number => {
  let dot = 0;
  for (let p = 0; p < m.k; p++) dot += m.userF[u * m.k + p] * m.itemF[i * m.k + p];
  return m.mu + m.userB[u] + m.itemB[i] + dot;
};

/**
 * Solve one side: for each row x (a user, or an item) the (k+1)-vector [f_x, b_x] minimising
 *   Σ_j w_j (t_j − μ − b_other(j) − [f_x, b_x]·[f_other(j), 1])² + λ |[f_x, b_x]|²,
 * where j runs over the row's sparse entries and, with `dense`, also over every column with unit weight `dense.c`.
 */
function solveSide(
  rows: number,
  groups: { offsets: Uint32Array; order: Uint32Array },
  otherOf: Int32Array,
  rating: ArrayLike<number>,
  weight: Float64Array,
  other: { f: Float64Array; b: Float64Array; n: number },
  mine: { f: Float64Array; b: Float64Array },
  k: number,
  mu: number,
  lambda: number,
  dense: { c: number; target: (x: number, o: number) => number } | null,
): void {
  const a = k + 1;
  const gram = new Float64Array(a * a);
  if (dense) {
    for (let o = 0; o < other.n; o++) {
      for (let p = 0; p < a; p++) {
        const yp = p < k ? other.f[o * k + p] : 1;
        for (let q = 0; q < a; q++) gram[p * a + q] += dense.c * yp * (q < k ? other.f[o * k + q] : 1);
      }
    }
  }
  const A = new Float64Array(a * a);
  const rhs = new Float64Array(a);
  for (let x = 0; x < rows; x++) {
    A.set(gram);
    rhs.fill(0);
    for (let p = 0; p < a; p++) A[p * a + p] += lambda;
    if (dense) {
      for (let o = 0; o < other.n; o++) {
        const t = dense.c * (dense.target(x, o) - mu - other.b[o]);
        for (let p = 0; p < k; p++) rhs[p] += t * other.f[o * k + p];
        rhs[k] += t;
      }
    }
    for (let e = groups.offsets[x]; e < groups.offsets[x + 1]; e++) {
      const r = groups.order[e];
      const w = weight[r];
      if (w === 0) continue;
      const o = otherOf[r];
      const t = w * (rating[r] - mu - other.b[o]);
      for (let p = 0; p < a; p++) {
        const yp = p < k ? other.f[o * k + p] : 1;
        rhs[p] += t * yp;
        const wy = w * yp;
        for (let q = 0; q < a; q++) A[p * a + q] += wy * (q < k ? other.f[o * k + q] : 1);
      }
    }
    solveSpdInPlace(A, rhs, a);
    for (let p = 0; p < k; p++) mine.f[x * k + p] = rhs[p];
    mine.b[x] = rhs[k];
  }
}

/**
 * Weighted ALS. `weight` has one entry per rating (all 1 for the naive fit); `dense`, when given, adds every pair
 * with weight `c` towards `target` (the doubly robust objective). μ is the weighted mean rating (the pseudo-ratings'
 * mean for DR), held fixed.
 */
export function weightedAls(
  d: RatingData,
  weight: Float64Array,
  s: MfExplicitSettings,
  options: FitOptions,
  label: string,
  dense: { c: number; table: Float32Array } | null,
): Params {
  const k = s.factors;
  const rng = createRng(options.seed);
  const m: Params = {
    k,
    mu: 0,
    userF: Float64Array.from({ length: d.numUsers * k }, () => 0.1 * rng.normal()),
    userB: new Float64Array(d.numUsers),
    itemF: Float64Array.from({ length: d.numItems * k }, () => 0.1 * rng.normal()),
    itemB: new Float64Array(d.numItems),
  };
  if (dense) {
    let sum = 0;
    for (const t of dense.table) sum += t;
    m.mu = sum / dense.table.length;
  } else {
    let sw = 0;
    let swr = 0;
    for (let r = 0; r < d.rating.length; r++) {
      sw += weight[r];
      swr += weight[r] * d.rating[r];
    }
    m.mu = sw > 0 ? swr / sw : 0;
  }
  const users = byUser(d);
  const items = byItem(d);
  const I = d.numItems;
  // With a dense table the sparse entries only carry the rows' weights of zero: the table already holds every pair.
  const sparseWeight = dense ? new Float64Array(weight.length) : weight;
  const track = progressTracker(label, 'iterations', s.iterations);
  for (let it = 0; it < s.iterations; it++) {
    solveSide(
      d.numUsers,
      users,
      d.item,
      d.rating,
      sparseWeight,
      { f: m.itemF, b: m.itemB, n: I },
      { f: m.userF, b: m.userB },
      k,
      m.mu,
      s.regularization,
      dense ? { c: dense.c, target: (u, i) => dense.table[u * I + i] } : null,
    );
    throwIfAborted(options.signal);
    solveSide(
      d.numItems,
      items,
      d.user,
      d.rating,
      sparseWeight,
      { f: m.userF, b: m.userB, n: d.numUsers },
      { f: m.itemF, b: m.itemB },
      k,
      m.mu,
      s.regularization,
      dense ? { c: dense.c, target: (i, u) => dense.table[u * I + i] } : null,
    );
    throwIfAborted(options.signal);
    options.onProgress?.(track(it + 1));
  }
  return m;
}

/**
 * Per-rating weights of each objective, scaled so they sum to the number of ratings (the naive loss's total weight):
 * IPS divides by users × items (the size of the full matrix its estimate stands for), SNIPS by Σ 1/p.
 */
export function objectiveWeights(mode: 'none' | 'ips' | 'snips', p: Float64Array, numUsers: number, numItems: number): Float64Array {
  const n = p.length;
  if (mode === 'none') return new Float64Array(n).fill(1);
  let inv = 0;
  for (const x of p) inv += 1 / x;
  const norm = mode === 'ips' ? numUsers * numItems : inv;
  return Float64Array.from(p, (x) => (n / norm) * (1 / x));
}

/**
 * The doubly robust loss of Wang et al. 2019 with squared errors, e_ui = (r_ui − r̂_ui)² and imputed errors
 * ê_ui = (m_ui − r̂_ui)² from an imputation model m:  Σ_all [ ê_ui + o_ui (e_ui − ê_ui) / p_ui ].
 * Per pair its quadratic term in r̂ has coefficient 1 (observed: (1 − 1/p) + 1/p), so it equals least squares on every
 * pair towards the pseudo-rating t_ui = m_ui + o_ui (r_ui − m_ui) / p_ui (up to a constant). Returns that table.
 */
export function drTargets(d: RatingData, imputed: (u: number, i: number) => number, p: Float64Array): Float32Array {
  const I = d.numItems;
  const table = new Float32Array(d.numUsers * I);
  for (let u = 0; u < d.numUsers; u++) for (let i = 0; i < I; i++) table[u * I + i] = imputed(u, i);
  for (let r = 0; r < d.rating.length; r++) {
    const at = d.user[r] * I + d.item[r];
    table[at] += (d.rating[r] - table[at]) / p[r];
  }
  return table;
}

export interface MfExplicitContext {
  ratings?: RatingData;
  propensity?: PropensityModel;
}

export class MfExplicitRecommender implements Recommender {
  readonly name = 'mf-explicit';
  readonly backend = 'js';
  readonly settings: MfExplicitSettings;
  lastFit: MfExplicitFitInfo | null = null;
  private params: Params | null = null;
  /** Predictions are clamped to the training ratings' range (a rating scale has ends). */
  private range: [number, number] = [-Infinity, Infinity];

  constructor(
    settings: Partial<MfExplicitSettings> = {},
    private readonly context: MfExplicitContext = {},
  ) {
    const { debias, ...numeric } = settings;
    const checked = checkSettings(MF_EXPLICIT_RANGES, numeric, { owner: 'mf-explicit' });
    if (!checked.ok) throw new Error(checked.reason);
    const bad = checkDebias(debias);
    if (bad) throw new Error(bad);
    this.settings = { ...MF_EXPLICIT_DEFAULTS, ...settings };
  }

  fit(data: TrainData, options: FitOptions): void {
    const d = this.context.ratings;
    if (!d) throw new Error('mf-explicit needs a rating log (events with a numeric value column, e.g. rating)');
    if (d.numUsers !== data.numUsers || d.numItems !== data.numItems)
      throw new Error(`mf-explicit: ratings cover ${d.numUsers} × ${d.numItems}, the training data ${data.numUsers} × ${data.numItems}`);
    this.fitRatings(d, options);
  }

  /** Fit on ratings directly (benchmarks and tests; `fit` calls this with the context's ratings). */
  fitRatings(d: RatingData, options: FitOptions): void {
    const s = this.settings;
    if (d.rating.length === 0) throw new Error('mf-explicit: no ratings to fit');
    if (s.debias === 'dr' && d.numUsers * d.numItems > MAX_DR_PAIRS)
      throw new Error(`mf-explicit: the doubly robust objective visits every pair: ${d.numUsers} × ${d.numItems} is over ${MAX_DR_PAIRS}`);
    assertMemory('mf-explicit', mfExplicitMemory(s.factors, d.numUsers, d.numItems, d.rating.length, s.debias), options.memoryBudgetBytes);
    let lo = Infinity;
    let hi = -Infinity;
    for (const r of d.rating) [lo, hi] = [Math.min(lo, r), Math.max(hi, r)];
    this.range = [lo, hi];
    if (s.debias === 'none') {
      this.params = weightedAls(d, new Float64Array(d.rating.length).fill(1), s, options, 'mf-explicit', null);
      this.lastFit = { debias: 'none', propensity: null };
      return;
    }
    const model = this.context.propensity ?? popularityPropensity(d);
    const { p, diagnostic } = observedPropensities(model, d, s.clip);
    this.lastFit = { debias: s.debias, propensity: { source: model.source, diagnostic } };
    if (s.debias === 'ips' || s.debias === 'snips') {
      this.params = weightedAls(d, objectiveWeights(s.debias, p, d.numUsers, d.numItems), s, options, `mf-explicit (${s.debias})`, null);
      return;
    }
    // DR: the imputation model is the IPS fit (an unbiased-in-expectation rating model), clamped to the scale.
    const imputation = weightedAls(d, objectiveWeights('ips', p, d.numUsers, d.numItems), s, options, 'mf-explicit (DR imputation)', null);
    const table = drTargets(d, (u, i) => this.clamp(predict(imputation, u, i)), p);
    const c = d.rating.length / (d.numUsers * d.numItems);
    this.params = weightedAls(d, new Float64Array(d.rating.length), s, options, 'mf-explicit (DR)', { c, table });
  }

  private clamp(x: number): number {
    return Math.min(this.range[1], Math.max(this.range[0], x));
  }

  /** The predicted rating of (u, i), on the training ratings' scale; a user the model never saw gets μ + b_i. */
  predictRating(u: number, i: number): number {
    const m = this.params;
    if (!m) throw new Error('mf-explicit: not fitted');
    if (u < 0 || u * m.k >= m.userF.length) return this.clamp(m.mu + m.itemB[i]);
    return this.clamp(predict(m, u, i));
  }

  scoreUsers(batch: ScoreBatch, out?: Float32Array): Float32Array {
    const n = this.params ? this.params.itemB.length : 0;
    const scores = scoreBuffer(batch.users.length, n, out);
    batch.users.forEach((u, r) => {
      for (let i = 0; i < n; i++) scores[r * n + i] = this.predictRating(u, i);
    });
    return scores;
  }

  async exportState(): Promise<ModelState> {
    const m = this.params;
    if (!m) throw new Error('mf-explicit: not fitted');
    const U = m.userB.length;
    const I = m.itemB.length;
    return {
      settings: { ...this.settings },
      tensors: {
        userFactors: { shape: [U, m.k], data: Float32Array.from(m.userF) },
        userBias: { shape: [U], data: Float32Array.from(m.userB) },
        itemFactors: { shape: [I, m.k], data: Float32Array.from(m.itemF) },
        itemBias: { shape: [I], data: Float32Array.from(m.itemB) },
        // μ and the rating scale's ends.
        scalars: { shape: [3], data: Float32Array.of(m.mu, this.range[0], this.range[1]) },
      },
    };
  }

  importState(state: ModelState): void {
    const t = state.tensors;
    for (const name of ['userFactors', 'userBias', 'itemFactors', 'itemBias', 'scalars'])
      if (!t[name]) throw new Error(`mf-explicit: the state lacks ${name}`);
    const k = t.itemFactors.shape[1];
    if (k !== this.settings.factors) throw new Error(`mf-explicit: the state has ${k} factors, the settings ${this.settings.factors}`);
    this.params = {
      k,
      mu: t.scalars.data[0],
      userF: Float64Array.from(t.userFactors.data),
      userB: Float64Array.from(t.userBias.data),
      itemF: Float64Array.from(t.itemFactors.data),
      itemB: Float64Array.from(t.itemBias.data),
    };
    this.range = [t.scalars.data[1], t.scalars.data[2]];
  }

  async itemVectors(): Promise<ItemVectors> {
    const m = this.params;
    if (!m) throw new Error('mf-explicit: not fitted');
    return { data: Float32Array.from(m.itemF), dim: m.k };
  }
}
