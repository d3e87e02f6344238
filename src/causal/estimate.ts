// Average treatment effect of a binary treatment: naive, regression adjustment, IPW and AIPW, with bootstrap CIs.
/*
 * Models (why these): the outcome model is OLS on [T, Z, T·(Z − z̄)] — separate slopes per arm, so the ATE is the
 * mean of μ1(z) − μ0(z) and not just a common shift; the propensity model is logistic on Z. AIPW combines both and is
 * consistent when either is right. Units whose propensity falls outside [trim, 1 − trim] are dropped from IPW and
 * AIPW (Crump et al. 2009), and the share dropped is reported: extreme weights otherwise dominate the estimate.
 */
import { resampler } from '../lib/bootstrap';
import { fail, ok, type Result } from '../lib/result';
import { logistic, ols, predictLogistic } from './glm';
import { quantile } from '../lib/stats';

export interface EffectData {
  treatment: Float64Array;
  outcome: Float64Array;
  /** The adjustment set's columns. */
  covariates: readonly Float64Array[];
}

export interface Interval {
  ate: number;
  ci95: [number, number];
}

export interface Overlap {
  /** Propensity range among the treated and the untreated. */
  treated: { min: number; max: number; n: number };
  control: { min: number; max: number; n: number };
  trimmedShare: number;
  trim: [number, number];
}

export interface EffectEstimates {
  naive: Interval;
  regression: Interval;
  ipw: Interval;
  aipw: Interval;
  overlap: Overlap;
  /** Intervention what-if (AIPW): expected outcome if everyone were set to treatment 0 / 1. */
  whatIf: { control: Interval; treated: Interval };
  bootstrap: number;
}

export interface EstimateOptions {
  /** Propensity trimming bound; units outside [trim, 1 − trim] leave IPW and AIPW. */
  trim?: number;
  bootstrap?: number;
  seed?: number;
}

export interface PointEstimates {
  naive: number;
  regression: number;
  ipw: number;
  aipw: number;
  meanTreated: number;
  meanControl: number;
  overlap: Overlap;
}

export function checkEffectData(data: EffectData): Result<true> {
  const n = data.treatment.length;
  if (data.outcome.length !== n || data.covariates.some((c) => c.length !== n)) return fail('treatment, outcome and covariates differ in length');
  let treated = 0;
  for (let i = 0; i < n; i++) {
    const t = data.treatment[i];
    if (t !== 0 && t !== 1) return fail(`the treatment must be binary 0/1; row ${i + 1} has ${t}`);
    treated += t;
  }
  if (treated < 2 || n - treated < 2) return fail(`both arms need at least two rows (${treated} treated, ${n - treated} untreated)`);
  return ok(true);
}

/** All four estimates on one sample (no intervals). */
export function pointEstimates(data: EffectData, trim = 0.01): PointEstimates {
  const { treatment: t, outcome: y, covariates: z } = data;
  const n = t.length;
  const sums = [0, 0], counts = [0, 0];
  for (let i = 0; i < n; i++) {
    sums[t[i]] += y[i];
    counts[t[i]]++;
  }
  const naive = sums[1] / counts[1] - sums[0] / counts[0];

  const zMeans = z.map((c) => c.reduce((s, v) => s + v, 0) / n);
  const inter = z.map((c, k) => t.map((ti, i) => ti * (c[i] - zMeans[k])));
  const beta = ols([t, ...z, ...inter], y);
  // μ_a(z) for a ∈ {0,1}: the fitted line with T = a (the interaction term scales with a too).
  const mu = (a: number, i: number) => {
    let s = beta[0] + beta[1] * a;
    for (let k = 0; k < z.length; k++) s += beta[2 + k] * z[k][i] + a * beta[2 + z.length + k] * (z[k][i] - zMeans[k]);
    return s;
  };
  let regression = 0;
  for (let i = 0; i < n; i++) regression += mu(1, i) - mu(0, i);
  regression /= n;

  const gamma = z.length ? logistic(z, t) : null;
  const share = counts[1] / n;
  const e = new Float64Array(n);
  for (let i = 0; i < n; i++) e[i] = gamma ? predictLogistic(gamma, z, i) : share;
  const overlap = overlapOf(t, e, trim);
  let w1 = 0, w0 = 0, s1 = 0, s0 = 0, a1 = 0, a0 = 0, kept = 0;
  for (let i = 0; i < n; i++) {
    if (e[i] < trim || e[i] > 1 - trim) continue;
    kept++;
    const m1 = mu(1, i), m0 = mu(0, i);
    if (t[i] === 1) {
      w1 += 1 / e[i];
      s1 += y[i] / e[i];
    } else {
      w0 += 1 / (1 - e[i]);
      s0 += y[i] / (1 - e[i]);
    }
    a1 += m1 + (t[i] * (y[i] - m1)) / e[i];
    a0 += m0 + ((1 - t[i]) * (y[i] - m0)) / (1 - e[i]);
  }
  // Hájek (normalised) IPW: the weights per arm sum to one, so it stays within the outcome range.
  const ipw = w1 && w0 ? s1 / w1 - s0 / w0 : NaN;
  const meanTreated = kept ? a1 / kept : NaN, meanControl = kept ? a0 / kept : NaN;
  return { naive, regression, ipw, aipw: meanTreated - meanControl, meanTreated, meanControl, overlap };
}

function overlapOf(t: Float64Array, e: Float64Array, trim: number): Overlap {
  const arm = (a: number) => {
    let min = Infinity, max = -Infinity, n = 0;
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

export function resample(data: EffectData, rows: Uint32Array): EffectData {
  const pick = (c: Float64Array) => {
    const out = new Float64Array(rows.length);
    for (let i = 0; i < rows.length; i++) out[i] = c[rows[i]];
    return out;
  };
  return { treatment: pick(data.treatment), outcome: pick(data.outcome), covariates: data.covariates.map(pick) };
}

/** Point estimates plus percentile bootstrap 95% intervals (seeded; resamples missing an arm are redrawn). */
export function estimateEffect(data: EffectData, options: EstimateOptions = {}): Result<EffectEstimates> {
  const checked = checkEffectData(data);
  if (!checked.ok) return checked;
  const trim = options.trim ?? 0.01;
  const B = options.bootstrap ?? 200;
  const point = pointEstimates(data, trim);
  const draw = resampler(data.treatment.length, options.seed ?? 0);
  const draws: Record<'naive' | 'regression' | 'ipw' | 'aipw' | 'treated' | 'control', number[]> = { naive: [], regression: [], ipw: [], aipw: [], treated: [], control: [] };
  for (let b = 0, tries = 0; b < B && tries < 3 * B; tries++) {
    const sample = resample(data, draw());
    if (!checkEffectData(sample).ok) continue;
    const p = pointEstimates(sample, trim);
    if (![p.naive, p.regression, p.ipw, p.aipw].every(Number.isFinite)) continue;
    draws.naive.push(p.naive);
    draws.regression.push(p.regression);
    draws.ipw.push(p.ipw);
    draws.aipw.push(p.aipw);
    draws.treated.push(p.meanTreated);
    draws.control.push(p.meanControl);
    b++;
  }
  const ci = (ate: number, xs: number[]): Interval => ({ ate, ci95: xs.length ? [quantile(xs, 0.025), quantile(xs, 0.975)] : [NaN, NaN] });
  return ok({
    naive: ci(point.naive, draws.naive),
    regression: ci(point.regression, draws.regression),
    ipw: ci(point.ipw, draws.ipw),
    aipw: ci(point.aipw, draws.aipw),
    overlap: point.overlap,
    whatIf: { control: ci(point.meanControl, draws.control), treated: ci(point.meanTreated, draws.treated) },
    bootstrap: draws.aipw.length,
  });
}

