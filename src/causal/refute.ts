// DoWhy-style refutations of an effect estimate: placebo treatment, random common cause, data subsets.
/*
 * Each refuter re-runs the AIPW point estimate on altered data and reports the numbers next to a pass/fail rule:
 * - placebo (a negative control): permuted treatment breaks any causal link, so it must FAIL to show an effect — the
 *   placebo effect's 95% CI, mean ± 1.96 · sd of the placebo estimates (their spread is one placebo estimate's
 *   standard error), must cover 0 — and the real estimate should stand out from them (permutation p-value). The CI
 *   of the mean (sd / √runs) would not do: it narrows with more runs until any tiny finite-sample offset "fails",
 *   about 1 run in 20 on the demo's correct analysis.
 * - random common cause: an extra N(0, 1) covariate is no confounder, so the estimate may move by < ½ SE.
 * - data subset: random 80% subsets estimate the same quantity, so their mean stays within 1 SE of the original.
 * SE is the original estimate's bootstrap standard error ((hi − lo) / 3.92 of the 95% interval).
 */
import { createRng, type Rng } from '../lib/rng';
import { pointEstimates, resample, type EffectData } from './estimate';
import { mean, std } from '../lib/stats';

export interface Refutation {
  name: 'placebo' | 'randomCommonCause' | 'dataSubset';
  originalEffect: number;
  /** Mean of the refuter's estimates, and their spread. */
  newEffect: number;
  sd: number;
  runs: number;
  passed: boolean;
  /** For the placebo: share of placebo estimates at least as large in size as the original. */
  pValue?: number;
  /** For the placebo: the placebo effect's 95% CI (mean ± 1.96 sd of the placebo estimates); passes when it covers 0. */
  ci95?: [number, number];
  note: string;
}

export interface RefuteOptions {
  seed?: number;
  runs?: number;
  trim?: number;
  /** Standard error of the original estimate (from its bootstrap interval). */
  standardError: number;
  /** The estimator under test (AIPW by default); the refuters' own tests swap in broken ones they must catch. */
  estimator?: (d: EffectData, trim: number) => number;
}

const aipw = (d: EffectData, trim: number) => pointEstimates(d, trim).aipw;

export function refuteAll(data: EffectData, original: number, options: RefuteOptions): Refutation[] {
  const rng = createRng(options.seed ?? 0);
  return [
    placebo(data, original, options, rng.fork()),
    randomCommonCause(data, original, options, rng.fork()),
    dataSubset(data, original, options, rng.fork()),
  ];
}

export function placebo(data: EffectData, original: number, o: RefuteOptions, rng: Rng): Refutation {
  const runs = o.runs ?? 20;
  const xs: number[] = [];
  for (let k = 0; k < runs; k++)
    xs.push((o.estimator ?? aipw)({ ...data, treatment: Float64Array.from(rng.shuffle(Array.from(data.treatment))) }, o.trim ?? 0.01));
  const m = mean(xs),
    sd = std(xs);
  // A permutation p-value: its floor is 1 / (runs + 1), so with no run reaching the estimate it is a bound, not a value.
  const reached = xs.filter((x) => Math.abs(x) >= Math.abs(original)).length;
  const pValue = (reached + 1) / (runs + 1);
  const half = 1.96 * sd + 1e-12;
  const ci95: [number, number] = [m - half, m + half];
  const passed = ci95[0] <= 0 && 0 <= ci95[1];
  return {
    name: 'placebo',
    originalEffect: original,
    newEffect: m,
    sd,
    runs,
    passed,
    pValue,
    ci95,
    note: passed
      ? reached === 0
        ? `placebo effects centre on 0; none of the ${runs} runs reached the real estimate (p ≤ ${pValue.toFixed(3)}, the least ${runs} runs can show)`
        : `placebo effects centre on 0; ${reached} of the ${runs} runs reached the real estimate (p = ${pValue.toFixed(3)})`
      : 'a permuted treatment still shows an effect: the estimator picks up something other than the treatment',
  };
}

export function randomCommonCause(data: EffectData, original: number, o: RefuteOptions, rng: Rng): Refutation {
  const runs = o.runs ?? 20;
  const xs: number[] = [];
  for (let k = 0; k < runs; k++) {
    const noise = Float64Array.from(data.treatment, () => rng.normal());
    xs.push((o.estimator ?? aipw)({ ...data, covariates: [...data.covariates, noise] }, o.trim ?? 0.01));
  }
  const m = mean(xs);
  const passed = Math.abs(m - original) < 0.5 * o.standardError;
  return {
    name: 'randomCommonCause',
    originalEffect: original,
    newEffect: m,
    sd: std(xs),
    runs,
    passed,
    note: passed
      ? 'an irrelevant covariate leaves the estimate unchanged'
      : 'the estimate moves when an irrelevant covariate is added: the models are unstable',
  };
}

export function dataSubset(data: EffectData, original: number, o: RefuteOptions, rng: Rng): Refutation {
  const runs = o.runs ?? 20;
  const n = data.treatment.length;
  const keep = Math.floor(0.8 * n);
  const xs: number[] = [];
  for (let k = 0; k < runs; k++) {
    const rows = Uint32Array.from(rng.shuffle(Array.from({ length: n }, (_, i) => i)).slice(0, keep));
    xs.push((o.estimator ?? aipw)(resample(data, rows), o.trim ?? 0.01));
  }
  const finite = xs.filter(Number.isFinite);
  const m = mean(finite);
  const passed = finite.length === runs && Math.abs(m - original) < o.standardError;
  return {
    name: 'dataSubset',
    originalEffect: original,
    newEffect: m,
    sd: std(finite),
    runs,
    passed,
    note: passed ? '80% subsets give the same estimate' : 'estimates on 80% subsets drift from the full-data estimate',
  };
}
