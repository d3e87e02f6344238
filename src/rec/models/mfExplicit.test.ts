import { describe, expect, it } from 'vitest';
import { createRng } from '../../lib/rng';
import { tablePropensity } from '../propensity';
import { ratingData } from '../ratings';
import { drTargets, MfExplicitRecommender, objectiveWeights, type DebiasMode } from './mfExplicit';

/**
 * A missing-not-at-random world: a full 1–5 rating matrix from 3 latent factors, and each rating is observed with a
 * probability that grows with the rating itself (people rate what they like), so the observed ratings overstate the
 * matrix. The true propensities are known, as in a simulation they are.
 */
function mnarWorld(seed: number) {
  const rng = createRng(seed);
  const U = 120;
  const I = 80;
  const k = 3;
  const uf = Array.from({ length: U * k }, () => rng.normal());
  const vf = Array.from({ length: I * k }, () => rng.normal());
  const full = new Float32Array(U * I);
  for (let u = 0; u < U; u++)
    for (let i = 0; i < I; i++) {
      let dot = 0;
      for (let p = 0; p < k; p++) dot += uf[u * k + p] * vf[i * k + p];
      full[u * I + i] = Math.min(5, Math.max(1, Math.round(3 + 0.8 * dot)));
    }
  const pOfRating = [0, 0.03, 0.05, 0.1, 0.3, 0.5];
  const triples: [number, number, number][] = [];
  const props: [number, number, number][] = [];
  for (let u = 0; u < U; u++)
    for (let i = 0; i < I; i++) {
      const p = pOfRating[full[u * I + i]];
      props.push([u, i, p]);
      if (rng.next() < p) triples.push([u, i, full[u * I + i]]);
    }
  return { U, I, full, ratings: ratingData(U, I, triples), propensity: tablePropensity(I, props) };
}

/** MSE over every cell of the full matrix: the error the model would make if every pair were rated. */
function fullMse(model: MfExplicitRecommender, w: ReturnType<typeof mnarWorld>): number {
  let se = 0;
  for (let u = 0; u < w.U; u++) for (let i = 0; i < w.I; i++) se += (model.predictRating(u, i) - w.full[u * w.I + i]) ** 2;
  return se / (w.U * w.I);
}

function fitted(w: ReturnType<typeof mnarWorld>, debias: DebiasMode): MfExplicitRecommender {
  const m = new MfExplicitRecommender({ debias, factors: 3, iterations: 10, regularization: 5, clip: 0.01 }, { propensity: w.propensity });
  m.fitRatings(w.ratings, { seed: 7 });
  return m;
}

describe('mf-explicit on a missing-not-at-random matrix', () => {
  const w = mnarWorld(3);
  const naive = fullMse(fitted(w, 'none'), w);

  it('IPS recovers the fully observed error better than naive MF, and so do SNIPS and DR', () => {
    const ips = fullMse(fitted(w, 'ips'), w);
    expect(ips).toBeLessThan(0.8 * naive);
    expect(fullMse(fitted(w, 'snips'), w)).toBeLessThan(0.8 * naive);
    expect(fullMse(fitted(w, 'dr'), w)).toBeLessThan(0.8 * naive);
  });

  it('reports the propensity source and overlap of a debiased fit, none for a naive one', () => {
    const m = fitted(w, 'ips');
    expect(m.lastFit?.propensity?.source).toBe('file');
    expect(m.lastFit?.propensity?.diagnostic.pairs).toBe(w.ratings.user.length);
    expect(fitted(w, 'none').lastFit?.propensity).toBeNull();
  });

  it('round-trips through its state: the same predictions after export and import', async () => {
    const m = fitted(w, 'dr');
    const copy = new MfExplicitRecommender(m.settings);
    copy.importState(await m.exportState());
    for (const [u, i] of [
      [0, 0],
      [5, 17],
      [119, 79],
    ])
      expect(copy.predictRating(u, i)).toBeCloseTo(m.predictRating(u, i), 4);
  });

  it('is seeded: the same seed gives the same model', () => {
    expect(fitted(w, 'ips').predictRating(3, 4)).toBe(fitted(w, 'ips').predictRating(3, 4));
  });
});

describe('objective weights and DR pseudo-ratings', () => {
  it('scales IPS by users × items and SNIPS by Σ 1/p, both to a total of the number of ratings', () => {
    const p = Float64Array.of(0.5, 0.25);
    // IPS: 1/p = 2, 4; × n/(U·I) = 2/4 → 1, 2.
    expect(Array.from(objectiveWeights('ips', p, 2, 2))).toEqual([1, 2]);
    // SNIPS: Σ 1/p = 6; × 2/6 → 2/3, 4/3.
    const snips = objectiveWeights('snips', p, 2, 2);
    expect(snips[0]).toBeCloseTo(2 / 3, 12);
    expect(snips[1]).toBeCloseTo(4 / 3, 12);
    expect(Array.from(objectiveWeights('none', p, 2, 2))).toEqual([1, 1]);
  });

  it('puts the imputed rating on unobserved pairs and m + (r − m)/p on observed ones', () => {
    const d = ratingData(1, 3, [[0, 1, 5]]);
    // m = 3 everywhere; the observed pair (p = 0.5): 3 + (5 − 3)/0.5 = 7.
    expect(Array.from(drTargets(d, () => 3, Float64Array.of(0.5)))).toEqual([3, 7, 3]);
  });

  it('refuses a model without ratings, and unknown debias modes', () => {
    const m = new MfExplicitRecommender();
    expect(() =>
      m.fit({ numUsers: 1, numItems: 1, sequences: { offsets: Uint32Array.of(0, 0), items: new Int32Array(0) } }, { seed: 1 }),
    ).toThrow(/needs a rating log/);
    expect(() => new MfExplicitRecommender({ debias: 'magic' as DebiasMode })).toThrow(/debias must be one of/);
    expect(() => new MfExplicitRecommender({ factors: 0 })).toThrow(/factors/);
  });
});
