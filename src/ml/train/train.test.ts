// Schedule shape, AdamW against a hand-computed step, and clipping by global norm.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../backend';
import { adamW, clipByGlobalNorm } from './optimizer';
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
