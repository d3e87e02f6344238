// Implicit-feedback MF debiased by exposure propensities (Saito et al. 2020, "Rel-MF"): a click Y_ui = 1 happens only
// when an item was both seen (probability θ_ui) and relevant, so the unbiased pointwise squared loss of relevance is
//   Σ_all [ (Y/θ)(1 − r̂)² + (1 − Y/θ) r̂² ] = Σ_all (r̂ − Y/θ)² + const,
// i.e. least squares on every pair towards Y/θ — the same dense weighted ALS as mf-explicit's doubly robust fit.
import { checkSettings } from '../../lib/ranges';
import { assertMemory } from '../memory';
import { DEFAULT_CLIP, observedPropensities, popularityPropensity, type PropensityModel } from '../propensity';
import { ratingData, type RatingData } from '../ratings';
import {
  scoreBuffer,
  type FitOptions,
  type ItemVectors,
  type ModelState,
  type Recommender,
  type ScoreBatch,
  type TrainData,
} from '../recommender';
import {
  MF_EXPLICIT_RANGES,
  mfExplicitMemory,
  MAX_DR_PAIRS,
  predict,
  weightedAls,
  type MfExplicitFitInfo,
  type Params,
} from './mfExplicit';

export const IMPLICIT_DEBIAS_MODES = ['none', 'ips', 'snips'] as const;
export type ImplicitDebiasMode = (typeof IMPLICIT_DEBIAS_MODES)[number];

export interface MfImplicitIpsSettings {
  factors: number;
  iterations: number;
  regularization: number;
  clip: number;
  debias: ImplicitDebiasMode;
}

export const MF_IMPLICIT_IPS_DEFAULTS: MfImplicitIpsSettings = {
  factors: 10,
  iterations: 15,
  regularization: 5,
  clip: DEFAULT_CLIP,
  debias: 'ips',
};
/** The same settings and ranges as mf-explicit (README and `reclens help` list them together). */
export const MF_IMPLICIT_IPS_RANGES = MF_EXPLICIT_RANGES;

/** The distinct clicked pairs of the training sequences, as triples with relevance 1. */
export function clickedPairs(data: TrainData): RatingData {
  const seen = new Set<number>();
  const triples: [number, number, number][] = [];
  for (let u = 0; u < data.numUsers; u++)
    for (let k = data.sequences.offsets[u]; k < data.sequences.offsets[u + 1]; k++) {
      const i = data.sequences.items[k];
      if (seen.has(u * data.numItems + i)) continue;
      seen.add(u * data.numItems + i);
      triples.push([u, i, 1]);
    }
  return ratingData(data.numUsers, data.numItems, triples);
}

/**
 * Pseudo-relevance of every pair: 0 unclicked, 1/θ clicked (IPS); SNIPS rescales the clicked ones so they sum to the
 * number of clicks; naive uses Y itself.
 */
export function relevanceTargets(clicks: RatingData, p: Float64Array, mode: ImplicitDebiasMode): Float32Array {
  const I = clicks.numItems;
  const table = new Float32Array(clicks.numUsers * I);
  let inv = 0;
  for (const x of p) inv += 1 / x;
  const scale = mode === 'snips' ? clicks.user.length / inv : 1;
  for (let r = 0; r < clicks.user.length; r++) table[clicks.user[r] * I + clicks.item[r]] = mode === 'none' ? 1 : scale / p[r];
  return table;
}

export class MfImplicitIpsRecommender implements Recommender {
  readonly name = 'mf-ips';
  readonly backend = 'js';
  readonly settings: MfImplicitIpsSettings;
  lastFit: MfExplicitFitInfo | null = null;
  private params: Params | null = null;

  constructor(
    settings: Partial<MfImplicitIpsSettings> = {},
    private readonly context: { propensity?: PropensityModel } = {},
  ) {
    const { debias, ...numeric } = settings;
    const checked = checkSettings(MF_IMPLICIT_IPS_RANGES, numeric, { owner: 'mf-ips' });
    if (!checked.ok) throw new Error(checked.reason);
    if (debias !== undefined && !IMPLICIT_DEBIAS_MODES.includes(debias))
      throw new Error(`debias must be one of ${IMPLICIT_DEBIAS_MODES.join(', ')} (got ${JSON.stringify(debias)})`);
    this.settings = { ...MF_IMPLICIT_IPS_DEFAULTS, ...settings };
  }

  fit(data: TrainData, options: FitOptions): void {
    this.fitClicks(clickedPairs(data), options);
  }

  /** Fit on clicked pairs (benchmarks and tests; `fit` collects them from the training sequences). */
  fitClicks(clicks: RatingData, options: FitOptions): void {
    const s = this.settings;
    const pairs = clicks.numUsers * clicks.numItems;
    if (pairs > MAX_DR_PAIRS) throw new Error(`mf-ips visits every pair: ${clicks.numUsers} × ${clicks.numItems} is over ${MAX_DR_PAIRS}`);
    if (clicks.user.length === 0) throw new Error('mf-ips: no interactions to fit');
    assertMemory(
      'mf-ips',
      mfExplicitMemory(s.factors, clicks.numUsers, clicks.numItems, clicks.user.length, 'dr'),
      options.memoryBudgetBytes,
    );
    const model = this.context.propensity ?? popularityPropensity(clicks);
    const { p, diagnostic } = observedPropensities(model, clicks, s.clip);
    this.lastFit = {
      debias: s.debias === 'none' ? 'none' : s.debias,
      propensity: s.debias === 'none' ? null : { source: model.source, diagnostic },
    };
    const table = relevanceTargets(clicks, p, s.debias);
    // Every pair has the same weight; c keeps the total weight at the number of clicks, so λ compares with mf-explicit's.
    const c = clicks.user.length / pairs;
    this.params = weightedAls(clicks, new Float64Array(clicks.user.length), s, options, `mf-ips (${s.debias})`, { c, table });
  }

  scoreUsers(batch: ScoreBatch, out?: Float32Array): Float32Array {
    const m = this.params;
    const n = m ? m.itemB.length : 0;
    const scores = scoreBuffer(batch.users.length, n, out);
    if (!m) return scores;
    batch.users.forEach((u, r) => {
      const known = u >= 0 && u < m.userB.length;
      for (let i = 0; i < n; i++) scores[r * n + i] = known ? predict(m, u, i) : m.mu + m.itemB[i];
    });
    return scores;
  }

  async exportState(): Promise<ModelState> {
    const m = this.params;
    if (!m) throw new Error('mf-ips: not fitted');
    return {
      settings: { ...this.settings },
      tensors: {
        userFactors: { shape: [m.userB.length, m.k], data: Float32Array.from(m.userF) },
        userBias: { shape: [m.userB.length], data: Float32Array.from(m.userB) },
        itemFactors: { shape: [m.itemB.length, m.k], data: Float32Array.from(m.itemF) },
        itemBias: { shape: [m.itemB.length], data: Float32Array.from(m.itemB) },
        scalars: { shape: [1], data: Float32Array.of(m.mu) },
      },
    };
  }

  importState(state: ModelState): void {
    const t = state.tensors;
    for (const name of ['userFactors', 'userBias', 'itemFactors', 'itemBias', 'scalars'])
      if (!t[name]) throw new Error(`mf-ips: the state lacks ${name}`);
    this.params = {
      k: t.itemFactors.shape[1],
      mu: t.scalars.data[0],
      userF: Float64Array.from(t.userFactors.data),
      userB: Float64Array.from(t.userBias.data),
      itemF: Float64Array.from(t.itemFactors.data),
      itemB: Float64Array.from(t.itemBias.data),
    };
  }

  async itemVectors(): Promise<ItemVectors> {
    if (!this.params) throw new Error('mf-ips: not fitted');
    return { data: Float32Array.from(this.params.itemF), dim: this.params.k };
  }
}
