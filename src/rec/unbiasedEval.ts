// Scoring a model on an explicit test log (e.g. Coat's randomly assigned ratings): rating errors, per-user ranking of
// each user's test items, bootstrap CIs over users and paired differences; and Schnabel et al.'s (2016) IPS and SNIPS
// estimators for when the only test data is itself self-selected.
import { resampler } from '../lib/bootstrap';
import { byUser, type RatingData } from './ratings';

/** AUC counts a test rating at or above this as positive (on a 1–5 scale: 4 and 5 are liked). */
export const POSITIVE_RATING = 4;
export const NDCG_K = 5;
export const TEST_METRICS = ['MSE', 'MAE', 'AUC', `NDCG@${NDCG_K}`] as const;
export type TestMetric = (typeof TEST_METRICS)[number];

/** Per-user sums behind every metric, so the bootstrap and paired differences resample users, not ratings. */
export interface PerUserScores {
  users: Int32Array;
  n: Float64Array;
  sqErr: Float64Array;
  absErr: Float64Array;
  /** NaN for a user whose test items are all positive or all negative. */
  auc: Float64Array;
  ndcg: Float64Array;
}

export interface TestScores {
  metrics: Partial<Record<TestMetric, number>>;
  ci95: Partial<Record<TestMetric, [number, number]>>;
  users: number;
  ratings: number;
  /** Users whose AUC is defined (both a positive and a negative test item). */
  aucUsers: number;
  perUser: PerUserScores;
}

/**
 * AUC of one user: the share of (positive, negative) test-item pairs the scores order correctly, ties counting ½.
 * NaN without both kinds.
 */
export function userAuc(scores: ArrayLike<number>, ratings: ArrayLike<number>, positive = POSITIVE_RATING): number {
  let pairs = 0;
  let right = 0;
  for (let a = 0; a < ratings.length; a++) {
    if (ratings[a] < positive) continue;
    for (let b = 0; b < ratings.length; b++) {
      if (ratings[b] >= positive) continue;
      pairs++;
      right += scores[a] > scores[b] ? 1 : scores[a] === scores[b] ? 0.5 : 0;
    }
  }
  return pairs ? right / pairs : NaN;
}

/**
 * NDCG@k of one user's test items ranked by score (ties in test-file order), gain = the rating itself (linear, so a 5
 * is worth 5/4 of a 4), discount 1/log2(rank + 1), divided by the DCG of the items sorted by rating. 0 when all gains are 0.
 */
export function userNdcg(scores: ArrayLike<number>, ratings: ArrayLike<number>, k = NDCG_K): number {
  const idx = Array.from({ length: ratings.length }, (_, t) => t);
  const dcg = (order: number[]) => order.slice(0, k).reduce((s, t, rank) => s + ratings[t] / Math.log2(rank + 2), 0);
  const ideal = dcg([...idx].sort((a, b) => ratings[b] - ratings[a] || a - b));
  return ideal > 0 ? dcg([...idx].sort((a, b) => scores[b] - scores[a] || a - b)) / ideal : 0;
}

/** Per-user sums of a test log under `predict(u, i)` (a rating for explicit models, any score for ranking). */
export function perUserScores(test: RatingData, predict: (u: number, i: number) => number): PerUserScores {
  const g = byUser(test);
  const users: number[] = [];
  for (let u = 0; u < test.numUsers; u++) if (g.offsets[u + 1] > g.offsets[u]) users.push(u);
  const out: PerUserScores = {
    users: Int32Array.from(users),
    n: new Float64Array(users.length),
    sqErr: new Float64Array(users.length),
    absErr: new Float64Array(users.length),
    auc: new Float64Array(users.length),
    ndcg: new Float64Array(users.length),
  };
  users.forEach((u, x) => {
    const rows = g.order.subarray(g.offsets[u], g.offsets[u + 1]);
    const ratings = Array.from(rows, (r) => test.rating[r]);
    const scores = Array.from(rows, (r) => predict(u, test.item[r]));
    out.n[x] = rows.length;
    scores.forEach((s, t) => {
      out.sqErr[x] += (s - ratings[t]) ** 2;
      out.absErr[x] += Math.abs(s - ratings[t]);
    });
    out.auc[x] = userAuc(scores, ratings);
    out.ndcg[x] = userNdcg(scores, ratings);
  });
  return out;
}

/** A metric over a set of users (indices into PerUserScores, repeats allowed): rating errors pooled, the rest averaged. */
function metricOver(s: PerUserScores, metric: TestMetric, rows: ArrayLike<number>): number {
  let num = 0;
  let den = 0;
  for (let t = 0; t < rows.length; t++) {
    const x = rows[t];
    if (metric === 'MSE' || metric === 'MAE') {
      num += metric === 'MSE' ? s.sqErr[x] : s.absErr[x];
      den += s.n[x];
    } else {
      const v = metric === 'AUC' ? s.auc[x] : s.ndcg[x];
      if (Number.isNaN(v)) continue;
      num += v;
      den++;
    }
  }
  return den ? num / den : NaN;
}

const percentile = (xs: Float64Array, q: number) => xs[Math.min(xs.length - 1, Math.max(0, Math.round(q * (xs.length - 1))))];

/** Percentile bootstrap over users of `f(rows)` (the same seeded user draws wherever the seed is the same). */
function bootstrapUsers(n: number, seed: number, samples: number, f: (rows: Uint32Array) => number): [number, number] {
  const draw = resampler(n, seed, { reuse: true });
  const values = new Float64Array(samples);
  for (let b = 0; b < samples; b++) values[b] = f(draw());
  const finite = values.filter(Number.isFinite).sort();
  return finite.length ? [percentile(finite, 0.025), percentile(finite, 0.975)] : [NaN, NaN];
}

/**
 * MSE and MAE (when `explicit`: the model predicts ratings), per-user AUC and NDCG@5 with 95% bootstrap CIs over users.
 */
export function scoreTest(
  test: RatingData,
  predict: (u: number, i: number) => number,
  options: { explicit: boolean; seed?: number; samples?: number },
): TestScores {
  const { seed = 0, samples = 1000 } = options;
  const perUser = perUserScores(test, predict);
  const all = Uint32Array.from({ length: perUser.users.length }, (_, t) => t);
  const metrics: TestScores['metrics'] = {};
  const ci95: TestScores['ci95'] = {};
  TEST_METRICS.forEach((m, k) => {
    if (!options.explicit && (m === 'MSE' || m === 'MAE')) return;
    metrics[m] = metricOver(perUser, m, all);
    ci95[m] = bootstrapUsers(all.length, seed + k, samples, (rows) => metricOver(perUser, m, rows));
  });
  return {
    metrics,
    ci95,
    users: perUser.users.length,
    ratings: test.user.length,
    aucUsers: perUser.auc.filter((a) => !Number.isNaN(a)).length,
    perUser,
  };
}

/**
 * a − b on the same users, with a 95% CI from resampling users jointly (a paired bootstrap). Both must score the same
 * test log (same users in the same order).
 */
export function pairedDifference(
  a: PerUserScores,
  b: PerUserScores,
  metric: TestMetric,
  options: { seed?: number; samples?: number } = {},
): { difference: number; ci95: [number, number] } {
  if (a.users.length !== b.users.length || a.users.some((u, t) => b.users[t] !== u))
    throw new Error('a paired difference needs both models scored on the same test users');
  const all = Uint32Array.from({ length: a.users.length }, (_, t) => t);
  const diff = (rows: ArrayLike<number>) => metricOver(a, metric, rows) - metricOver(b, metric, rows);
  return { difference: diff(all), ci95: bootstrapUsers(all.length, options.seed ?? 0, options.samples ?? 1000, diff) };
}

/** Schnabel et al. 2016, eq. 5: Σ_obs δ/p over all users × items pairs. Unbiased when the propensities are right. */
export function ipsEstimate(errors: ArrayLike<number>, p: ArrayLike<number>, totalPairs: number): number {
  let s = 0;
  for (let r = 0; r < errors.length; r++) s += errors[r] / p[r];
  return s / totalPairs;
}

/** Self-normalised IPS (Swaminathan & Joachims 2015): Σ_obs δ/p / Σ_obs 1/p — biased but with far less variance. */
export function snipsEstimate(errors: ArrayLike<number>, p: ArrayLike<number>): number {
  let s = 0;
  let w = 0;
  for (let r = 0; r < errors.length; r++) {
    s += errors[r] / p[r];
    w += 1 / p[r];
  }
  return w ? s / w : NaN;
}

/**
 * Doubly robust (Wang et al. 2019, eq. 5): [Σ_all ê + Σ_obs (δ − ê)/p] / pairs. `imputedAll` is Σ of the imputed
 * errors over every pair; `imputedObs` the imputed errors of the observed pairs, aligned with `errors`. Unbiased when
 * either the propensities or the imputed errors are right.
 */
export function drEstimate(
  errors: ArrayLike<number>,
  imputedObs: ArrayLike<number>,
  p: ArrayLike<number>,
  imputedAll: number,
  totalPairs: number,
): number {
  let s = imputedAll;
  for (let r = 0; r < errors.length; r++) s += (errors[r] - imputedObs[r]) / p[r];
  return s / totalPairs;
}

/** IPS- and SNIPS-estimated MSE and MAE of a model from self-selected (logged) ratings with their propensities. */
export function loggedEstimates(
  logged: RatingData,
  predict: (u: number, i: number) => number,
  p: ArrayLike<number>,
): Record<'MSE' | 'MAE', { naive: number; ips: number; snips: number }> {
  const sq = new Float64Array(logged.user.length);
  const abs = new Float64Array(logged.user.length);
  for (let r = 0; r < sq.length; r++) {
    const e = predict(logged.user[r], logged.item[r]) - logged.rating[r];
    sq[r] = e * e;
    abs[r] = Math.abs(e);
  }
  const pairs = logged.numUsers * logged.numItems;
  const naive = (xs: Float64Array) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
  return {
    MSE: { naive: naive(sq), ips: ipsEstimate(sq, p, pairs), snips: snipsEstimate(sq, p) },
    MAE: { naive: naive(abs), ips: ipsEstimate(abs, p, pairs), snips: snipsEstimate(abs, p) },
  };
}

/** A model whose scores are ratings on the training scale (mf-explicit): only these get MSE and MAE. */
export interface RatingPredictor {
  predictRating(u: number, i: number): number;
}
export const predictsRatings = (m: object): m is RatingPredictor => typeof (m as Partial<RatingPredictor>).predictRating === 'function';

/** What each reported figure means, printed beside them. */
export const TEST_DEFINITIONS: Record<TestMetric | 'ci95', string> = {
  MSE: 'mean squared error over all test ratings (explicit models; predictions clamped to the training ratings’ range)',
  MAE: 'mean absolute error over all test ratings (explicit models)',
  AUC: `per user, the share of (rating ≥ ${POSITIVE_RATING}, rating < ${POSITIVE_RATING}) test-item pairs the scores order correctly (ties ½), averaged over users who have both`,
  [`NDCG@${NDCG_K}`]: `per user, the test items ranked by score, gain = rating, cut at ${NDCG_K}, over the ideal order; averaged over users`,
  ci95: '95% percentile bootstrap over users (1000 draws)',
} as Record<TestMetric | 'ci95', string>;
