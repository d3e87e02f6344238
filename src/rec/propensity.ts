// Propensities: the probability that a user–item pair is observed (rated, clicked, exposed), estimated from the log so
// that debiased learning and evaluation can weight each observation by 1/p. Models, clipping and the overlap check.
import { fail, ok, type Result } from '../lib/result';
import type { Range } from '../lib/ranges';
import { counts, type RatingData } from './ratings';

/** Where a propensity comes from; 'file' is a table supplied by the analyst (Coat ships the authors' own). */
export type PropensitySource =
  | 'pop'
  | 'logistic'
  | 'exposure'
  | 'naive-bayes'
  | 'file'
  | `${'pop' | 'logistic' | 'exposure' | 'file'} ${'× rating' | 'calibrated on rating'}`;

/** Unclipped P(observed) of a pair; models that condition on the rating (naive Bayes) read it, the others ignore it. */
export interface PropensityModel {
  readonly source: PropensitySource;
  p(u: number, i: number, rating: number): number;
}

/**
 * The lower clip keeps 1/p bounded (Schnabel et al. 2016 clip too): a pair the model thinks is almost never observed
 * would otherwise carry the whole estimate. Above 0.5 the weights would barely differ from naive ones.
 */
export const PROPENSITY_RANGES = {
  clip: { min: 1e-4, max: 0.5 },
} as const satisfies Record<string, Range>;
export const DEFAULT_CLIP = 0.01;

/** What the weights look like on the observed pairs: if a few pairs dominate, IPS estimates are noisy. */
export interface OverlapDiagnostic {
  pairs: number;
  clip: number;
  /** Share of observed pairs whose propensity was raised to the clip. */
  clippedShare: number;
  /** Unclipped propensities over the observed pairs. */
  min: number;
  max: number;
  /** Kish's effective sample size (Σw)²/Σw² of the clipped weights w = 1/p, and its share of `pairs`. */
  ess: number;
  essShare: number;
  /** Σ 1/p over the observed pairs: close to users × items when the propensities are calibrated. */
  sumWeights: number;
}

/** Clipped propensity of every observed pair (in RatingData order) and the overlap diagnostic of those weights. */
export function observedPropensities(
  model: PropensityModel,
  d: RatingData,
  clip: number,
): { p: Float64Array; diagnostic: OverlapDiagnostic } {
  const p = new Float64Array(d.user.length);
  let clipped = 0;
  let min = Infinity;
  let max = -Infinity;
  let sw = 0;
  let sw2 = 0;
  for (let r = 0; r < p.length; r++) {
    const raw = model.p(d.user[r], d.item[r], d.rating[r]);
    if (!Number.isFinite(raw)) throw new Error(`no ${model.source} propensity for observed pair (${d.user[r]}, ${d.item[r]})`);
    min = Math.min(min, raw);
    max = Math.max(max, raw);
    if (raw < clip) clipped++;
    p[r] = Math.min(1, Math.max(clip, raw));
    sw += 1 / p[r];
    sw2 += 1 / (p[r] * p[r]);
  }
  const ess = sw2 > 0 ? (sw * sw) / sw2 : 0;
  return {
    p,
    diagnostic: {
      pairs: p.length,
      clip,
      clippedShare: p.length ? clipped / p.length : 0,
      min,
      max,
      ess,
      essShare: p.length ? ess / p.length : 0,
      sumWeights: sw,
    },
  };
}

/**
 * Popularity × activity: if each observation lands on user u and item i independently, the expected number of
 * observations of (u, i) is n_u·n_i/N, read as a probability (capped at 1 by the clip).
 */
export function popularityPropensity(d: RatingData): PropensityModel {
  const { perUser, perItem } = counts(d);
  const n = d.user.length;
  return { source: 'pop', p: (u, i) => (perUser[u] * perItem[i]) / n };
}

/**
 * From exposure events (what the system showed): q_i is item i's share of all exposures and m_u the number of
 * exposures user u had; the chance that i is among u's m_u exposures, drawing independently, is 1 − (1 − q_i)^m_u.
 */
export function exposurePropensity(exposuresPerUser: ArrayLike<number>, exposuresPerItem: ArrayLike<number>): Result<PropensityModel> {
  let total = 0;
  for (let i = 0; i < exposuresPerItem.length; i++) total += exposuresPerItem[i];
  if (total === 0) return fail('the log has no exposure events: choose --propensity pop, logistic or a file');
  return ok({ source: 'exposure', p: (u, i) => 1 - Math.pow(1 - exposuresPerItem[i] / total, exposuresPerUser[u]) });
}

/**
 * The rating level's likelihood ratio P(Y=r | O=1) / P(Y=r): P(Y=r | O=1) from the observed ratings, P(Y=r) from a
 * missing-completely-at-random sample. Levels are the values rounded to integers; each histogram is add-one smoothed
 * so a level absent from the small sample does not divide by zero. NaN for a level neither histogram has.
 */
export function ratingLevelRatio(observed: ArrayLike<number>, mcarRatings: ArrayLike<number>): Result<(rating: number) => number> {
  if (mcarRatings.length === 0) return fail('naive Bayes propensities need a non-empty random (MCAR) sample of ratings');
  const levels = new Map<number, { obs: number; mcar: number }>();
  const level = (r: number) => {
    const k = Math.round(r);
    if (!levels.has(k)) levels.set(k, { obs: 0, mcar: 0 });
    return levels.get(k)!;
  };
  for (let k = 0; k < observed.length; k++) level(observed[k]).obs++;
  for (let k = 0; k < mcarRatings.length; k++) level(mcarRatings[k]).mcar++;
  const nLevels = levels.size;
  const table = new Map<number, number>();
  for (const [k, c] of levels) table.set(k, (c.obs + 1) / (observed.length + nLevels) / ((c.mcar + 1) / (mcarRatings.length + nLevels)));
  return ok((r) => table.get(Math.round(r)) ?? NaN);
}

/**
 * Naive Bayes with a small missing-completely-at-random sample (Schnabel et al. 2016, §6.2):
 * P(O=1 | Y=r) = P(Y=r | O=1) · P(O=1) / P(Y=r) (`ratingLevelRatio`), with P(O=1) = observed / (users × items).
 */
export function naiveBayesPropensity(d: RatingData, mcarRatings: ArrayLike<number>): Result<PropensityModel> {
  const ratio = ratingLevelRatio(d.rating, mcarRatings);
  if (!ratio.ok) return ratio;
  const pObserved = d.user.length / (d.numUsers * d.numItems);
  return ok({ source: 'naive-bayes', p: (_u, _i, r) => ratio.data(r) * pObserved });
}

/** A supplied table of (user index, item index, propensity); pairs it lacks have no propensity (NaN). */
export function tablePropensity(numItems: number, entries: Iterable<readonly [number, number, number]>): PropensityModel {
  const table = new Map<number, number>();
  for (const [u, i, p] of entries) table.set(u * numItems + i, p);
  return { source: 'file', p: (u, i) => table.get(u * numItems + i) ?? NaN };
}
