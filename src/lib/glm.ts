// Linear and logistic regression on column arrays: the outcome and propensity models of the estimators.
import { invert, zeros } from './linalg';

/** Design matrix as columns; an intercept column is added by the fitters, never by callers. */
export type Columns = readonly Float64Array[];

function gram(x: Columns, n: number, w?: Float64Array): number[][] {
  const p = x.length + 1;
  const a = zeros(p, p);
  const col = (k: number, i: number) => (k === 0 ? 1 : x[k - 1][i]);
  for (let r = 0; r < p; r++) {
    for (let c = r; c < p; c++) {
      let s = 0;
      for (let i = 0; i < n; i++) s += (w ? w[i] : 1) * col(r, i) * col(c, i);
      a[r][c] = a[c][r] = s;
    }
  }
  return a;
}

function xty(x: Columns, y: ArrayLike<number>, n: number, w?: Float64Array): number[] {
  const out = new Array<number>(x.length + 1).fill(0);
  for (let i = 0; i < n; i++) out[0] += (w ? w[i] : 1) * y[i];
  x.forEach((c, k) => {
    let s = 0;
    for (let i = 0; i < n; i++) s += (w ? w[i] : 1) * c[i] * y[i];
    out[k + 1] = s;
  });
  return out;
}

const mulVec = (a: number[][], b: number[]) => a.map((row) => row.reduce((s, v, k) => s + v * b[k], 0));

/** OLS coefficients [intercept, ...x]; a tiny ridge keeps collinear designs (a resample with one level) finite. */
export function ols(x: Columns, y: ArrayLike<number>): number[] {
  const n = y.length;
  return mulVec(invert(gram(x, n), 1e-9), xty(x, y, n));
}

export function predictLinear(beta: readonly number[], x: Columns, i: number): number {
  let s = beta[0];
  for (let k = 0; k < x.length; k++) s += beta[k + 1] * x[k][i];
  return s;
}

const sigmoid = (z: number) => (z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z)));

/**
 * Logistic regression by Newton–Raphson (IRLS). A small L2 penalty (1e-6·n) keeps it finite under separation,
 * where the unpenalised MLE runs off to infinity; the propensities then saturate and trimming handles them.
 */
export function logistic(x: Columns, t: ArrayLike<number>, maxIter = 30): number[] {
  const n = t.length;
  const p = x.length + 1;
  let beta = new Array<number>(p).fill(0);
  const w = new Float64Array(n);
  const z = new Float64Array(n);
  for (let iter = 0; iter < maxIter; iter++) {
    for (let i = 0; i < n; i++) {
      const eta = predictLinear(beta, x, i);
      const mu = sigmoid(eta);
      w[i] = Math.max(mu * (1 - mu), 1e-10);
      z[i] = eta + (t[i] - mu) / w[i];
    }
    const a = gram(x, n, w);
    for (let k = 1; k < p; k++) a[k][k] += 1e-6 * n;
    const next = mulVec(invert(a, 1e-12), xty(x, z, n, w));
    const step = Math.max(...next.map((b, k) => Math.abs(b - beta[k])));
    beta = next;
    if (step < 1e-8) break;
  }
  return beta;
}

export const predictLogistic = (beta: readonly number[], x: Columns, i: number): number => sigmoid(predictLinear(beta, x, i));
