// The 2-D products of the encoders on TF.js's wasm backend (#23): gemm.wat, where XNNPACK ran them before.
//
// Measured here (2-core Xeon, one thread, BENCHMARKS.md "Fifth part"), XNNPACK as tfjs-backend-wasm 4.x calls it ran
// BERT-mini's and SASRec's products at 26–32 GFLOP/s; gemm.wat takes the same sums in the same order (its results
// equal XNNPACK's bit for bit) at 1.10–1.35× that. Its twin with fused multiply-adds (relaxed SIMD: Chromium, and Node
// from V8 11.4) ran at 1.07–1.65× (in Node 20 with its flag), rounding once per multiply-add instead of twice. The
// twin is used wherever the engine accepts it.
//
// Other backends, the threaded build (its memory is not exported) and settings that turn it off get undefined: the
// caller uses XNNPACK as before.
import * as tf from '@tensorflow/tfjs';
import { fusedKernelOn, heapOf, output } from './fusedOps';
import { GEMM_FMA_WASM } from './gemmFmaWasm';
import { GEMM_WASM } from './gemmWasm';
import { instantiateWithTwin, type WasmBackendInternals } from './wasmInternals';

interface GemmKernel {
  /** B [k, n] into panels of 8 columns; byte offsets. */
  pack(b: number, packed: number, k: number, n: number): void;
  /** C [m, n] = A [m, k] · B (+ bias [n] unless 0), B packed; byte offsets. */
  gemm(a: number, packed: number, bias: number, c: number, m: number, k: number, n: number): void;
}

/** The kernel for this backend: the fused multiply-add twin where the engine has relaxed SIMD, else the plain one. */
export function gemmKernel(backend: WasmBackendInternals, fused = fusedKernelOn('fusedMultiplyAdd')): GemmKernel | undefined {
  return instantiateWithTwin(backend, 'gemm', GEMM_WASM, GEMM_FMA_WASM, fused) as GemmKernel | undefined;
}

/**
 * a [m, k] · b [k, n] (+ bias [n], added first, as XNNPACK adds it) as gemm.wat computes it, or undefined where it does
 * not apply. Not differentiable by itself: it runs inside callers' own gradients (matMulFast) and at inference.
 */
export function product2d(a: tf.Tensor2D, b: tf.Tensor2D, bias?: tf.Tensor): tf.Tensor2D | undefined {
  const [m, k] = a.shape;
  const [k2, n] = b.shape;
  if (k !== k2 || m === 0 || k === 0 || n === 0 || (bias && bias.size !== n)) return undefined;
  // The kernel reads the bias 8 floats at a time: a width that is not a multiple of 8 gets a zero-padded copy.
  const width = Math.ceil(n / 8) * 8;
  const paddedBias = bias && width !== n ? tf.tidy(() => tf.pad(bias.reshape([n]), [[0, width - n]])) : bias;
  try {
    const fast = heapOf('gemm', paddedBias ? [a, b, paddedBias] : [a, b], true);
    const kernel = fast && gemmKernel(fast.backend);
    if (!fast || !kernel) return undefined;
    const { backend, at } = fast;
    const packed = output(backend, [k, width]);
    kernel.pack(at[1] * 4, packed.at * 4, k, n);
    const c = output(backend, [m, n]);
    kernel.gemm(at[0] * 4, packed.at * 4, paddedBias ? at[2] * 4 : 0, c.at * 4, m, k, n);
    backend.disposeData(packed.info.dataId);
    return tf.engine().makeTensorFromTensorInfo(c.info) as tf.Tensor2D;
  } finally {
    if (paddedBias !== bias) paddedBias?.dispose();
  }
}
