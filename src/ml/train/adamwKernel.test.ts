// AdamW's wasm pass (adamw.wat) against the composed TF.js ops it replaces: the same float32 operations in the same
// order, so after several steps the weights and both moments must be equal bit for bit; and a hand-computed step.
import * as tf from '@tensorflow/tfjs';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../backend';
import { setFusedKernels } from '../transformer/fusedOps';
import { adamWOnHeap } from './adamwKernel';
import { adamW, clipFlat } from './optimizer';

beforeAll(async () => {
  await initBackend('wasm');
});

afterEach(() => setFusedKernels(true));

// Seeds start at 1: TF.js draws an unseeded stream for seed 0.
/** Weights of these shapes (sizes 4k and not: the kernel's vectors and its scalar tail) after `steps` clipped updates. */
function train(shapes: number[][], weightDecay: number, steps: number): Float32Array[] {
  const vars = shapes.map((shape, i) => tf.variable(tf.randomNormal(shape, 0, 1, 'float32', 10 + i), true, `w${i}_${Math.random()}`));
  const opt = adamW(vars, { weightDecay, noDecay: new Set([vars[1].name]) });
  for (let t = 0; t < steps; t++) {
    const grads = Object.fromEntries(vars.map((v, i) => [v.name, tf.randomNormal(v.shape, 0, 1 + t, 'float32', 1 + 100 * t + i)]));
    const flat = opt.flatten(grads);
    const clipped = clipFlat(flat, 5);
    opt.applyFlat(clipped.grads, 1e-2 * (t + 1));
    tf.dispose([...Object.values(grads), flat.values, clipped.grads.values, clipped.norm]);
  }
  const out = vars.map((v) => v.dataSync() as Float32Array);
  opt.dispose();
  tf.dispose(vars);
  return out;
}

describe('AdamW as one wasm pass per variable', () => {
  it.each([
    { name: 'with weight decay (one variable exempt)', weightDecay: 0.01 },
    { name: 'without weight decay', weightDecay: 0 },
  ])('gives the composed ops’ weights bit for bit after 5 steps, $name', ({ weightDecay }) => {
    const shapes = [[7, 5], [3], [16], [2, 2, 3], [1]];
    const fused = train(shapes, weightDecay, 5);
    setFusedKernels({ adamW: false });
    const composed = train(shapes, weightDecay, 5);
    fused.forEach((w, i) => expect(Array.from(w)).toEqual(Array.from(composed[i])));
  });

  it('runs on wasm, and takes the textbook first step: w − lr·(sign(g) + wd·w), both moments updated in place', () => {
    // Two variables end to end: the first decays (0.1), the second is exempt (0).
    const w = [tf.variable(tf.tensor1d([1, -2, 0.5]), true, 'kernelW1'), tf.variable(tf.tensor1d([3, -1]), true, 'kernelW2')];
    const [m, s] = [tf.zeros([5]), tf.zeros([5])];
    const grad = [0.5, -4, 2, -0.25, 1];
    const g = tf.tensor1d(grad);
    const constants = { beta1: 0.9, beta2: 0.999, epsilon: 0, c1: 0.1, c2: 0.001, lr: 0.01 };
    const step = adamWOnHeap(g, m, s, w, [0.1, 0], constants)!;
    expect(step).toBeDefined();
    const f = Math.fround;
    // After one step m̂ = g and v̂ = g² (to float32 rounding), so the adaptive part is sign(g).
    const expected = [1, -2, 0.5, 3, -1].map((x, i) => x - 0.01 * (Math.sign(grad[i]) + [0.1, 0.1, 0.1, 0, 0][i] * x));
    const got = [...step.weights[0].dataSync(), ...step.weights[1].dataSync()];
    got.forEach((x, i) => expect(x).toBeCloseTo(expected[i], 6));
    Array.from(m.dataSync()).forEach((x, i) => expect(x).toBe(f(f(grad[i]) * f(0.1))));
    expect(s.dataSync()[1]).toBe(f(f(16) * f(1 - 0.999)));
    // The weights passed in are left as they were (the new ones are new tensors).
    expect(Array.from(w[1].dataSync())).toEqual([3, -1]);
    // Moments whose data another tensor shares are not written in place: the composed path takes the step.
    const shared = m.reshape([5]);
    expect(adamWOnHeap(g, m, s, w, [0.1, 0], constants)).toBeUndefined();
    shared.dispose();
    setFusedKernels({ adamW: false });
    expect(adamWOnHeap(g, m, s, w, [0.1, 0], constants)).toBeUndefined();
    tf.dispose([...w, m, s, g, ...step.weights]);
  });
});
