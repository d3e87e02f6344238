// Global-norm clipping's wasm passes (clip.wat) against a float64 reference and the composed TF.js ops they replace:
// the norm is the exact one to float32 rounding, the clipped gradients are the composed ones scaled by that norm's
// factor, and under the limit the gradients pass unchanged.
import * as tf from '@tensorflow/tfjs';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../backend';
import { setFusedKernels } from '../transformer/fusedOps';
import { clipOnHeap } from './clipKernel';
import { clipFlat } from './optimizer';

beforeAll(async () => {
  await initBackend('wasm');
});

afterEach(() => setFusedKernels(true));

const f = Math.fround;
/** ‖x‖ in float64 from float32 squares, as clip.wat defines it. */
const referenceNorm = (x: Float32Array) => Math.sqrt(x.reduce((s, v) => s + f(v * v), 0));

describe('global-norm clipping as wasm passes', () => {
  it('clips a hand-computed case: ‖(3, 4, 0, 12, 0)‖ = 13, scaled by 1 / (13 + 1e-6) in float32', () => {
    const g = tf.tensor1d([3, 4, 0, 12, 0]);
    const out = clipOnHeap(g, 1)!;
    expect(out).toBeDefined();
    expect(out.norm.dataSync()[0]).toBe(13);
    const factor = f(1 / f(13 + f(1e-6)));
    expect(Array.from(out.values.dataSync())).toEqual([3, 4, 0, 12, 0].map((x) => f(x * factor)));
    tf.dispose([g, out.values, out.norm]);
  });

  it.each([1, 3, 4, 7, 64, 1001])('agrees with the composed ops on %i elements, clipping and not', (n) => {
    const g = tf.randomNormal([n], 0, 2, 'float32', 7 + n) as tf.Tensor1D;
    const x = g.dataSync() as Float32Array;
    const exact = referenceNorm(x);
    for (const maxNorm of [exact / 3, exact * 3]) {
      const fused = clipFlat({ values: g, missing: [] }, maxNorm);
      setFusedKernels({ clip: false });
      const composed = clipFlat({ values: g, missing: [] }, maxNorm);
      setFusedKernels(true);
      const norm = fused.norm.dataSync()[0];
      expect(norm).toBe(f(exact));
      expect(Math.abs(norm - composed.norm.dataSync()[0])).toBeLessThanOrEqual(1e-6 * exact);
      const [a, b] = [fused.grads.values.dataSync(), composed.grads.values.dataSync()];
      if (maxNorm > exact) expect(Array.from(a)).toEqual(Array.from(x));
      else a.forEach((v, i) => expect(Math.abs(v - b[i])).toBeLessThanOrEqual(1e-6 * Math.abs(b[i]) + 1e-12));
      tf.dispose([fused.grads.values, fused.norm, composed.grads.values, composed.norm]);
    }
    g.dispose();
  });

  it('keeps the norm of a long buffer exact where a float32 sum drifts', () => {
    // 2^20 squares of 1.1: a float32 running sum loses the low bits long before the end.
    const x = new Float32Array(1 << 20).fill(1.1);
    const g = tf.tensor1d(x);
    const out = clipOnHeap(g, 1e9)!;
    expect(out.norm.dataSync()[0]).toBe(f(referenceNorm(x)));
    tf.dispose([g, out.values, out.norm]);
  });

  it('answers undefined with its switch off, so the caller composes the ops', () => {
    const g = tf.tensor1d([1, 2]);
    setFusedKernels({ clip: false });
    expect(clipOnHeap(g, 1)).toBeUndefined();
    g.dispose();
  });
});
