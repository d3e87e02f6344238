// gemm.wat against hand-computed products, against XNNPACK bit for bit (the same sums in the same order), and its
// fused multiply-add twin against a float64 reference, in an engine with relaxed SIMD.
import { readFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runWithRelaxedSimd, validatesHere } from '../../testSupport/relaxedSimd';
import { initBackend } from '../backend';
import { batchMatMul } from './batchMatMul';
import { setFusedKernels } from './fusedOps';
import { gemmKernel, product2d } from './gemm';
import { GEMM_FMA_WASM } from './gemmFmaWasm';
import { wasmBackend } from './wasmInternals';

beforeAll(async () => {
  await initBackend('wasm');
});

afterEach(() => setFusedKernels(true));

const relaxedHere = validatesHere(GEMM_FMA_WASM);

describe('gemm.wat on wasm', () => {
  it('multiplies a hand-checked product and adds the bias', () => {
    const a = tf.tensor2d([
      [1, 2],
      [3, 4],
      [0, -1],
    ]);
    const b = tf.tensor2d([
      [1, 0, 2, 0, 1, 1, 0, 3],
      [0, 1, 1, 2, 0, 1, -1, 0],
    ]);
    const bias = tf.tensor1d([10, 20, 30, 40, 50, 60, 70, 80]);
    expect(product2d(a, b)!.arraySync()).toEqual([
      [1, 2, 4, 4, 1, 3, -2, 3],
      [3, 4, 10, 8, 3, 7, -4, 9],
      [0, -1, -1, -2, 0, -1, 1, 0],
    ]);
    expect(product2d(a, b, bias)!.arraySync()[0]).toEqual([11, 22, 34, 44, 51, 63, 68, 83]);
  });

  // Rows within and outside the 4-row tiles and the 64-row chunks; widths of one and of many panels, and widths that
  // end in a partial panel (an output layer over 1,682 items).
  it.each([
    [1, 1, 8],
    [3, 7, 16],
    [5, 64, 24],
    [63, 33, 8],
    [64, 256, 64],
    [130, 64, 1024],
    [4, 5, 3],
    [70, 64, 1682],
    [9, 16, 13],
  ])("equals XNNPACK's product bit for bit, with and without a bias: [%i, %i]·[%i columns]", (m, k, n) => {
    setFusedKernels({ fusedMultiplyAdd: false });
    const a = tf.randomNormal([m, k], 0, 1, 'float32', m) as tf.Tensor2D;
    const b = tf.randomNormal([k, n], 0, 1, 'float32', n) as tf.Tensor2D;
    const bias = tf.randomNormal([n], 0, 1, 'float32', 3) as tf.Tensor1D;
    const ours = [product2d(a, b)!, product2d(a, b, bias)!].map((t) => Array.from(t.dataSync()));
    setFusedKernels({ gemm: false });
    const xnnpack = [tf.matMul(a, b), tf.fused.matMul({ a, b, bias })].map((t) => Array.from(t.dataSync()));
    expect(ours).toEqual(xnnpack);
  });

  it('leaves no tensor behind, the zero-padded bias of a partial panel included', () => {
    const [a, b, bias] = [tf.ones([5, 3]) as tf.Tensor2D, tf.ones([3, 13]) as tf.Tensor2D, tf.ones([13])];
    const before = tf.memory().numTensors;
    const c = product2d(a, b, bias)!;
    expect(tf.memory().numTensors).toBe(before + 1);
    expect(c.dataSync()[12]).toBe(4);
    c.dispose();
  });

  it('leaves mismatched shapes to the caller, whose tf.matMul reports them', () => {
    expect(product2d(tf.ones([4, 3]) as tf.Tensor2D, tf.ones([2, 8]) as tf.Tensor2D)).toBeUndefined();
    expect(product2d(tf.ones([4, 3]) as tf.Tensor2D, tf.ones([3, 8]) as tf.Tensor2D, tf.ones([7]))).toBeUndefined();
    expect(() => batchMatMul(tf.ones([4, 3]), tf.ones([2, 8]))).toThrow(/inner shapes/);
  });

  it("writes nothing past a partial panel's columns: the floats after the output are left as they were", () => {
    const backend = wasmBackend()!;
    const [m, k, n] = [5, 3, 13];
    const a = tf.ones([m, k]);
    const b = tf.ones([k, n]);
    const kernel = gemmKernel(backend)!;
    const packed = backend.makeOutput([k * 16], 'float32');
    const c = backend.makeOutput([m * n + 8], 'float32');
    const at = (t: tf.TensorInfo) => backend.dataIdMap.get(t.dataId)!.memoryOffset;
    const heap = () => backend.wasm.HEAPF32.subarray(at(c) / 4, at(c) / 4 + m * n + 8);
    heap().fill(-7);
    kernel.pack(at(b), at(packed), k, n);
    kernel.gemm(at(a), at(packed), 0, at(c), m, k, n);
    expect(Array.from(heap())).toEqual([...Array(m * n).fill(3), ...Array(8).fill(-7)]);
    backend.disposeData(packed.dataId);
    backend.disposeData(c.dataId);
  });

  it("runs as the 2-D products' kernel: no BatchMatMul kernel when on, XNNPACK's when off, no buffer left behind", async () => {
    const [a, b] = [tf.ones([16, 8]), tf.ones([8, 16])];
    const names = async () => (await tf.profile(() => batchMatMul(a, b).dispose())).kernelNames;
    const before = tf.backend().numDataIds();
    expect(await names()).not.toContain('BatchMatMul');
    expect(tf.backend().numDataIds()).toBe(before);
    setFusedKernels({ gemm: false });
    expect(await names()).toContain('BatchMatMul');
  });

  it('uses the fused multiply-add twin exactly where the engine validates it', () => {
    const backend = wasmBackend()!;
    const plain = gemmKernel(backend, false);
    expect(plain).toBeDefined();
    expect(gemmKernel(backend, true) === plain).toBe(!relaxedHere);
  });
});

// The twin, in this engine where it has relaxed SIMD, else in a Node started with it: C = A·B + bias against float64.
const TWIN_CHECK = `
const bytes = Buffer.from(process.argv[1], 'base64');
const memory = new WebAssembly.Memory({ initial: 64 });
const { pack, gemm } = new WebAssembly.Instance(new WebAssembly.Module(bytes), { env: { memory } }).exports;
const f = new Float32Array(memory.buffer);
const [m, k, n] = [37, 300, 40];
const [A, B, P, BIAS, C] = [0, m * k, m * k + k * n, m * k + 2 * k * n, m * k + 2 * k * n + n];
let s = 1;
const rand = () => ((s = (s * 16807) % 2147483647) / 2147483647) * 2 - 1;
for (let i = 0; i < C; i++) f[i] = rand();
pack(B * 4, P * 4, k, n);
gemm(A * 4, P * 4, BIAS * 4, C * 4, m, k, n);
let worst = 0;
for (let i = 0; i < m; i++)
  for (let j = 0; j < n; j++) {
    let exact = f[BIAS + j];
    for (let t = 0; t < k; t++) exact += f[A + i * k + t] * f[B + t * n + j];
    worst = Math.max(worst, Math.abs(f[C + i * n + j] - exact));
  }
console.log(worst);
`;

describe("gemm.wat's fused multiply-add twin", () => {
  it('gives A·B + bias within 2e-5 of float64 over 300-term sums (as the plain kernel does)', () => {
    const worst = Number(runWithRelaxedSimd(TWIN_CHECK, GEMM_FMA_WASM));
    expect(worst).toBeLessThan(2e-5);
    expect(worst).toBeGreaterThanOrEqual(0);
    // the twin is the plain text with its multiply-adds fused: the committed module says so
    expect(readFileSync('src/ml/transformer/gemmFmaWasm.ts', 'utf8')).toContain('from gemm.wat, its multiply-adds fused');
  });
});
