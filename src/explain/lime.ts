// LIME over events: a weighted ridge surrogate fitted on seeded random event removals (Ribeiro et al. 2016).
import { createRng } from '../lib/rng';
import { solveSpdInPlace } from '../lib/linalg';
import { fullMask, scoreSubsets } from './scorer';
import type { Attribution, ExplainableModel, ExplainTarget, MethodOptions } from './types';

/** LimeTextExplainer's defaults: cosine distance × 100, exponential kernel of width 25, Ridge(alpha = 1). */
export const LIME_KERNEL_WIDTH = 25;
export const LIME_RIDGE_ALPHA = 1;

/** Kernel weight of a perturbation keeping `kept` of `n` events: cosine distance to the all-ones vector. */
export function limeWeight(kept: number, n: number, width = LIME_KERNEL_WIDTH): number {
  const d = kept === 0 ? 100 : 100 * (1 - Math.sqrt(kept / n));
  return Math.sqrt(Math.exp(-(d * d) / (width * width)));
}

/**
 * LIME's text sampler: for each sample remove a uniformly chosen number (1..n−1) of random events. The first sample
 * is the unperturbed history, as in LIME.
 */
export function limeMasks(n: number, samples: number, seed: number): Uint8Array[] {
  const rng = createRng(seed);
  const masks = [fullMask(n)];
  const idx = Array.from({ length: n }, (_, k) => k);
  for (let s = 1; s < samples; s++) {
    const m = fullMask(n);
    const remove = n > 1 ? 1 + rng.int(n - 1) : rng.int(2);
    rng.shuffle(idx);
    for (let k = 0; k < remove; k++) m[idx[k]] = 0;
    masks.push(m);
  }
  return masks;
}

/**
 * Weighted ridge regression with an unpenalised intercept (centre by weighted means, then solve
 * (XᵀWX + αI)β = XᵀWy), and the weighted R² of the fit, as sklearn's Ridge.score with sample weights.
 */
export function weightedRidge(
  x: Uint8Array[],
  y: Float64Array,
  w: Float64Array,
  alpha = LIME_RIDGE_ALPHA,
): { coef: Float64Array; intercept: number; r2: number } {
  const n = x[0]?.length ?? 0;
  const sw = w.reduce((a, b) => a + b, 0);
  const mx = new Float64Array(n);
  let my = 0;
  x.forEach((row, s) => {
    for (let j = 0; j < n; j++) mx[j] += (w[s] * row[j]) / sw;
    my += (w[s] * y[s]) / sw;
  });
  const a = new Float64Array(n * n);
  const b = new Float64Array(n);
  const xc = new Float64Array(n);
  x.forEach((row, s) => {
    for (let j = 0; j < n; j++) xc[j] = row[j] - mx[j];
    const ys = y[s] - my;
    for (let i = 0; i < n; i++) {
      if (xc[i] === 0) continue;
      const wi = w[s] * xc[i];
      b[i] += wi * ys;
      for (let j = 0; j <= i; j++) a[i * n + j] += wi * xc[j];
    }
  });
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < i; j++) a[j * n + i] = a[i * n + j];
    a[i * n + i] += alpha;
  }
  solveSpdInPlace(a, b, n);
  let intercept = my;
  for (let j = 0; j < n; j++) intercept -= b[j] * mx[j];
  let ssRes = 0;
  let ssTot = 0;
  x.forEach((row, s) => {
    let pred = intercept;
    for (let j = 0; j < n; j++) pred += b[j] * row[j];
    ssRes += w[s] * (y[s] - pred) ** 2;
    ssTot += w[s] * (y[s] - my) ** 2;
  });
  return { coef: b, intercept, r2: ssTot > 0 ? 1 - ssRes / ssTot : 1 };
}

export async function lime(model: ExplainableModel, target: ExplainTarget, options: MethodOptions = {}): Promise<Attribution> {
  const n = target.history.length;
  const samples = options.samples ?? 500;
  const seed = options.seed ?? 0;
  const masks = limeMasks(n, samples, seed);
  const { scores } = await scoreSubsets(model, target, masks, { signal: options.signal });
  const weights = Float64Array.from(masks, (m) =>
    limeWeight(
      m.reduce((a, b) => a + b, 0),
      n,
    ),
  );
  const fit = n > 0 ? weightedRidge(masks, scores, weights) : { coef: new Float64Array(0), intercept: scores[0], r2: 1 };
  return {
    method: 'lime',
    values: fit.coef,
    score: scores[0],
    diagnostics: { r2: fit.r2, intercept: fit.intercept, samples, seed, kernelWidth: LIME_KERNEL_WIDTH },
    notes:
      fit.r2 < 0.5
        ? [`the linear surrogate explains only ${Math.round(fit.r2 * 100)}% of the score's variation (R²); read the values with care`]
        : [],
  };
}
