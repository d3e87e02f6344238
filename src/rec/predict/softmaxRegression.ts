// Multinomial logistic (softmax) regression on standardised features: full-batch Adam on the mean cross-entropy plus
// an L2 penalty on the weights (not the intercepts). The start is all zeros and every step deterministic, so a fit is
// reproducible without a seed; the intercepts start at the log class shares, so epoch 0 is the constant guess.
import { progressTracker, throwIfAborted, type Progress } from '../../lib/progress';
import { checkSettings, type Range } from '../../lib/ranges';
import { fail, ok, type Result } from '../../lib/result';

export interface SoftmaxSettings {
  epochs: number;
  learningRate: number;
  l2: number;
}

export const SOFTMAX_DEFAULTS: SoftmaxSettings = { epochs: 300, learningRate: 0.05, l2: 1e-3 };
export const SOFTMAX_RANGES: Readonly<Record<keyof SoftmaxSettings, Range>> = {
  epochs: { min: 1, max: 100_000, integer: true },
  learningRate: { min: 0, max: 10, minOpen: true },
  l2: { min: 0, max: 100 },
};

export interface SoftmaxModel {
  classes: number;
  /** Class probabilities of one raw (unstandardised) feature row. */
  predict(x: ArrayLike<number>): Float32Array;
  /** Mean cross-entropy on the training rows at the last epoch. */
  logLoss: number;
}

/** Fit on `n` rows of `dim` features (row-major) with labels in 0..classes-1. */
export function fitSoftmax(
  x: Float64Array,
  dim: number,
  labels: ArrayLike<number>,
  classes: number,
  settings: Partial<SoftmaxSettings> = {},
  options: { signal?: AbortSignal; onProgress?: (p: Progress) => void } = {},
): Result<SoftmaxModel> {
  const checked = checkSettings(SOFTMAX_RANGES, settings, { owner: 'softmax regression' });
  if (!checked.ok) return checked;
  const s = { ...SOFTMAX_DEFAULTS, ...settings };
  const n = labels.length;
  if (n === 0) return fail('no training rows');
  if (x.length !== n * dim) return fail(`${x.length / dim} feature rows for ${n} labels`);
  // Standardise each column on the training rows; a constant column stays 0.
  const mean = new Float64Array(dim);
  const sd = new Float64Array(dim);
  for (let i = 0; i < n; i++) for (let k = 0; k < dim; k++) mean[k] += x[i * dim + k] / n;
  for (let i = 0; i < n; i++) for (let k = 0; k < dim; k++) sd[k] += (x[i * dim + k] - mean[k]) ** 2 / n;
  for (let k = 0; k < dim; k++) sd[k] = Math.sqrt(sd[k]);
  const z = new Float64Array(n * dim);
  for (let i = 0; i < n; i++) for (let k = 0; k < dim; k++) z[i * dim + k] = sd[k] > 0 ? (x[i * dim + k] - mean[k]) / sd[k] : 0;

  // Parameters per class c: [b_c, w_c (dim)].
  const stride = dim + 1;
  const theta = new Float64Array(classes * stride);
  const counts = new Float64Array(classes);
  for (let i = 0; i < n; i++) counts[labels[i]]++;
  for (let c = 0; c < classes; c++) theta[c * stride] = Math.log((counts[c] + 0.5) / (n + 0.5 * classes));
  const m = new Float64Array(theta.length);
  const v = new Float64Array(theta.length);
  const grad = new Float64Array(theta.length);
  const p = new Float64Array(classes);
  const logits = (row: Float64Array | ArrayLike<number>, off: number) => {
    let max = -Infinity;
    for (let c = 0; c < classes; c++) {
      let a = theta[c * stride];
      for (let k = 0; k < dim; k++) a += theta[c * stride + 1 + k] * row[off + k];
      p[c] = a;
      if (a > max) max = a;
    }
    let sum = 0;
    for (let c = 0; c < classes; c++) sum += p[c] = Math.exp(p[c] - max);
    for (let c = 0; c < classes; c++) p[c] /= sum;
  };
  const track = progressTracker('Logistic baseline', 'epochs', s.epochs);
  let logLoss = NaN;
  for (let epoch = 1; epoch <= s.epochs; epoch++) {
    grad.fill(0);
    let loss = 0;
    for (let i = 0; i < n; i++) {
      logits(z, i * dim);
      loss -= Math.log(Math.max(1e-12, p[labels[i]]));
      for (let c = 0; c < classes; c++) {
        const g = (p[c] - (c === labels[i] ? 1 : 0)) / n;
        grad[c * stride] += g;
        for (let k = 0; k < dim; k++) grad[c * stride + 1 + k] += g * z[i * dim + k];
      }
    }
    logLoss = loss / n;
    for (let c = 0; c < classes; c++) for (let k = 0; k < dim; k++) grad[c * stride + 1 + k] += 2 * s.l2 * theta[c * stride + 1 + k];
    for (let j = 0; j < theta.length; j++) {
      m[j] = 0.9 * m[j] + 0.1 * grad[j];
      v[j] = 0.999 * v[j] + 0.001 * grad[j] * grad[j];
      theta[j] -= (s.learningRate * (m[j] / (1 - 0.9 ** epoch))) / (Math.sqrt(v[j] / (1 - 0.999 ** epoch)) + 1e-8);
    }
    throwIfAborted(options.signal);
    if (epoch % 20 === 0 || epoch === s.epochs) options.onProgress?.(track(epoch));
  }
  const row = new Float64Array(dim);
  return ok({
    classes,
    logLoss,
    predict(raw) {
      for (let k = 0; k < dim; k++) row[k] = sd[k] > 0 ? (raw[k] - mean[k]) / sd[k] : 0;
      logits(row, 0);
      return Float32Array.from(p);
    },
  });
}
