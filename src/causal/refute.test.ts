import { describe, expect, it } from 'vitest';
import { createRng, type Rng } from '../lib/rng';
import { mean } from '../lib/stats';
import { dataSubset, placebo, randomCommonCause, refuteAll, type Refutation, type RefuteOptions } from './refute';
import { pointEstimates, type EffectData } from './estimate';

function simulate(n: number, seed: number, effect: number): EffectData {
  const rng = createRng(seed);
  const z = new Float64Array(n),
    t = new Float64Array(n),
    y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    z[i] = rng.normal();
    t[i] = rng.next() < 1 / (1 + Math.exp(-z[i])) ? 1 : 0;
    y[i] = effect * t[i] + z[i] + rng.normal();
  }
  return { treatment: t, outcome: y, covariates: [z] };
}

type Refuter = (data: EffectData, original: number, o: RefuteOptions, rng: Rng) => Refutation;
type Name = Refutation['name'];
const NAMES: Name[] = ['placebo', 'randomCommonCause', 'dataSubset'];

/** For each refuter, an estimator it exists to catch: on it the refutation must fail. */
const MUST_FAIL: Record<Name, { why: string; estimator: (d: EffectData) => number }> = {
  placebo: { why: 'an estimator that ignores the treatment (the mean outcome)', estimator: (d) => mean(d.outcome) },
  randomCommonCause: { why: 'an estimator that moves with every covariate added', estimator: (d) => d.covariates.length },
  dataSubset: { why: 'an estimator that grows with the sample size', estimator: (d) => d.treatment.length / 100 },
};

/**
 * The refuters' contract, as a list of violations: each must pass a real effect estimated by AIPW and fail the
 * broken estimator it is meant to catch. Rngs are forked as refuteAll forks them.
 */
function violations(refuters: Record<Name, Refuter>): string[] {
  const data = simulate(1500, 9, 1);
  const real = pointEstimates(data).aipw;
  const found: string[] = [];
  const realRng = createRng(1),
    brokenRng = createRng(1);
  for (const name of NAMES) {
    const ok = refuters[name](data, real, { runs: 10, standardError: 0.06 }, realRng.fork());
    if (!ok.passed) found.push(`${name} fails a real effect: ${ok.note}`);
    const { why, estimator } = MUST_FAIL[name];
    const broken = refuters[name](data, estimator(data), { runs: 10, standardError: 0.06, estimator }, brokenRng.fork());
    if (broken.passed) found.push(`${name} passes ${why}`);
  }
  return found;
}

describe('refuters', () => {
  it('a real effect survives all three refutations', () => {
    const data = simulate(1500, 9, 1);
    const est = pointEstimates(data).aipw;
    const out = refuteAll(data, est, { seed: 1, runs: 10, standardError: 0.06 });
    expect(out.map((r) => r.name)).toEqual(['placebo', 'randomCommonCause', 'dataSubset']);
    for (const r of out) expect(r.passed, `${r.name}: ${r.note}`).toBe(true);
    expect(Math.abs(out[0].newEffect)).toBeLessThan(0.1);
    expect(out[0].pValue).toBeLessThan(0.1);
    // No placebo run of 10 reaches a real effect this strong: the p-value is the floor 1/11, said as a bound.
    expect(out[0].pValue).toBeCloseTo(1 / 11, 12);
    expect(out[0].note).toBe(
      'placebo effects centre on 0; none of the 10 runs reached the real estimate (p ≤ 0.091, the least 10 runs can show)',
    );
    // An estimate inside the placebo spread is reached by some runs, and the note counts them.
    const weak = placebo(data, out[0].newEffect, { runs: 10, standardError: 0.06 }, createRng(1));
    expect(weak.note).toMatch(/^placebo effects centre on 0; ([1-9]|10) of the 10 runs reached the real estimate \(p = 0\.\d{3}\)$/);
  });

  it('the placebo is a negative control: its CI (mean ± 1.96 sd) covers 0 for AIPW and excludes 0 for an estimator that ignores the treatment', () => {
    const data = simulate(1500, 9, 1);
    const real = placebo(data, pointEstimates(data).aipw, { runs: 10, standardError: 0.06 }, createRng(3));
    expect(real.ci95![0]).toBeLessThanOrEqual(0);
    expect(real.ci95![1]).toBeGreaterThanOrEqual(0);
    expect(real.ci95![1] - real.ci95![0]).toBeCloseTo(2 * 1.96 * real.sd, 9);
    expect(real.passed).toBe(true);
    // The mean outcome does not change when the treatment is permuted: every placebo run "finds" the same non-zero effect.
    const outcomeMean = mean(data.outcome);
    const broken = placebo(data, outcomeMean, { runs: 10, standardError: 0.06, estimator: (d) => mean(d.outcome) }, createRng(3));
    expect(broken.newEffect).toBeCloseTo(outcomeMean, 12);
    expect(broken.ci95![0]).toBeGreaterThan(0);
    expect(broken.passed).toBe(false);
  });

  it('each refuter passes a real effect and fails the broken estimator it exists to catch', () => {
    expect(violations({ placebo, randomCommonCause, dataSubset })).toEqual([]);
  });

  it('negative control: a refuter that always passes is caught by the contract', () => {
    const alwaysPasses =
      (name: Name): Refuter =>
      (_d, original, o) => ({
        name,
        originalEffect: original,
        newEffect: original,
        sd: 0,
        runs: o.runs ?? 20,
        passed: true,
        note: 'stub',
      });
    const stubs = Object.fromEntries(NAMES.map((n) => [n, alwaysPasses(n)])) as Record<Name, Refuter>;
    expect(violations(stubs)).toEqual(NAMES.map((n) => `${n} passes ${MUST_FAIL[n].why}`));
    // One stub among real refuters is enough to be caught.
    expect(violations({ placebo, randomCommonCause, dataSubset: alwaysPasses('dataSubset') })).toEqual([
      `dataSubset passes ${MUST_FAIL.dataSubset.why}`,
    ]);
  });
});
