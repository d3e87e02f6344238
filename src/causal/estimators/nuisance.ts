// The models every effect estimator reads: arm means, the outcome model μ_a(z) and the trimmed propensity e(z).
/*
 * Models (why these): the outcome model is OLS on [T, Z, T·(Z − z̄)] — separate slopes per arm, so the ATE is the
 * mean of μ1(z) − μ0(z) and not just a common shift; the propensity model is logistic on Z. Units whose propensity
 * falls outside [trim, 1 − trim] are dropped from the weighting estimators (Crump et al. 2009), and the share dropped
 * is reported: extreme weights otherwise dominate the estimate.
 */
import { logistic, ols, predictLogistic } from '../../lib/glm';

export interface EffectData {
  treatment: Float64Array;
  outcome: Float64Array;
  /** The adjustment set's columns. */
  covariates: readonly Float64Array[];
}

export interface Overlap {
  /** Propensity range among the treated and the untreated. */
  treated: { min: number; max: number; n: number };
  control: { min: number; max: number; n: number };
  trimmedShare: number;
  trim: [number, number];
}

export interface Nuisance {
  t: Float64Array;
  y: Float64Array;
  n: number;
  /** Outcome sums and row counts per arm (index = treatment value). */
  sums: [number, number];
  counts: [number, number];
  /** μ_a(z_i): the fitted outcome of row i with the treatment set to a. */
  mu: (a: number, i: number) => number;
  /** Propensity e(z_i). */
  e: Float64Array;
  /** Whether row i's propensity lies inside [trim, 1 − trim]. */
  kept: (i: number) => boolean;
  overlap: Overlap;
}

export function fitNuisance(data: EffectData, trim: number): Nuisance {
  const { treatment: t, outcome: y, covariates: z } = data;
  const n = t.length;
  const sums: [number, number] = [0, 0],
    counts: [number, number] = [0, 0];
  for (let i = 0; i < n; i++) {
    sums[t[i]] += y[i];
    counts[t[i]]++;
  }
  const zMeans = z.map((c) => c.reduce((s, v) => s + v, 0) / n);
  const inter = z.map((c, k) => t.map((ti, i) => ti * (c[i] - zMeans[k])));
  const beta = ols([t, ...z, ...inter], y);
  // μ_a(z) for a ∈ {0,1}: the fitted line with T = a (the interaction term scales with a too).
  const mu = (a: number, i: number) => {
    let s = beta[0] + beta[1] * a;
    for (let k = 0; k < z.length; k++) s += beta[2 + k] * z[k][i] + a * beta[2 + z.length + k] * (z[k][i] - zMeans[k]);
    return s;
  };
  const gamma = z.length ? logistic(z, t) : null;
  const share = counts[1] / n;
  const e = new Float64Array(n);
  for (let i = 0; i < n; i++) e[i] = gamma ? predictLogistic(gamma, z, i) : share;
  const kept = (i: number) => !(e[i] < trim || e[i] > 1 - trim);
  return { t, y, n, sums, counts, mu, e, kept, overlap: overlapOf(t, e, trim) };
}

function overlapOf(t: Float64Array, e: Float64Array, trim: number): Overlap {
  const arm = (a: number) => {
    let min = Infinity,
      max = -Infinity,
      n = 0;
    for (let i = 0; i < t.length; i++) {
      if (t[i] !== a) continue;
      min = Math.min(min, e[i]);
      max = Math.max(max, e[i]);
      n++;
    }
    return { min, max, n };
  };
  let trimmed = 0;
  for (let i = 0; i < e.length; i++) if (e[i] < trim || e[i] > 1 - trim) trimmed++;
  return { treated: arm(1), control: arm(0), trimmedShare: trimmed / e.length, trim: [trim, 1 - trim] };
}
