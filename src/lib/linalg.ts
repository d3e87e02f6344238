// Dense linear algebra: row-major Float64Array kernels for EASE, ALS and LIME; small plain-array matrices for causal models.
import { throwIfAborted } from './progress';

/**
 * In-place inverse of a symmetric positive-definite n×n matrix by Gauss–Jordan elimination without pivoting
 * (safe for SPD: every pivot is a positive Schur complement). n³ flops; rows are contiguous so the inner loop
 * streams memory. Throws when a pivot is not positive (the matrix is not SPD, e.g. λ = 0 with an unused item).
 */
export function invertSpdInPlace(a: Float64Array, n: number, onRow?: (done: number) => void, signal?: AbortSignal): void {
  if (a.length !== n * n) throw new Error(`invertSpdInPlace: expected ${n * n} values, got ${a.length}`);
  const pivotRow = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    const kk = k * n + k;
    const pivot = a[kk];
    if (!(pivot > 0)) throw new Error(`matrix is not positive definite (pivot ${pivot} at row ${k})`);
    const inv = 1 / pivot;
    // Row k becomes row k / pivot, with column k holding 1/pivot (the Gauss–Jordan in-place trick).
    for (let j = 0; j < n; j++) pivotRow[j] = a[k * n + j] * inv;
    pivotRow[k] = inv;
    for (let i = 0; i < n; i++) {
      if (i === k) continue;
      const rowI = i * n;
      const f = a[rowI + k];
      if (f === 0) continue;
      for (let j = 0; j < n; j++) a[rowI + j] -= f * pivotRow[j];
      a[rowI + k] = -f * inv;
    }
    a.set(pivotRow, k * n);
    if ((k & 63) === 63) {
      onRow?.(k + 1);
      throwIfAborted(signal);
    }
  }
  onRow?.(n);
}

/** Solve A x = b for a small SPD A (f×f) by Cholesky; A and b are overwritten (b becomes x). */
export function solveSpdInPlace(a: Float64Array, b: Float64Array, n: number): void {
  for (let j = 0; j < n; j++) {
    let d = a[j * n + j];
    for (let k = 0; k < j; k++) d -= a[j * n + k] * a[j * n + k];
    if (!(d > 0)) throw new Error('solveSpdInPlace: matrix is not positive definite');
    const ljj = Math.sqrt(d);
    a[j * n + j] = ljj;
    for (let i = j + 1; i < n; i++) {
      let s = a[i * n + j];
      for (let k = 0; k < j; k++) s -= a[i * n + k] * a[j * n + k];
      a[i * n + j] = s / ljj;
    }
  }
  for (let i = 0; i < n; i++) {
    let s = b[i];
    for (let k = 0; k < i; k++) s -= a[i * n + k] * b[k];
    b[i] = s / a[i * n + i];
  }
  for (let i = n - 1; i >= 0; i--) {
    let s = b[i];
    for (let k = i + 1; k < n; k++) s -= a[k * n + i] * b[k];
    b[i] = s / a[i * n + i];
  }
}

/** Unit-length copies of the rows (zero rows stay zero), so a dot product is a cosine. */
export function normaliseRows(m: Float32Array, dim: number): Float32Array {
  const out = new Float32Array(m.length);
  for (let o = 0; dim > 0 && o < m.length; o += dim) {
    let s = 0;
    for (let p = 0; p < dim; p++) s += m[o + p] * m[o + p];
    const inv = s > 0 ? 1 / Math.sqrt(s) : 0;
    for (let p = 0; p < dim; p++) out[o + p] = m[o + p] * inv;
  }
  return out;
}

/** Small dense matrices on plain arrays: correlation matrices, OLS and Newton steps (d ≲ 50). */
export type Matrix = number[][];

export const zeros = (r: number, c: number): Matrix => Array.from({ length: r }, () => new Array<number>(c).fill(0));

/**
 * Inverse of a symmetric positive (semi)definite matrix by Gauss–Jordan with partial pivoting; a tiny ridge keeps
 * near-singular systems (collinear adjusters, a constant resample column) finite instead of failing.
 */
export function invert(a: Matrix, ridge = 1e-10): Matrix {
  const n = a.length;
  const m = a.map((row, i) => [
    ...row.map((v, j) => v + (i === j ? ridge * Math.max(1, Math.abs(a[i][i])) : 0)),
    ...Array.from({ length: n }, (_, j) => (i === j ? 1 : 0)),
  ]);
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r][c]) > Math.abs(m[p][c])) p = r;
    [m[c], m[p]] = [m[p], m[c]];
    const piv = m[c][c] || 1e-300;
    for (let k = 0; k < 2 * n; k++) m[c][k] /= piv;
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = m[r][c];
      if (f === 0) continue;
      for (let k = 0; k < 2 * n; k++) m[r][k] -= f * m[c][k];
    }
  }
  return m.map((row) => row.slice(n));
}

export function solve(a: Matrix, b: number[], ridge = 1e-10): number[] {
  const inv = invert(a, ridge);
  return inv.map((row) => row.reduce((s, v, k) => s + v * b[k], 0));
}

/** Means, standard deviations and the correlation matrix of columns, in one pass over the rows per pair. */
export function correlationMatrix(columns: readonly Float64Array[]): Matrix {
  const d = columns.length;
  const n = columns[0]?.length ?? 0;
  const centred = columns.map((c) => {
    let m = 0;
    for (let i = 0; i < n; i++) m += c[i];
    m /= n || 1;
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) out[i] = c[i] - m;
    return out;
  });
  const cov = zeros(d, d);
  for (let a = 0; a < d; a++) {
    for (let b = a; b < d; b++) {
      const x = centred[a],
        y = centred[b];
      let s = 0;
      for (let i = 0; i < n; i++) s += x[i] * y[i];
      cov[a][b] = cov[b][a] = s;
    }
  }
  const sd = cov.map((row, i) => Math.sqrt(row[i]));
  return cov.map((row, a) => row.map((v, b) => (sd[a] > 0 && sd[b] > 0 ? v / (sd[a] * sd[b]) : a === b ? 1 : 0)));
}
