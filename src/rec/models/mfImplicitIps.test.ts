import { describe, expect, it } from 'vitest';
import { createRng } from '../../lib/rng';
import { tablePropensity } from '../propensity';
import { ratingData } from '../ratings';
import { userAuc } from '../unbiasedEval';
import { clickedPairs, MfImplicitIpsRecommender, relevanceTargets, type ImplicitDebiasMode } from './mfImplicitIps';

/**
 * Clicks = exposure × relevance. Relevance comes from 2 latent factors; exposure favours 10 "promoted" items
 * while being less relevant on average, so naive MF learns promotion, not taste. The exposure propensities are known.
 */
function world(seed: number) {
  const rng = createRng(seed);
  const U = 300;
  const I = 60;
  const uf = Array.from({ length: U * 2 }, () => rng.normal());
  const vf = Array.from({ length: I * 2 }, () => rng.normal());
  const relevant = new Uint8Array(U * I);
  const clicks: [number, number, number][] = [];
  const props: [number, number, number][] = [];
  for (let u = 0; u < U; u++)
    for (let i = 0; i < I; i++) {
      const z = uf[2 * u] * vf[2 * i] + uf[2 * u + 1] * vf[2 * i + 1] - (i < 10 ? 1 : 0);
      relevant[u * I + i] = rng.next() < 1 / (1 + Math.exp(-2 * z)) ? 1 : 0;
      const theta = i < 10 ? 0.9 : 0.2;
      props.push([u, i, theta]);
      if (relevant[u * I + i] && rng.next() < theta) clicks.push([u, i, 1]);
    }
  return { U, I, relevant, clicks: ratingData(U, I, clicks), propensity: tablePropensity(I, props) };
}

/** Mean per-user AUC of the scores against true relevance over every item. */
function relevanceAuc(m: MfImplicitIpsRecommender, w: ReturnType<typeof world>): number {
  const s = m.scoreUsers({ users: Int32Array.from({ length: w.U }, (_, u) => u), histories: [] });
  let sum = 0;
  for (let u = 0; u < w.U; u++)
    sum += userAuc(
      s.subarray(u * w.I, (u + 1) * w.I),
      Array.from(w.relevant.subarray(u * w.I, (u + 1) * w.I), (r) => 4 * r),
    );
  return sum / w.U;
}

describe('mf-ips (Rel-MF) on exposure-biased clicks', () => {
  const w = world(5);
  const fit = (debias: ImplicitDebiasMode) => {
    const m = new MfImplicitIpsRecommender({ debias, factors: 2, regularization: 0.2 }, { propensity: w.propensity });
    m.fitClicks(w.clicks, { seed: 3 });
    return m;
  };

  it('ranks truly relevant items better with IPS and SNIPS than naive MF on the clicks', () => {
    const naive = relevanceAuc(fit('none'), w);
    expect(relevanceAuc(fit('ips'), w)).toBeGreaterThan(naive + 0.02);
    expect(relevanceAuc(fit('snips'), w)).toBeGreaterThan(naive + 0.02);
  });

  it('targets 1/θ on clicks and 0 elsewhere; SNIPS rescales the clicks to their count', () => {
    const clicks = ratingData(1, 3, [
      [0, 0, 1],
      [0, 2, 1],
    ]);
    const p = Float64Array.of(0.5, 0.25);
    expect(Array.from(relevanceTargets(clicks, p, 'ips'))).toEqual([2, 0, 4]);
    // Σ 1/θ = 6 over 2 clicks → × 2/6.
    const snips = relevanceTargets(clicks, p, 'snips');
    expect(snips[0]).toBeCloseTo(2 / 3, 6);
    expect(snips[2]).toBeCloseTo(4 / 3, 6);
    expect(Array.from(relevanceTargets(clicks, p, 'none'))).toEqual([1, 0, 1]);
  });

  it('collects distinct clicked pairs from training sequences and round-trips its state', async () => {
    const c = clickedPairs({ numUsers: 2, numItems: 3, sequences: { offsets: Uint32Array.of(0, 3, 4), items: Int32Array.of(2, 0, 2, 1) } });
    expect(Array.from(c.item)).toEqual([2, 0, 1]);
    const m = fit('ips');
    const copy = new MfImplicitIpsRecommender(m.settings);
    copy.importState(await m.exportState());
    const batch = { users: Int32Array.of(4, -1), histories: [] };
    const a = m.scoreUsers(batch);
    const b = copy.scoreUsers(batch);
    for (let k = 0; k < a.length; k++) expect(b[k]).toBeCloseTo(a[k], 4);
  });
});
