// The wasm SIMD kernels called directly on tensors' memory, against hand-computed values: proof that the module
// assembles, links to TF.js's memory and runs here (fusedOps.test.ts checks the paths that use it).
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../backend';
import { simdKernels } from './simdKernels';
import { memoryOffset, wasmBackend } from './wasmInternals';

beforeAll(async () => {
  await initBackend('wasm');
});

const at = (t: tf.Tensor) => memoryOffset(wasmBackend()!, t)!;

describe('simdKernels on the wasm backend', () => {
  it('assembles and binds to the backend memory', () => {
    expect(simdKernels(wasmBackend()!)).toBeDefined();
  });

  it('writes GELU(x) = x·Φ(x) into the output, 4 lanes at a time', () => {
    const k = simdKernels(wasmBackend()!)!;
    // Φ(1) = 0.8413447460685429, Φ(0.5) = 0.6914624612740131; beyond ±4 erf is ±1 in float32.
    const x = tf.tensor1d([1, -1, 0.5, 0, 10, -10, 2, -0.5]);
    const out = tf.zeros([8]);
    k.gelu(at(x), at(out), 8);
    const want = [
      0.8413447460685429,
      -0.1586552539314571,
      0.5 * 0.6914624612740131,
      0,
      10,
      0,
      1.9544997361036416,
      -0.5 * (1 - 0.6914624612740131),
    ];
    out.dataSync().forEach((v, i) => expect(v).toBeCloseTo(want[i], 6));
  });

  it('normalises each row, adding the residual first when given', () => {
    const k = simdKernels(wasmBackend()!)!;
    // Row 0: [1, 2, 3, 4], mean 2.5, variance 1.25. Row 1: [2, 2, 2, 6], mean 3, variance 3.
    const x = tf.tensor2d([
      [1, 2, 3, 4],
      [2, 2, 2, 6],
    ]);
    const w = tf.tensor1d([1, 2, 1, 1]);
    const b = tf.tensor1d([0, 0, 0, 1]);
    const out = tf.zeros([2, 4]);
    k.layerNorm(at(x), 0, at(w), at(b), at(out), 2, 4, 0);
    const s0 = 1 / Math.sqrt(1.25);
    const s1 = 1 / Math.sqrt(3);
    const want = [-1.5 * s0, -0.5 * s0 * 2, 0.5 * s0, 1.5 * s0 + 1, -s1, -s1 * 2, -s1, 3 * s1 + 1];
    out.dataSync().forEach((v, i) => expect(v).toBeCloseTo(want[i], 5));
    // The same rows as x − 1 plus a residual of ones.
    const res = tf.onesLike(x);
    const shifted = x.sub(1);
    const out2 = tf.zeros([2, 4]);
    k.layerNorm(at(shifted), at(res), at(w), at(b), at(out2), 2, 4, 0);
    out2.dataSync().forEach((v, i) => expect(v).toBeCloseTo(want[i], 5));
  });
});
