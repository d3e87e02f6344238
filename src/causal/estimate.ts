// Average treatment effect of a binary treatment: every registered estimator (estimators/), with bootstrap CIs.
import { resampler } from '../lib/bootstrap';
import { fail, ok, type Result } from '../lib/result';
import { quantile } from '../lib/stats';
import { aipwArms } from './estimators/aipw';
import { ESTIMATOR_KEYS, ESTIMATORS, type EstimatorKey } from './estimators';
import { fitNuisance, type EffectData, type Overlap } from './estimators/nuisance';

export type { EffectData, Overlap };

export interface Interval {
  ate: number;
  ci95: [number, number];
}

/** One interval per registered estimator, then the diagnostics. */
export type EffectEstimates = Record<EstimatorKey, Interval> & {
  overlap: Overlap;
  /** Intervention what-if (AIPW): expected outcome if everyone were set to treatment 0 / 1. */
  whatIf: { control: Interval; treated: Interval };
  bootstrap: number;
};

export interface EstimateOptions {
  /** Propensity trimming bound; units outside [trim, 1 − trim] leave IPW and AIPW. */
  trim?: number;
  bootstrap?: number;
  seed?: number;
}

export type PointEstimates = Record<EstimatorKey, number> & {
  meanTreated: number;
  meanControl: number;
  overlap: Overlap;
};

export function checkEffectData(data: EffectData): Result<true> {
  const n = data.treatment.length;
  if (data.outcome.length !== n || data.covariates.some((c) => c.length !== n))
    return fail('treatment, outcome and covariates differ in length');
  let treated = 0;
  for (let i = 0; i < n; i++) {
    const t = data.treatment[i];
    if (t !== 0 && t !== 1) return fail(`the treatment must be binary 0/1; row ${i + 1} has ${t}`);
    treated += t;
  }
  if (treated < 2 || n - treated < 2) return fail(`both arms need at least two rows (${treated} treated, ${n - treated} untreated)`);
  return ok(true);
}

/** Every estimate on one sample (no intervals). */
export function pointEstimates(data: EffectData, trim = 0.01): PointEstimates {
  const f = fitNuisance(data, trim);
  const values = Object.fromEntries(ESTIMATOR_KEYS.map((k) => [k, ESTIMATORS[k].estimate(f)])) as Record<EstimatorKey, number>;
  const arms = aipwArms(f);
  return { ...values, meanTreated: arms.treated, meanControl: arms.control, overlap: f.overlap };
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
  type Drawn = EstimatorKey | 'treated' | 'control';
  const draws = Object.fromEntries([...ESTIMATOR_KEYS, 'treated', 'control'].map((k) => [k, [] as number[]])) as Record<Drawn, number[]>;
  for (let b = 0, tries = 0; b < B && tries < 3 * B; tries++) {
    const sample = resample(data, draw());
    if (!checkEffectData(sample).ok) continue;
    const p = pointEstimates(sample, trim);
    if (!ESTIMATOR_KEYS.every((k) => Number.isFinite(p[k]))) continue;
    for (const k of ESTIMATOR_KEYS) draws[k].push(p[k]);
    draws.treated.push(p.meanTreated);
    draws.control.push(p.meanControl);
    b++;
  }
  const ci = (ate: number, xs: number[]): Interval => ({ ate, ci95: xs.length ? [quantile(xs, 0.025), quantile(xs, 0.975)] : [NaN, NaN] });
  return ok({
    ...(Object.fromEntries(ESTIMATOR_KEYS.map((k) => [k, ci(point[k], draws[k])])) as Record<EstimatorKey, Interval>),
    overlap: point.overlap,
    whatIf: { control: ci(point.meanControl, draws.control), treated: ci(point.meanTreated, draws.treated) },
    bootstrap: draws.aipw.length,
  });
}
