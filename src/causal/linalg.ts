// Small dense linear algebra on plain arrays: enough for correlation matrices, OLS and Newton steps (d ≲ 50).
export type Matrix = number[][];

export const zeros = (r: number, c: number): Matrix => Array.from({ length: r }, () => new Array<number>(c).fill(0));

/**
 * Inverse of a symmetric positive (semi)definite matrix by Gauss–Jordan with partial pivoting; a tiny ridge keeps
 * near-singular systems (collinear adjusters, a constant resample column) finite instead of failing.
 */
export function invert(a: Matrix, ridge = 1e-10): Matrix {
  const n = a.length;
  const m = a.map((row, i) => [...row.map((v, j) => v + (i === j ? ridge * Math.max(1, Math.abs(a[i][i])) : 0)), ...Array.from({ length: n }, (_, j) => (i === j ? 1 : 0))]);
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
      const x = centred[a], y = centred[b];
      let s = 0;
      for (let i = 0; i < n; i++) s += x[i] * y[i];
      cov[a][b] = cov[b][a] = s;
    }
  }
  const sd = cov.map((row, i) => Math.sqrt(row[i]));
  return cov.map((row, a) => row.map((v, b) => (sd[a] > 0 && sd[b] > 0 ? v / (sd[a] * sd[b]) : a === b ? 1 : 0)));
}

/** Covariance matrix (divided by n) of centred columns: NOTEARS' least-squares loss needs only this. */
export function covarianceMatrix(columns: readonly Float64Array[]): Matrix {
  const d = columns.length;
  const n = columns[0]?.length ?? 0;
  const means = columns.map((c) => c.reduce((s, v) => s + v, 0) / (n || 1));
  const cov = zeros(d, d);
  for (let a = 0; a < d; a++) {
    for (let b = a; b < d; b++) {
      const x = columns[a], y = columns[b], mx = means[a], my = means[b];
      let s = 0;
      for (let i = 0; i < n; i++) s += (x[i] - mx) * (y[i] - my);
      cov[a][b] = cov[b][a] = s / (n || 1);
    }
  }
  return cov;
}
