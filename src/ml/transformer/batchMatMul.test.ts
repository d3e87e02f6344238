// batchMatMul on the wasm backend against a plain triple loop, and matMulFast's gradients through it against the cpu backend.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createRng } from '../../lib/rng';
import { initBackend } from '../backend';
import { maxAbsDiff } from '../../testSupport/arrays';
import { batchMatMul, transposedProduct } from './batchMatMul';
import { setFusedKernels } from './fusedOps';
import { matMulFast } from './blocks';

function randomArray(n: number, seed: number): Float32Array {
  const rng = createRng(seed);
  return Float32Array.from({ length: n }, () => rng.normal());
}

/** Reference: out[b] = a[b] · b[b], each a [m, k] row-major block. */
function loopMatMul(a: Float32Array, b: Float32Array, batch: number, m: number, k: number, n: number): Float32Array {
  const out = new Float32Array(batch * m * n);
  for (let t = 0; t < batch; t++)
    for (let i = 0; i < m; i++)
      for (let j = 0; j < n; j++) {
        let s = 0;
        for (let p = 0; p < k; p++) s += a[t * m * k + i * k + p] * b[t * k * n + p * n + j];
        out[t * m * n + i * n + j] = s;
      }
  return out;
}

beforeAll(async () => {
  await initBackend('wasm');
});

describe('batchMatMul on wasm', () => {
  // Columns that fill the SIMD kernel's 16-wide blocks, its 4-wide vectors and its single columns, in each mix; then
  // the same with each pair handed to XNNPACK.
  it.each([
    [[3], 4, 5, 6, true],
    [[2, 3], 7, 4, 5, true],
    [[4, 2], 16, 8, 16, true],
    [[64], 50, 32, 50, true],
    [[5], 3, 7, 21, true],
    [[2, 3], 7, 4, 5, false],
    [[5], 3, 7, 21, false],
  ])('matches a triple loop for batch %j, m %i, k %i, n %i (one SIMD kernel: %s)', async (batchShape, m, k, n, simd) => {
    expect(tf.getBackend()).toBe('wasm');
    setFusedKernels({ products: simd });
    const batch = batchShape.reduce((p, d) => p * d, 1);
    const av = randomArray(batch * m * k, 1);
    const bv = randomArray(batch * k * n, 2);
    const a = tf.tensor(av, [...batchShape, m, k]);
    const b = tf.tensor(bv, [...batchShape, k, n]);
    const before = tf.memory().numTensors;
    const y = batchMatMul(a, b);
    expect(y.shape).toEqual([...batchShape, m, n]);
    expect(maxAbsDiff(await y.data(), loopMatMul(av, bv, batch, m, k, n))).toBeLessThan(1e-4);
    y.dispose();
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([a, b]);
    setFusedKernels(true);
  });

  it('leaves the operands untouched and repeated calls agree', async () => {
    const av = randomArray(6 * 5 * 4, 3);
    const a = tf.tensor(av, [6, 5, 4]);
    const b = tf.tensor(randomArray(6 * 4 * 3, 4), [6, 4, 3]);
    const first = await batchMatMul(a, b).data();
    const second = await batchMatMul(a, b).data();
    expect(Array.from(second)).toEqual(Array.from(first));
    expect(Array.from(await a.data())).toEqual(Array.from(av));
  });

  it('gives matMulFast the same values and gradients as the cpu backend, transposed operands included', async () => {
    const av = randomArray(2 * 3 * 5 * 4, 5);
    const bv = randomArray(2 * 3 * 6 * 4, 6);
    const run = () => {
      const a = tf.tensor(av, [2, 3, 5, 4]);
      const b = tf.tensor(bv, [2, 3, 6, 4]);
      const f = (x: tf.Tensor, y: tf.Tensor) => matMulFast(x, y, false, true).square().sum();
      const [ga, gb] = tf.grads(f)([a, b]);
      return Promise.all([f(a, b).data(), ga.data(), gb.data()]);
    };
    const onWasm = await run();
    await tf.setBackend('cpu');
    const onCpu = await run();
    await tf.setBackend('wasm');
    for (let i = 0; i < 3; i++) expect(maxAbsDiff(onWasm[i], onCpu[i]) / Math.max(1, ...Array.from(onCpu[i], Math.abs))).toBeLessThan(1e-5);
  });

  // Shapes the SIMD kernel takes (m a multiple of 4, n of 8; rows across its blocks of 32, and fewer) and shapes it
  // leaves to the transpose and XNNPACK.
  it.each([
    [1600, 64, 256],
    [70, 12, 16],
    [5, 4, 8],
    [33, 6, 8],
    [33, 8, 12],
  ])("gives aᵀ·b for a [%i, %i] and b [.., %i]: XNNPACK's product after the transpose, bit for bit", async (r, m, n) => {
    const a = tf.tensor2d(randomArray(r * m, 7), [r, m]);
    const b = tf.tensor2d(randomArray(r * n, 8), [r, n]);
    const before = tf.memory().numTensors;
    const got = transposedProduct(a, b);
    expect(got.shape).toEqual([m, n]);
    expect(tf.memory().numTensors).toBe(before + 1);
    // (tf.matMul with transposeA runs wasm's scalar fallback, whose sums go in another order.)
    const want = tf.tidy(() => tf.matMul(a.transpose(), b));
    expect(Array.from(await got.data())).toEqual(Array.from(await want.data()));
    const aT = tf.tidy(() => a.transpose().dataSync() as Float32Array);
    expect(maxAbsDiff(await got.data(), loopMatMul(aT, b.dataSync() as Float32Array, 1, m, r, n))).toBeLessThan(1e-3);
    tf.dispose([a, b, got, want]);
  });
});
