import { describe, expect, it } from 'vitest';
import { createRng } from '../lib/rng';
import { refuteAll } from './refute';
import { pointEstimates, type EffectData } from './estimate';

function simulate(n: number, seed: number, effect: number): EffectData {
  const rng = createRng(seed);
  const z = new Float64Array(n), t = new Float64Array(n), y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    z[i] = rng.normal();
    t[i] = rng.next() < 1 / (1 + Math.exp(-z[i])) ? 1 : 0;
    y[i] = effect * t[i] + z[i] + rng.normal();
  }
  return { treatment: t, outcome: y, covariates: [z] };
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
  });
});
