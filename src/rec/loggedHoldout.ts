// Evaluation without a random test set (Schnabel et al. 2016): hold out a seeded share of each user's logged ratings,
// fit on the rest, and estimate the error the model would make on every user × item pair from the held-out ratings,
// which are self-selected like the rest — the naive average, and the IPS and SNIPS estimates under a propensity model.
import { bootstrapInterval } from '../lib/bootstrap';
import { createRng } from '../lib/rng';
import { ipsEstimate, snipsEstimate } from './unbiasedEval';
import { byUser, ratingData, type RatingData } from './ratings';

/** Share of each user's ratings held out: at most half, so the fit keeps most of every user. */
export const HOLDOUT_SHARE_RANGE = { min: 0.01, max: 0.5 } as const;

export interface LoggedHoldout {
  fit: RatingData;
  heldOut: RatingData;
  /** Per held-out rating, the chance its user's observed rating landed in the held-out part: h_u / n_u. */
  chance: Float64Array;
}

/**
 * A seeded round(share · n_u) of each user's ratings held out (users with one rating keep it in the fit). A rating
 * observed with propensity p is then in the held-out part with probability p · h_u / n_u, the weight IPS divides by.
 */
export function holdoutRatings(d: RatingData, share: number, seed: number): LoggedHoldout {
  if (!(share >= HOLDOUT_SHARE_RANGE.min && share <= HOLDOUT_SHARE_RANGE.max))
    throw new Error(`the held-out share must be in [${HOLDOUT_SHARE_RANGE.min}, ${HOLDOUT_SHARE_RANGE.max}] (got ${share})`);
  const rng = createRng(seed);
  const g = byUser(d);
  const fit: [number, number, number][] = [];
  const held: [number, number, number, number][] = [];
  for (let u = 0; u < d.numUsers; u++) {
    const rows = Array.from(g.order.subarray(g.offsets[u], g.offsets[u + 1]));
    const n = rows.length;
    const h = n > 1 ? Math.min(n - 1, Math.round(share * n)) : 0;
    const order = rng.shuffle(rows);
    order.forEach((r, k) => {
      if (k < h) held.push([u, d.item[r], d.rating[r], h / n]);
      else fit.push([u, d.item[r], d.rating[r]]);
    });
  }
  const heldOut = ratingData(
    d.numUsers,
    d.numItems,
    held.map(([u, i, r]) => [u, i, r]),
  );
  // ratingData keeps the triples' order (grouped by user here), so `chance` lines up with heldOut's rows.
  return { fit: ratingData(d.numUsers, d.numItems, fit), heldOut, chance: Float64Array.from(held, (t) => t[3]) };
}

export interface EstimateWithCi {
  value: number;
  ci95: [number, number];
}
export type LoggedEstimates = Record<'MSE' | 'MAE', Record<'naive' | 'ips' | 'snips', EstimateWithCi>>;

/**
 * Naive, IPS and SNIPS estimates of MSE and MAE from held-out logged ratings, with 95% percentile bootstrap CIs over
 * the users who have held-out ratings. `p` is each held-out rating's (clipped) propensity of being observed and
 * `chance` its chance of being held out once observed; IPS averages over those users × every item.
 */
export function heldOutEstimates(
  heldOut: RatingData,
  predict: (u: number, i: number) => number,
  p: ArrayLike<number>,
  chance: ArrayLike<number>,
  options: { seed?: number; samples?: number } = {},
): { users: number; ratings: number; estimates: LoggedEstimates } {
  const { seed = 0, samples = 1000 } = options;
  const g = byUser(heldOut);
  const users: number[] = [];
  for (let u = 0; u < heldOut.numUsers; u++) if (g.offsets[u + 1] > g.offsets[u]) users.push(u);
  const sq = new Float64Array(heldOut.user.length);
  const abs = new Float64Array(heldOut.user.length);
  const q = Float64Array.from(p, (x, r) => x * chance[r]);
  for (let r = 0; r < sq.length; r++) {
    const e = predict(heldOut.user[r], heldOut.item[r]) - heldOut.rating[r];
    sq[r] = e * e;
    abs[r] = Math.abs(e);
  }
  // The rows of the drawn users (a user drawn twice counts twice), then each estimator on them.
  const estimate = (errors: Float64Array, kind: 'naive' | 'ips' | 'snips', drawn: ArrayLike<number>): number => {
    const e: number[] = [];
    const w: number[] = [];
    for (let t = 0; t < drawn.length; t++) {
      const u = users[drawn[t]];
      for (let k = g.offsets[u]; k < g.offsets[u + 1]; k++) {
        e.push(errors[g.order[k]]);
        w.push(q[g.order[k]]);
      }
    }
    if (kind === 'naive') return e.length ? e.reduce((a, b) => a + b, 0) / e.length : NaN;
    return kind === 'ips' ? ipsEstimate(e, w, drawn.length * heldOut.numItems) : snipsEstimate(e, w);
  };
  const all = Array.from(users, (_, t) => t);
  const estimates = {} as LoggedEstimates;
  (['MSE', 'MAE'] as const).forEach((metric, m) => {
    const errors = metric === 'MSE' ? sq : abs;
    estimates[metric] = {} as LoggedEstimates['MSE'];
    (['naive', 'ips', 'snips'] as const).forEach((kind, k) => {
      estimates[metric][kind] = {
        value: estimate(errors, kind, all),
        ci95: bootstrapInterval(users.length, seed + 3 * m + k, samples, (rows) => estimate(errors, kind, rows)),
      };
    });
  });
  return { users: users.length, ratings: heldOut.user.length, estimates };
}
