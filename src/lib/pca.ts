// Principal components of the rows of a dense matrix (the embedding map's PCA): the top directions of the covariance by
// block orthogonal iteration plus a Rayleigh–Ritz step, signs fixed so the same data always draws the same picture.
import { throwIfAborted } from './progress';

export interface PcaResult {
  /** Components found: min(k, dim). */
  k: number;
  /** Row-major k × dim unit vectors, largest variance first; each one's largest-magnitude loading is positive. */
  components: Float64Array;
  /** Row-major n × k coordinates of the centred rows on the components (zero-filled up to the k asked for). */
  coords: Float64Array;
  /** Variance along each component (covariance eigenvalue, divisor n − 1). */
  variance: number[];
  /** Each component's share of the total variance (0 when the rows do not vary). */
  explained: number[];
}

/** Extra block columns beyond k: convergence then goes with λ_(k+p+1)/λ_k, not λ_(k+1)/λ_k. */
const OVERSAMPLE = 4;
const MAX_ITERATIONS = 2000;
/** Frobenius change of the block's projector below which the subspace has converged. */
const TOLERANCE = 1e-11;

/**
 * PCA of `n` rows of length `dim` (row-major `x`). The covariance (dim × dim) is formed once: O(n·dim²) then O(dim²) per
 * iteration, which is what item embeddings (dim ≤ 1024, n ≤ tens of thousands) need. Deterministic: the starting block
 * is fixed, not random.
 */
export function pca(x: ArrayLike<number>, n: number, dim: number, k = 2, signal?: AbortSignal): PcaResult {
  if (x.length !== n * dim) throw new Error(`pca: expected ${n * dim} values, got ${x.length}`);
  const kk = Math.min(k, dim);
  const mean = new Float64Array(dim);
  for (let i = 0; i < n; i++) for (let j = 0; j < dim; j++) mean[j] += x[i * dim + j];
  for (let j = 0; j < dim; j++) mean[j] /= n || 1;
  const cov = covariance(x, n, dim, mean, signal);
  let trace = 0;
  for (let j = 0; j < dim; j++) trace += cov[j * dim + j];

  const p = Math.min(dim, kk + OVERSAMPLE);
  const { vectors, values } = topEigen(cov, dim, p, signal);
  const components = new Float64Array(kk * dim);
  for (let c = 0; c < kk; c++) {
    const v = vectors.subarray(c * dim, (c + 1) * dim);
    let big = 0;
    for (let j = 1; j < dim; j++) if (Math.abs(v[j]) > Math.abs(v[big]) + 1e-12) big = j;
    const sign = v[big] < 0 ? -1 : 1;
    for (let j = 0; j < dim; j++) components[c * dim + j] = sign * v[j];
  }
  const coords = new Float64Array(n * k);
  for (let i = 0; i < n; i++)
    for (let c = 0; c < kk; c++) {
      let s = 0;
      for (let j = 0; j < dim; j++) s += (x[i * dim + j] - mean[j]) * components[c * dim + j];
      coords[i * k + c] = s;
    }
  const variance = values.slice(0, kk).map((v) => Math.max(0, v));
  return { k: kk, components, coords, variance, explained: variance.map((v) => (trace > 0 ? v / trace : 0)) };
}

function covariance(x: ArrayLike<number>, n: number, dim: number, mean: Float64Array, signal?: AbortSignal): Float64Array {
  const cov = new Float64Array(dim * dim);
  const row = new Float64Array(dim);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < dim; j++) row[j] = x[i * dim + j] - mean[j];
    for (let a = 0; a < dim; a++) {
      const ra = row[a];
      if (ra === 0) continue;
      const o = a * dim;
      for (let b = a; b < dim; b++) cov[o + b] += ra * row[b];
    }
    if ((i & 255) === 255) throwIfAborted(signal);
  }
  const div = Math.max(1, n - 1);
  for (let a = 0; a < dim; a++)
    for (let b = a; b < dim; b++) {
      const v = cov[a * dim + b] / div;
      cov[a * dim + b] = v;
      cov[b * dim + a] = v;
    }
  return cov;
}

/** The top `p` eigenpairs of a symmetric PSD matrix, largest first: orthogonal iteration, then Rayleigh–Ritz. */
function topEigen(a: Float64Array, dim: number, p: number, signal?: AbortSignal): { vectors: Float64Array; values: number[] } {
  // Fixed start: a spread of every coordinate over the block, so no eigenvector is orthogonal to all its columns by design.
  let q: Float64Array = new Float64Array(p * dim);
  for (let c = 0; c < p; c++) for (let j = 0; j < dim; j++) q[c * dim + j] = Math.cos((c + 1) * (j + 1) * 0.7 + c) + (j === c ? 1 : 0);
  orthonormalise(q, p, dim);
  for (let it = 0; it < MAX_ITERATIONS; it++) {
    const next = multiply(a, q, p, dim);
    orthonormalise(next, p, dim);
    const moved = projectorChange(q, next, p, dim);
    q = next;
    if (moved < TOLERANCE) break;
    if ((it & 31) === 31) throwIfAborted(signal);
  }
  // Rayleigh–Ritz: T = Qᵀ A Q (p × p) diagonalised by Jacobi gives ordered eigenpairs inside the converged subspace.
  const aq = multiply(a, q, p, dim);
  const t = new Float64Array(p * p);
  for (let r = 0; r < p; r++) for (let c = 0; c < p; c++) t[r * p + c] = dot(q, r * dim, aq, c * dim, dim);
  const { values, vectors: w } = jacobiEigen(t, p);
  const order = values.map((_, i) => i).sort((i, j) => values[j] - values[i] || i - j);
  const vectors = new Float64Array(p * dim);
  order.forEach((src, dst) => {
    for (let r = 0; r < p; r++) {
      const f = w[r * p + src];
      for (let j = 0; j < dim; j++) vectors[dst * dim + j] += f * q[r * dim + j];
    }
  });
  return { vectors, values: order.map((i) => values[i]) };
}

/** A · each of the p column vectors (stored as rows of q). */
function multiply(a: Float64Array, q: Float64Array, p: number, dim: number): Float64Array {
  const out = new Float64Array(p * dim);
  for (let c = 0; c < p; c++) for (let i = 0; i < dim; i++) out[c * dim + i] = dot(a, i * dim, q, c * dim, dim);
  return out;
}

function dot(x: Float64Array, xo: number, y: Float64Array, yo: number, len: number): number {
  let s = 0;
  for (let j = 0; j < len; j++) s += x[xo + j] * y[yo + j];
  return s;
}

/** Modified Gram–Schmidt, twice for stability; a column that vanishes (rank deficiency) becomes a fresh unit vector. */
function orthonormalise(q: Float64Array, p: number, dim: number): void {
  for (let c = 0; c < p; c++) {
    for (let pass = 0; pass < 2; pass++)
      for (let prev = 0; prev < c; prev++) {
        const d = dot(q, c * dim, q, prev * dim, dim);
        for (let j = 0; j < dim; j++) q[c * dim + j] -= d * q[prev * dim + j];
      }
    let norm = Math.sqrt(dot(q, c * dim, q, c * dim, dim));
    if (norm < 1e-300) {
      // Start again from the first unit vector not yet in the span.
      for (let e = 0; e < dim && norm < 0.5; e++) {
        q.fill(0, c * dim, (c + 1) * dim);
        q[c * dim + e] = 1;
        for (let prev = 0; prev < c; prev++) {
          const d = q[prev * dim + e];
          for (let j = 0; j < dim; j++) q[c * dim + j] -= d * q[prev * dim + j];
        }
        norm = Math.sqrt(dot(q, c * dim, q, c * dim, dim));
      }
    }
    for (let j = 0; j < dim; j++) q[c * dim + j] /= norm;
  }
}

/** ‖Q_old Q_oldᵀ − Q_new Q_newᵀ‖²_F / 2 = p − ‖Q_oldᵀ Q_new‖²_F: how far the spanned subspace moved. */
function projectorChange(a: Float64Array, b: Float64Array, p: number, dim: number): number {
  let s = 0;
  for (let r = 0; r < p; r++)
    for (let c = 0; c < p; c++) {
      const d = dot(a, r * dim, b, c * dim, dim);
      s += d * d;
    }
  return Math.abs(p - s);
}

/** Eigen-decomposition of a small symmetric m × m matrix by cyclic Jacobi rotations; columns of `vectors` are eigenvectors. */
export function jacobiEigen(sym: Float64Array, m: number): { values: number[]; vectors: Float64Array } {
  const a = Float64Array.from(sym);
  const v = new Float64Array(m * m);
  for (let i = 0; i < m; i++) v[i * m + i] = 1;
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    for (let i = 0; i < m; i++) for (let j = i + 1; j < m; j++) off += a[i * m + j] ** 2;
    if (off < 1e-30) break;
    for (let i = 0; i < m; i++)
      for (let j = i + 1; j < m; j++) {
        const aij = a[i * m + j];
        if (Math.abs(aij) < 1e-300) continue;
        const theta = (a[j * m + j] - a[i * m + i]) / (2 * aij);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let r = 0; r < m; r++) {
          const ari = a[r * m + i],
            arj = a[r * m + j];
          a[r * m + i] = c * ari - s * arj;
          a[r * m + j] = s * ari + c * arj;
        }
        for (let r = 0; r < m; r++) {
          const air = a[i * m + r],
            ajr = a[j * m + r];
          a[i * m + r] = c * air - s * ajr;
          a[j * m + r] = s * air + c * ajr;
        }
        for (let r = 0; r < m; r++) {
          const vri = v[r * m + i],
            vrj = v[r * m + j];
          v[r * m + i] = c * vri - s * vrj;
          v[r * m + j] = s * vri + c * vrj;
        }
      }
  }
  return { values: Array.from({ length: m }, (_, i) => a[i * m + i]), vectors: v };
}
