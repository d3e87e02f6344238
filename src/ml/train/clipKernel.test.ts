// Global-norm clipping's wasm passes (clip.wat) against a float64 reference and the composed TF.js ops they replace:
// the norm is the exact one to float32 rounding, the clipped gradients are the composed ones scaled by that norm's
// factor, and under the limit the gradients pass unchanged.
import * as tf from '@tensorflow/tfjs';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../backend';
import { setFusedKernels } from '../transformer/fusedOps';
import { clipOnHeap, flattenOnHeap } from './clipKernel';
import { adamW, clipFlat } from './optimizer';

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

describe('flattening with the squares taken on the way', () => {
  it("lays the parts end to end as tf.concat does (zeros for a missing one), with Σ x² to float64's rounding", () => {
    const parts = [[3, 5], [7], [2, 2, 3], [1]].map((shape, i) => tf.randomNormal(shape, 0, 1 + i, 'float32', 30 + i));
    const sizes = parts.map((p) => p.size);
    const flat = flattenOnHeap([parts[0], parts[1], null, parts[3]], sizes)!;
    expect(flat).toBeDefined();
    const want = tf.tidy(() => tf.concat([parts[0], parts[1], tf.zeros([12]), parts[3]].map((p) => p.reshape([-1]))));
    const values = flat.values.dataSync() as Float32Array;
    expect(Array.from(values)).toEqual(Array.from(want.dataSync()));
    const exact = values.reduce((s, v) => s + f(v * v), 0);
    expect(Math.abs(flat.squares - exact)).toBeLessThanOrEqual(1e-14 * exact);
    setFusedKernels({ clip: false });
    expect(flattenOnHeap(parts, sizes)).toBeUndefined();
    tf.dispose([...parts, flat.values, want]);
  });

  it("gives the optimizer's flatten the norm clipFlat would take, and clipFlat uses it", () => {
    const vars = [[4, 3], [5]].map((shape, i) => tf.variable(tf.zeros(shape), true, `flat${i}_${Math.random()}`));
    const opt = adamW(vars);
    const grads = Object.fromEntries(vars.map((v, i) => [v.name, tf.randomNormal(v.shape, 0, 2, 'float32', 50 + i)]));
    const flat = opt.flatten(grads);
    expect(flat.squares).toBeDefined();
    const exact = referenceNorm(flat.values.dataSync() as Float32Array);
    expect(tf.tidy(() => clipFlat(flat, 1).norm.dataSync()[0])).toBe(f(exact));
    // A wrong sum handed in is what clipFlat uses: proof that it spares its own pass.
    expect(tf.tidy(() => clipFlat({ ...flat, squares: 4 }, 1).norm.dataSync()[0])).toBe(2);
    opt.dispose();
    tf.dispose([...vars, ...Object.values(grads), flat.values]);
  });
});
