// LayerNorm in training on wasm: its gradient against a float64 reference computed here and against the composed
// ops it replaces, with and without a residual, and the cases where it steps aside.
import * as tf from '@tensorflow/tfjs';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../backend';
import { maxAbsDiff } from '../../testSupport/arrays';
import { createRng } from '../../lib/rng';
import { layerNorm } from './blocks';
import { setFusedKernels } from './fusedOps';
import { layerNormForTraining } from './layerNormTraining';

beforeAll(async () => {
  await initBackend('wasm');
});

afterEach(() => setFusedKernels(true));

const EPS = 1e-5;

/** Σ c·LN(x) and its gradients in x, w and b, in float64 (c: fixed weights per output, so every dy differs). */
function reference(x: Float32Array, w: Float32Array, b: Float32Array, c: Float32Array, h: number) {
  const rows = x.length / h;
  const dx = new Float64Array(x.length);
  const dw = new Float64Array(h);
  const db = new Float64Array(h);
  let value = 0;
  for (let r = 0; r < rows; r++) {
    const row = Array.from(x.subarray(r * h, (r + 1) * h));
    const mean = row.reduce((s, v) => s + v, 0) / h;
    const variance = row.reduce((s, v) => s + (v - mean) ** 2, 0) / h;
    const s = 1 / Math.sqrt(variance + EPS);
    const xh = row.map((v) => (v - mean) * s);
    const g = xh.map((_, j) => c[r * h + j] * w[j]);
    const mg = g.reduce((a, v) => a + v, 0) / h;
    const mgx = g.reduce((a, v, j) => a + v * xh[j], 0) / h;
    for (let j = 0; j < h; j++) {
      value += c[r * h + j] * (xh[j] * w[j] + b[j]);
      dx[r * h + j] = s * (g[j] - mg - xh[j] * mgx);
      dw[j] += c[r * h + j] * xh[j];
      db[j] += c[r * h + j];
    }
  }
  return { value, grads: [dx, dw, db] };
}

function seeded(n: number, seed: number, scale: number, offset = 0) {
  const rng = createRng(seed);
  return Float32Array.from({ length: n }, () => offset + (rng.next() * 2 - 1) * scale);
}

/** Σ c·layerNorm(x (+ residual)) and its gradients in x, residual, w and b, with the training kernel on or off. */
function run(x: tf.Tensor, res: tf.Tensor | undefined, w: tf.Tensor1D, b: tf.Tensor1D, c: tf.Tensor, on: boolean) {
  setFusedKernels({ layerNormTraining: on });
  let used = false;
  const inputs = res ? [x, res, w, b] : [x, w, b];
  const { value, grads } = tf.valueAndGrads((...t: tf.Tensor[]) => {
    const [xx, rr, ww, bb] = res ? t : [t[0], undefined, t[1], t[2]];
    used = layerNormForTraining(xx, ww, bb, EPS, rr) !== undefined;
    return layerNorm(xx, { weight: ww, bias: bb }, EPS, rr).mul(c).sum();
  })(inputs);
  const out = { used, value: value.dataSync()[0], grads: grads.map((g) => g.dataSync() as Float32Array) };
  tf.dispose([value, ...grads]);
  return out;
}

describe('LayerNorm in training on wasm', () => {
  it.each([
    [7, 8, 0],
    [40, 64, 0],
    [3, 12, 50], // a large common offset: the variance is taken around the mean, in two passes
  ])('matches a float64 reference and the composed ops: %i rows of %i, offset %i', (rows, h, offset) => {
    const xs = seeded(rows * h, rows + h, 2, offset);
    const ws = seeded(h, 3, 1, 1);
    const bs = seeded(h, 4, 0.5);
    const cs = seeded(rows * h, 5, 1);
    const want = reference(xs, ws, bs, cs, h);
    const [x, w, b, c] = [tf.tensor2d(xs, [rows, h]), tf.tensor1d(ws), tf.tensor1d(bs), tf.tensor2d(cs, [rows, h])];
    const on = run(x, undefined, w, b, c, true);
    const off = run(x, undefined, w, b, c, false);
    expect(on.used).toBe(true);
    expect(off.used).toBe(false);
    expect(Math.abs(on.value - want.value)).toBeLessThan(1e-4 * Math.max(1, Math.abs(want.value)));
    on.grads.forEach((g, i) => {
      // float32 over an offset of 50: x − mean keeps ~5 digits
      const tol = offset ? 2e-3 : 2e-5;
      expect(maxAbsDiff(g, want.grads[i])).toBeLessThan(tol * Math.max(1, ...Array.from(want.grads[i], Math.abs)));
      expect(maxAbsDiff(g, off.grads[i])).toBeLessThan(tol * Math.max(1, ...Array.from(want.grads[i], Math.abs)));
    });
    tf.dispose([x, w, b, c]);
  });

  it('passes the gradient to a residual as to x, as the composed ops do', () => {
    const [rows, h] = [5, 16];
    const [x, res] = [tf.tensor2d(seeded(rows * h, 1, 1), [rows, h]), tf.tensor2d(seeded(rows * h, 2, 1), [rows, h])];
    const [w, b, c] = [tf.tensor1d(seeded(h, 3, 1, 1)), tf.tensor1d(seeded(h, 4, 1)), tf.tensor2d(seeded(rows * h, 5, 1), [rows, h])];
    const on = run(x, res, w, b, c, true);
    const off = run(x, res, w, b, c, false);
    expect(on.used).toBe(true);
    expect(maxAbsDiff(on.grads[0], on.grads[1])).toBe(0);
    on.grads.forEach((g, i) => expect(maxAbsDiff(g, off.grads[i])).toBeLessThan(2e-5));
    tf.dispose([x, res, w, b, c]);
  });

  it('steps aside outside a gradient, for rows not a multiple of 4, and when turned off', () => {
    const w = tf.ones([6]) as tf.Tensor1D;
    const b = tf.zeros([6]) as tf.Tensor1D;
    expect(layerNormForTraining(tf.ones([2, 8]), tf.ones([8]), tf.zeros([8]), EPS)).toBeUndefined();
    tf.grads((x: tf.Tensor) => {
      expect(layerNormForTraining(x, w, b, EPS)).toBeUndefined();
      return x.sum();
    })([tf.ones([2, 6])]);
    setFusedKernels({ layerNormTraining: false });
    tf.grads((x: tf.Tensor) => {
      expect(layerNormForTraining(x, tf.ones([8]), tf.zeros([8]), EPS)).toBeUndefined();
      return x.sum();
    })([tf.ones([2, 8])]);
  });
});
