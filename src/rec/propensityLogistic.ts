// Logistic propensity model: P(observed | user, item) = σ(b + x_u·β_u + x_i·β_i), fitted on every user–item pair
// (observed = 1, not observed = 0). x_u and x_i are the user and item features (one-hot attributes from users.csv and
// items.csv, when given) plus the standardised log activity and log popularity, so it refines popularity × activity.
import { progressTracker, throwIfAborted, type Progress } from '../lib/progress';
import { checkSettings, type Range } from '../lib/ranges';
import { fail, ok, type Result } from '../lib/result';
import type { PropensityModel } from './propensity';
import { counts, type RatingData } from './ratings';

/** Row-major features, one row per user (or item) in the log's order. */
export interface FeatureMatrix {
  readonly data: Float32Array;
  readonly dim: number;
}

export interface LogisticSettings {
  epochs: number;
  learningRate: number;
  l2: number;
}

export const LOGISTIC_DEFAULTS: LogisticSettings = { epochs: 300, learningRate: 0.05, l2: 1e-4 };
export const LOGISTIC_RANGES: Readonly<Record<keyof LogisticSettings, Range>> = {
  epochs: { min: 1, max: 10_000, integer: true },
  learningRate: { min: 0, max: 10, minOpen: true },
  l2: { min: 0, max: 100 },
};
/** Every pair is visited once per epoch; beyond this many pairs the fit would take minutes. */
export const MAX_LOGISTIC_PAIRS = 5e7;

export interface LogisticFit {
  model: PropensityModel;
  /** Mean log-loss over all pairs at the last epoch. */
  logLoss: number;
}

/** Count features (log n + 1, standardised) appended to the given ones; constant columns stay zero. */
function withCounts(given: FeatureMatrix | null, n: number, countsOf: Float64Array): FeatureMatrix {
  const dim = (given?.dim ?? 0) + 1;
  const data = new Float32Array(n * dim);
  const logs = Array.from(countsOf, (c) => Math.log1p(c));
  const mean = logs.reduce((a, b) => a + b, 0) / n;
  const sd = Math.sqrt(logs.reduce((a, b) => a + (b - mean) ** 2, 0) / n);
  for (let r = 0; r < n; r++) {
    for (let k = 0; k < dim - 1; k++) data[r * dim + k] = given!.data[r * given!.dim + k];
    data[r * dim + dim - 1] = sd > 0 ? (logs[r] - mean) / sd : 0;
  }
  return { data, dim };
}

/**
 * Full-batch Adam on the mean log-loss + l2·|β|². The logit of (u, i) is b + s_u + t_i, so one epoch costs one pass
 * over the pairs plus one over the feature rows. Seed-free: the start is all zeros and every step deterministic.
 */
export function fitLogisticPropensity(
  d: RatingData,
  features: { users: FeatureMatrix | null; items: FeatureMatrix | null },
  settings: Partial<LogisticSettings> = {},
  options: { signal?: AbortSignal; onProgress?: (p: Progress) => void } = {},
): Result<LogisticFit> {
  const checked = checkSettings(LOGISTIC_RANGES, settings, { owner: 'logistic propensity' });
  if (!checked.ok) return checked;
  const s = { ...LOGISTIC_DEFAULTS, ...settings };
  const U = d.numUsers;
  const I = d.numItems;
  if (U * I > MAX_LOGISTIC_PAIRS) return fail(`the logistic propensity model visits every pair: ${U} × ${I} is over ${MAX_LOGISTIC_PAIRS}`);
  for (const [what, f, n] of [
    ['user', features.users, U],
    ['item', features.items, I],
  ] as const)
    if (f && f.data.length !== n * f.dim) return fail(`${what} features have ${f.data.length / f.dim} rows, not ${n}`);
  const c = counts(d);
  const xu = withCounts(features.users, U, c.perUser);
  const xi = withCounts(features.items, I, c.perItem);
  const observed = new Uint8Array(U * I);
  for (let r = 0; r < d.user.length; r++) observed[d.user[r] * I + d.item[r]] = 1;
  // Parameters: [b, β_u (xu.dim), β_i (xi.dim)]; the intercept starts at the logit of the observed share.
  const np = 1 + xu.dim + xi.dim;
  const theta = new Float64Array(np);
  const share = Math.min(1 - 1e-6, Math.max(1e-6, d.user.length / (U * I)));
  theta[0] = Math.log(share / (1 - share));
  const m = new Float64Array(np);
  const v = new Float64Array(np);
  const su = new Float64Array(U);
  const ti = new Float64Array(I);
  const gu = new Float64Array(U);
  const gi = new Float64Array(I);
  const grad = new Float64Array(np);
  const track = progressTracker('Logistic propensities', 'epochs', s.epochs);
  const rowDot = (x: FeatureMatrix, r: number, off: number) => {
    let z = 0;
    for (let k = 0; k < x.dim; k++) z += x.data[r * x.dim + k] * theta[off + k];
    return z;
  };
  let logLoss = NaN;
  for (let epoch = 1; epoch <= s.epochs; epoch++) {
    for (let u = 0; u < U; u++) su[u] = rowDot(xu, u, 1);
    for (let i = 0; i < I; i++) ti[i] = rowDot(xi, i, 1 + xu.dim);
    gu.fill(0);
    gi.fill(0);
    let g0 = 0;
    let loss = 0;
    for (let u = 0; u < U; u++) {
      const base = theta[0] + su[u];
      for (let i = 0; i < I; i++) {
        const z = base + ti[i];
        const p = 1 / (1 + Math.exp(-z));
        const o = observed[u * I + i];
        const g = p - o;
        gu[u] += g;
        gi[i] += g;
        g0 += g;
        // log(1 + e^z) − o·z, written to stay finite for large |z|.
        loss += (z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z))) - o * z;
      }
    }
    const nPairs = U * I;
    logLoss = loss / nPairs;
    grad.fill(0);
    grad[0] = g0 / nPairs;
    for (let u = 0; u < U; u++) for (let k = 0; k < xu.dim; k++) grad[1 + k] += (gu[u] * xu.data[u * xu.dim + k]) / nPairs;
    for (let i = 0; i < I; i++) for (let k = 0; k < xi.dim; k++) grad[1 + xu.dim + k] += (gi[i] * xi.data[i * xi.dim + k]) / nPairs;
    for (let k = 1; k < np; k++) grad[k] += 2 * s.l2 * theta[k];
    for (let k = 0; k < np; k++) {
      m[k] = 0.9 * m[k] + 0.1 * grad[k];
      v[k] = 0.999 * v[k] + 0.001 * grad[k] * grad[k];
      const mh = m[k] / (1 - 0.9 ** epoch);
      const vh = v[k] / (1 - 0.999 ** epoch);
      theta[k] -= (s.learningRate * mh) / (Math.sqrt(vh) + 1e-8);
    }
    throwIfAborted(options.signal);
    if (epoch % 10 === 0 || epoch === s.epochs) options.onProgress?.(track(epoch));
  }
  for (let u = 0; u < U; u++) su[u] = rowDot(xu, u, 1);
  for (let i = 0; i < I; i++) ti[i] = rowDot(xi, i, 1 + xu.dim);
  const b = theta[0];
  return ok({ logLoss, model: { source: 'logistic', p: (u, i) => 1 / (1 + Math.exp(-(b + su[u] + ti[i]))) } });
}
