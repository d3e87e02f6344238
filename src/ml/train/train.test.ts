// Schedule shape, AdamW against a hand-computed step, and clipping by global norm.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../backend';
import { adamW, clipByGlobalNorm, clipFlat } from './optimizer';
import { linearWarmupDecay } from './schedule';

beforeAll(async () => {
  await initBackend('wasm');
});

describe('linearWarmupDecay', () => {
  it('rises linearly over warmup and decays to zero at the end', () => {
    expect(linearWarmupDecay(0, 100, 10)).toBe(0);
    expect(linearWarmupDecay(5, 100, 10)).toBe(0.5);
    expect(linearWarmupDecay(10, 100, 10)).toBe(1);
    expect(linearWarmupDecay(55, 100, 10)).toBe(0.5);
    expect(linearWarmupDecay(100, 100, 10)).toBe(0);
    expect(linearWarmupDecay(0, 10, 0)).toBe(1);
  });
});

describe('adamW', () => {
  it('takes the textbook first step: w − lr·(sign(g) + wd·w), and skips decay where told', () => {
    const w = tf.variable(tf.tensor1d([1, -2]), true, 'w');
    const b = tf.variable(tf.tensor1d([3]), true, 'b');
    const opt = adamW([w, b], { weightDecay: 0.1, noDecay: new Set(['b']), epsilon: 0 });
    const grads = { w: tf.tensor1d([0.5, -4]), b: tf.tensor1d([2]) };
    opt.apply(grads, 0.01);
    // After one step m̂ = g and v̂ = g², so the adaptive part is sign(g).
    expect(Array.from(w.dataSync())).toEqual(Array.from(new Float32Array([1 - 0.01 * (1 + 0.1), -2 - 0.01 * (-1 - 0.2)])));
    expect(b.dataSync()[0]).toBeCloseTo(3 - 0.01, 6);
    tf.dispose([w, b, grads.w, grads.b]);
    opt.dispose();
  });
});

describe('clipByGlobalNorm', () => {
  it('scales to the max norm only when above it', () => {
    const grads = { a: tf.tensor1d([3, 0]), b: tf.tensor1d([4]) };
    const clipped = clipByGlobalNorm(grads, 1);
    expect(clipped.norm.dataSync()[0]).toBeCloseTo(5, 5);
    expect(clipped.grads.a.dataSync()[0]).toBeCloseTo(0.6, 5);
    expect(clipped.grads.b.dataSync()[0]).toBeCloseTo(0.8, 5);
    const kept = clipByGlobalNorm(grads, 10);
    expect(kept.grads.b.dataSync()[0]).toBeCloseTo(4, 5);
    tf.dispose([grads, clipped.grads, kept.grads]);
  });
});

describe('adamW over one flat buffer with flat clipping (#23)', () => {
  it('takes two hand-computed steps on two parameters: clipped, then unclipped, decay on one only', () => {
    const w = tf.variable(tf.tensor1d([1]), true, 'fw');
    const b = tf.variable(tf.tensor1d([3]), true, 'fb');
    const opt = adamW([w, b], { weightDecay: 0.1, noDecay: new Set(['fb']), epsilon: 0 });
    const step = (gw: number, gb: number) =>
      tf.tidy(() => {
        const clipped = clipFlat(opt.flatten({ fw: tf.tensor1d([gw]), fb: tf.tensor1d([gb]) }), 1);
        opt.applyFlat(clipped.grads, 0.01);
        return clipped.norm.dataSync()[0];
      });
    // Step 1: ‖(3, 4)‖ = 5 > 1, so g = (0.6, 0.8); m̂ = g, ŝ = g², the adaptive part is 1 for both.
    expect(step(3, 4)).toBeCloseTo(5, 5);
    expect(w.dataSync()[0]).toBeCloseTo(1 - 0.01 * (1 + 0.1 * 1), 6); // 0.989
    expect(b.dataSync()[0]).toBeCloseTo(3 - 0.01, 6); // 2.99, no decay
    // Step 2: ‖(0.3, −0.4)‖ = 0.5 ≤ 1, unclipped. w: m = 0.9·0.06 + 0.1·0.3 = 0.084, s = 0.999·0.00036 + 0.001·0.09
    // = 0.00044964; m̂/√ŝ = (0.084/0.19)/√(0.00044964/0.001999) = 0.932180; w = 0.989 − 0.01·(0.932180 + 0.1·0.989).
    // b: m = 0.072 − 0.04 = 0.032, s = 0.00063936 + 0.00016 = 0.00079936; m̂/√ŝ = 0.266337; b = 2.99 − 0.00266337.
    expect(step(0.3, -0.4)).toBeCloseTo(0.5, 5);
    expect(w.dataSync()[0]).toBeCloseTo(0.9786892, 6);
    expect(b.dataSync()[0]).toBeCloseTo(2.9873366, 6);
    opt.dispose();
    tf.dispose([w, b]);
  });

  it('leaves a variable without a gradient untouched (weights and moments), as the per-variable update did', () => {
    const a = tf.variable(tf.tensor2d([[1, 2]]), true, 'ma');
    const z = tf.variable(tf.tensor1d([5]), true, 'mz');
    const before = tf.memory().numTensors;
    const opt = adamW([a, z], { weightDecay: 0.5, epsilon: 0 });
    // z has no gradient in step 1: not decayed, not moved, its moments stay zero.
    opt.apply({ ma: tf.tensor2d([[1, -1]]) }, 0.1);
    expect(Array.from(a.dataSync())).toEqual(Array.from(new Float32Array([1 - 0.1 * (1 + 0.5), 2 - 0.1 * (-1 + 1)])));
    expect(z.dataSync()[0]).toBe(5);
    // Step 2 (t = 2) with z's first gradient: its moments start from zero, so m̂ = g·0.1/0.19 and ŝ = g²·0.001/0.001999.
    opt.apply({ ma: tf.tensor2d([[1, -1]]), mz: tf.tensor1d([2]) }, 0.1);
    const adaptive = (0.1 * 2) / 0.19 / Math.sqrt((0.001 * 4) / (1 - 0.999 ** 2));
    expect(z.dataSync()[0]).toBeCloseTo(5 - 0.1 * (adaptive + 0.5 * 5), 5);
    // Step 3 without z's gradient again (the same missing set, its mask reused): z stays where step 2 left it.
    const afterTwo = z.dataSync()[0];
    opt.apply({ ma: tf.tensor2d([[1, -1]]) }, 0.1);
    expect(z.dataSync()[0]).toBe(afterTwo);
    // Once disposed, the optimizer leaves nothing behind (moments, masks, indices): only the caller's 4 gradients.
    opt.dispose();
    expect(tf.memory().numTensors).toBe(before + 4);
    tf.dispose([a, z]);
  });
});
