// batchMatMul on the wasm backend against a plain triple loop, and matMulFast's gradients through it against the cpu backend.
import { readFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createRng } from '../../lib/rng';
import { initBackend } from '../backend';
import { maxAbsDiff } from '../../testSupport/arrays';
import { runWithRelaxedSimd, validatesHere } from '../../testSupport/relaxedSimd';
import { wasmBackend } from './wasmInternals';
import { batchMatMul, productKernel, transposedProduct } from './batchMatMul';
import { setFusedKernels } from './fusedOps';
import { matMulFast } from './blocks';
import { PRODUCTS_FMA_WASM } from './productsFmaWasm';

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

  // Shapes the SIMD kernel takes (m at least 4, n a multiple of 8; rows across its blocks of 32, and fewer; m with a
  // last tile of 1, 2 and 3 rows, and the output layer's 1,682 items) and shapes it leaves to the transpose and XNNPACK.
  it.each([
    [1600, 64, 256, true],
    [70, 12, 16, true],
    [5, 4, 8, true],
    [33, 6, 8, true],
    [40, 13, 16, true],
    [40, 7, 8, true],
    [70, 1682, 16, true],
    [9, 3, 8, false],
    [33, 8, 12, false],
  ])("gives aᵀ·b for a [%i, %i] and b [.., %i]: XNNPACK's product after the transpose, bit for bit", async (r, m, n, simd) => {
    const a = tf.tensor2d(randomArray(r * m, 7), [r, m]);
    const b = tf.tensor2d(randomArray(r * n, 8), [r, n]);
    // The SIMD kernel runs no TF.js kernel; the way around it transposes a.
    const { kernelNames } = await tf.profile(() => tf.dispose(transposedProduct(a, b)));
    expect(kernelNames.includes('Transpose')).toBe(!simd);
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

describe("products.wat's fused multiply-add twin", () => {
  it('is used exactly where the engine validates it', () => {
    const backend = wasmBackend()!;
    const plain = productKernel(backend, false);
    expect(plain).toBeDefined();
    expect(productKernel(backend, true) === plain).toBe(!validatesHere(PRODUCTS_FMA_WASM));
  });

  // Run in this engine where it has relaxed SIMD, else in a Node started with it: both kernels against float64, on
  // shapes through the batched kernel's 16-wide, 4-wide and single columns and the transposed one's blocks of 32 rows
  // and its last tile.
  it('gives A·B per pair and AᵀB within float32 rounding of float64 (as the plain kernels do)', () => {
    const worst = runWithRelaxedSimd(TWIN_CHECK, PRODUCTS_FMA_WASM).split(' ').map(Number);
    expect(worst).toHaveLength(2);
    for (const w of worst) {
      expect(w).toBeLessThan(2e-5);
      expect(w).toBeGreaterThanOrEqual(0);
    }
    expect(readFileSync('src/ml/transformer/productsFmaWasm.ts', 'utf8')).toContain('from products.wat, its multiply-adds fused');
  });
});

const TWIN_CHECK = `
const bytes = Buffer.from(process.argv[1], 'base64');
const memory = new WebAssembly.Memory({ initial: 64 });
const { batchedProduct, transposedProduct } = new WebAssembly.Instance(new WebAssembly.Module(bytes), { env: { memory } }).exports;
const f = new Float32Array(memory.buffer);
let s = 1;
const rand = () => ((s = (s * 16807) % 2147483647) / 2147483647) * 2 - 1;
for (let i = 0; i < 60000; i++) f[i] = rand();
const [batch, m, k, n] = [3, 5, 150, 21];
const [A, B, C] = [0, batch * m * k, batch * (m * k + k * n)];
batchedProduct(A * 4, B * 4, C * 4, batch, m, k, n);
let worstBatched = 0;
for (let p = 0; p < batch; p++)
  for (let i = 0; i < m; i++)
    for (let j = 0; j < n; j++) {
      let exact = 0;
      for (let t = 0; t < k; t++) exact += f[A + p * m * k + i * k + t] * f[B + p * k * n + t * n + j];
      worstBatched = Math.max(worstBatched, Math.abs(f[C + p * m * n + i * n + j] - exact));
    }
let worstTransposed = 0;
for (const [r, tm, tn] of [[150, 12, 16], [150, 13, 16]]) {
  const [TA, TB, TC] = [30000, 30000 + r * tm, 30000 + r * (tm + tn)];
  transposedProduct(TA * 4, TB * 4, TC * 4, r, tm, tn);
  for (let i = 0; i < tm; i++)
    for (let j = 0; j < tn; j++) {
      let exact = 0;
      for (let t = 0; t < r; t++) exact += f[TA + t * tm + i] * f[TB + t * tn + j];
      worstTransposed = Math.max(worstTransposed, Math.abs(f[TC + i * tn + j] - exact));
    }
}
console.log(worstBatched + ' ' + worstTransposed);
`;
