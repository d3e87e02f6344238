import { describe, expect, it } from 'vitest';
import { loadDemo } from '../data/demo';
import { createRng } from '../lib/rng';
import { estimateEffect, type EffectData } from './estimate';
import { buildVariables } from './variables';
import { column } from './table';

/** Confounded binary treatment with a nonlinear propensity; true ATE = 2. */
function simulate(n: number, seed: number): EffectData {
  const rng = createRng(seed);
  const z = new Float64Array(n),
    t = new Float64Array(n),
    y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    z[i] = rng.normal();
    t[i] = rng.next() < 1 / (1 + Math.exp(-1.2 * z[i])) ? 1 : 0;
    y[i] = 2 * t[i] + 1.5 * z[i] + rng.normal();
  }
  return { treatment: t, outcome: y, covariates: [z] };
}

describe('effect estimators', () => {
  it('AIPW intervals cover the true effect on simulated data; the naive one does not', () => {
    // A 95% interval misses one dataset in twenty by design, so ask for 4 of 5 rather than all.
    let covered = 0;
    for (const seed of [1, 2, 3, 4, 5]) {
      const r = estimateEffect(simulate(1500, seed), { bootstrap: 100, seed });
      expect(r.ok).toBe(true);
      if (!r.ok) return;
      const { aipw, naive, regression, ipw } = r.data;
      if (aipw.ci95[0] < 2 && aipw.ci95[1] > 2) covered++;
      expect(naive.ci95[0]).toBeGreaterThan(2);
      expect(Math.abs(regression.ate - 2)).toBeLessThan(0.25);
      expect(Math.abs(ipw.ate - 2)).toBeLessThan(0.4);
    }
    expect(covered).toBeGreaterThanOrEqual(4);
  });

  it('refuses a non-binary treatment', () => {
    const d = simulate(100, 1);
    d.treatment[3] = 2;
    const r = estimateEffect(d);
    expect(!r.ok && r.reason).toMatch(/binary/);
  });

  it('on the demo, adjusting for sessions covers the computed ATE while the naive difference does not', () => {
    const { log, truth } = loadDemo({ users: 3000 });
    const built = buildVariables(log);
    expect(built.ok).toBe(true);
    if (!built.ok) return;
    const t = built.data.table;
    const r = estimateEffect(
      { treatment: column(t, 'exposed'), outcome: column(t, 'purchased'), covariates: [column(t, 'sessions')] },
      { bootstrap: 200, seed: 1 },
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const ate = truth.effects['exposed->purchased'].ate;
    const { aipw, naive } = r.data;
    expect(aipw.ci95[0]).toBeLessThan(ate);
    expect(aipw.ci95[1]).toBeGreaterThan(ate);
    expect(naive.ci95[0] > ate || naive.ci95[1] < ate).toBe(true);
  });
});
