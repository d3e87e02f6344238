// The T-learner recovers a planted uplift, its intervals cover it, and it refuses when an arm has no purchases.
import { describe, expect, it } from 'vitest';
import { createRng } from '../../lib/rng';
import { checkUpliftSettings, estimateUplift, fitTLearner } from './tLearner';
import type { UpliftPairs } from './upliftPairs';

const sig = (z: number) => 1 / (1 + Math.exp(-z));

/** Pairs with one informative feature x ∈ {0, 1}: P(buy | shown) = σ(−1 + 1.5x), P(buy | not shown) = σ(−2). */
function planted(n: number, seed: number): UpliftPairs {
  const rng = createRng(seed);
  const user = new Int32Array(n);
  const treated = new Uint8Array(n);
  const bought = new Uint8Array(n);
  const cols = [new Float64Array(n), new Float64Array(n), new Float64Array(n), new Float64Array(n)];
  for (let r = 0; r < n; r++) {
    user[r] = r >> 2;
    const x = rng.next() < 0.5 ? 1 : 0;
    treated[r] = rng.next() < 0.4 ? 1 : 0;
    const p = treated[r] ? sig(-1 + 1.5 * x) : sig(-2);
    bought[r] = rng.next() < p ? 1 : 0;
    cols[0][r] = x;
    // Noise features the model must learn to ignore.
    cols[1][r] = rng.normal();
    cols[2][r] = rng.normal();
    cols[3][r] = rng.normal();
  }
  return { user, item: new Int32Array(n), treated, bought, features: cols };
}

describe('fitTLearner', () => {
  it('recovers the planted uplift for both feature values, with intervals that cover it', () => {
    const fit = fitTLearner(planted(20_000, 3), { bootstrap: 40, seed: 1 });
    if (!fit.ok) throw new Error(fit.reason);
    for (const x of [0, 1]) {
      const truth = sig(-1 + 1.5 * x) - sig(-2);
      const est = estimateUplift(fit.data, [x, 0, 0, 0]);
      expect(Math.abs(est.tau - truth)).toBeLessThan(0.03);
      expect(est.lo).toBeLessThanOrEqual(truth);
      expect(est.hi).toBeGreaterThanOrEqual(truth);
      expect(est.hi - est.lo).toBeLessThan(0.1);
    }
    // The x = 1 pairs gain far more from being shown: 0.50 − 0.12 vs 0.27 − 0.12.
    expect(estimateUplift(fit.data, [1, 0, 0, 0]).tau).toBeGreaterThan(estimateUplift(fit.data, [0, 0, 0, 0]).tau + 0.15);
  });

  it('refuses an arm without purchases, saying how many there were', () => {
    const pairs = planted(400, 4);
    pairs.bought.fill(0);
    const fit = fitTLearner(pairs, { bootstrap: 0, seed: 1 });
    expect(fit.ok).toBe(false);
    if (!fit.ok) expect(fit.reason).toMatch(/too few purchases.*0 of \d+ shown pairs/);
  });

  it('range-checks its settings', () => {
    expect(checkUpliftSettings({ candidates: 0 }).ok).toBe(false);
    expect(checkUpliftSettings({ bootstrap: 1.5 }).ok).toBe(false);
    expect(checkUpliftSettings({ nope: 1 }).ok).toBe(false);
    const ok = checkUpliftSettings({ candidates: 20 });
    expect(ok.ok && ok.data).toEqual({ candidates: 20, bootstrap: 30, maxUsers: 20_000 });
  });
});
