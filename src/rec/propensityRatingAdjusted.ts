// A user–item propensity (the authors' table, logistic on features, popularity × activity) adjusted by the rating level
// with a small random (MCAR) sample, for self-selection on the rating itself (people rate what they like), which a
// user–item model cannot see. Two ways:
// - naive Bayes over both, as Schnabel et al. 2016 (§6.2) do for the rating alone: p_base × P(r | rated) / P(r). When
//   the base model already carries part of the rating's selection (its features correlate with liking), this counts
//   that part twice.
// - calibration (raking on the rating level): p_base × H_w(r) / P(r), where H_w is the histogram of the observed
//   ratings weighted by 1/p_base. The 1/p weights then reproduce the random sample's rating histogram exactly, and
//   within a rating level the base model's weights are kept.
import { fail, ok, type Result } from '../lib/result';
import { ratingLevelRatio, type PropensityModel, type PropensitySource } from './propensity';
import type { RatingData } from './ratings';

export const RATING_ADJUSTMENTS = ['calibrate', 'naive-bayes'] as const;
export type RatingAdjustment = (typeof RATING_ADJUSTMENTS)[number];

const USER_ITEM_SOURCES = ['pop', 'logistic', 'exposure', 'file'] as const;
const isUserItem = (s: PropensitySource): s is (typeof USER_ITEM_SOURCES)[number] => (USER_ITEM_SOURCES as readonly string[]).includes(s);

/**
 * naive-bayes: p(u, i, r) = p_base(u, i) · P(Y=r | O=1) / P(Y=r). With the pair's features and its rating independent
 * given O, the odds of O=1 are odds_base(u, i) · P(Y=r | O=1) / P(Y=r | O=0); when few pairs are observed, odds ≈
 * probability and P(Y=r | O=0) ≈ P(Y=r), the MCAR sample's histogram.
 * calibrate: p(u, i, r) = p_base(u, i) · H_w(r) / P(Y=r), H_w(r) the share of Σ 1/p_base (clipped at `clip`) on rating r.
 * Both histograms are smoothed by one observation per level (an average weight for H_w). `d` are the observed ratings
 * the base model was estimated on.
 */
export function ratingAdjustedPropensity(
  base: PropensityModel,
  d: RatingData,
  mcarRatings: ArrayLike<number>,
  how: RatingAdjustment,
  clip: number,
): Result<PropensityModel> {
  const from = base.source;
  // Naive Bayes already conditions on the rating: adjusting it again would count the rating twice.
  if (!isUserItem(from))
    return fail(`${from} propensities already depend on the rating; the rating adjustment applies to a user–item model`);
  if (how === 'naive-bayes') {
    const ratio = ratingLevelRatio(d.rating, mcarRatings);
    if (!ratio.ok) return ratio;
    return ok({ source: `${from} × rating`, p: (u, i, r) => base.p(u, i, r) * ratio.data(r) });
  }
  if (mcarRatings.length === 0) return fail('the rating calibration needs a non-empty random (MCAR) sample of ratings');
  const weighted = new Map<number, number>();
  const sample = new Map<number, number>();
  let total = 0;
  for (let r = 0; r < d.rating.length; r++) {
    const raw = base.p(d.user[r], d.item[r], d.rating[r]);
    if (!Number.isFinite(raw)) return fail(`no ${from} propensity for observed pair (${d.user[r]}, ${d.item[r]})`);
    const w = 1 / Math.min(1, Math.max(clip, raw));
    const level = Math.round(d.rating[r]);
    weighted.set(level, (weighted.get(level) ?? 0) + w);
    total += w;
  }
  for (let k = 0; k < mcarRatings.length; k++) sample.set(Math.round(mcarRatings[k]), (sample.get(Math.round(mcarRatings[k])) ?? 0) + 1);
  const levels = new Set([...weighted.keys(), ...sample.keys()]);
  const mean = total / d.rating.length;
  const factor = new Map<number, number>();
  for (const k of levels) {
    const hw = ((weighted.get(k) ?? 0) + mean) / (total + levels.size * mean);
    const pk = ((sample.get(k) ?? 0) + 1) / (mcarRatings.length + levels.size);
    factor.set(k, hw / pk);
  }
  return ok({ source: `${from} calibrated on rating`, p: (u, i, r) => base.p(u, i, r) * (factor.get(Math.round(r)) ?? NaN) });
}
