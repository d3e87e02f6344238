// Fused inference kernels for the encoder's element-wise work on TF.js's wasm backend: residual add + LayerNorm and
// GELU, each one pass over the wasm heap instead of a chain of TF.js kernels.
//
// Profiled on BERT-mini (32 × 64 tokens, wasm, one thread), the matmuls were ~450 ms of a ~580 ms forward pass, and
// most of the rest was these chains: GELU (Mul, Mul, Erf, Add, Mul on [2048, 1024]) took ~45 ms, Erf 42 of it; each
// LayerNorm is ~10 kernels (moments, sub, rsqrt, mul, mul, add). ONNX Runtime runs each as one fused kernel. Here
// they run as wasm SIMD (simdKernels.ts), with a plain JS loop for GELU where that module is unavailable (JS's
// rational erf still beats TF.js's scalar Erf; a JS LayerNorm lost to the composed SIMD kernels, so it has none).
// The attention softmax stays composed: a JS scale + mask + softmax measured 10× slower than TF.js's three kernels
// (Math.exp alone costs more than XNNPACK's whole softmax).
//
// Inference only: while a gradient is being recorded (tf.grad, variableGrads, a training step) every function here
// returns undefined and the caller composes the TF.js ops, so training keeps TF.js's own gradients. Other backends
// also get undefined (the GPU path stays the same computation as before), as does a wasm build without the internals.
import * as tf from '@tensorflow/tfjs';
import { ERF_DENOMINATOR, ERF_NUMERATOR, simdKernels } from './simdKernels';
import { memoryOffset, wasmBackend, type WasmBackendInternals } from './wasmInternals';

export interface FusedKernels {
  layerNorm: boolean;
  gelu: boolean;
}

const enabled: FusedKernels = { layerNorm: true, gelu: true };

/** Turn fused kernels off or on (default: all on), all or some: for before/after measurements in one run and tests. */
export function setFusedKernels(on: boolean | Partial<FusedKernels>): void {
  Object.assign(enabled, typeof on === 'boolean' ? { layerNorm: on, gelu: on } : on);
}

/** The wasm backend and each tensor's float index on its heap, when the fused path applies; else undefined. */
function heapOf(kind: keyof FusedKernels, tensors: tf.Tensor[]): { backend: WasmBackendInternals; at: number[] } | undefined {
  if (!enabled[kind] || tf.engine().state.gradientDepth > 0) return undefined;
  if (tensors.some((t) => t.dtype !== 'float32')) return undefined;
  const backend = wasmBackend();
  if (!backend) return undefined;
  const at: number[] = [];
  for (const t of tensors) {
    const offset = memoryOffset(backend, t);
    if (offset === undefined) return undefined;
    at.push(offset >>> 2);
  }
  return { backend, at };
}

/** A new float32 tensor of this shape and its float index on the heap (read the heap views after this: it may grow). */
function output(backend: WasmBackendInternals, shape: number[]): { info: tf.TensorInfo; at: number } {
  const info = backend.makeOutput(shape, 'float32');
  return { info, at: memoryOffset(backend, info)! >>> 2 };
}

const sameShape = (a: tf.Tensor, b: tf.Tensor) => a.rank === b.rank && a.shape.every((d, i) => d === b.shape[i]);

/**
 * LayerNorm over the last axis of x (+ residual, same shape, added first): (v − mean) / √(var + eps) · weight + bias,
 * with the population variance as tf.moments computes it (two passes). Rows of a multiple of 4 floats (SIMD).
 */
export function fusedLayerNorm(x: tf.Tensor, weight: tf.Tensor, bias: tf.Tensor, eps: number, residual?: tf.Tensor): tf.Tensor | undefined {
  const h = x.shape[x.rank - 1];
  if (weight.size !== h || bias.size !== h || (residual && !sameShape(x, residual))) return undefined;
  const fast = heapOf('layerNorm', residual ? [x, weight, bias, residual] : [x, weight, bias]);
  if (!fast) return undefined;
  const simd = h % 4 === 0 ? simdKernels(fast.backend) : undefined;
  if (!simd) return undefined;
  const [xi, wi, bi, ri] = fast.at;
  const out = output(fast.backend, x.shape);
  simd.layerNorm(xi * 4, residual ? ri * 4 : 0, wi * 4, bi * 4, out.at * 4, x.size / h, h, eps);
  return tf.engine().makeTensorFromTensorInfo(out.info);
}

// erf as Eigen (and so TensorFlow) computes it in float32: a rational function of x on [−4, 4] (beyond, erf is ±1 in
// float32), a few multiply-adds and one division. No Math.exp: in JS that costs more than the whole wasm Erf kernel.
const [A13, A11, A9, A7, A5, A3, A1] = ERF_NUMERATOR;
const [B8, B6, B4, B2, B0] = ERF_DENOMINATOR;

function erf(v: number): number {
  const x = v > 4 ? 4 : v < -4 ? -4 : v;
  const x2 = x * x;
  const p = x * ((((((A13 * x2 + A11) * x2 + A9) * x2 + A7) * x2 + A5) * x2 + A3) * x2 + A1);
  const q = (((B8 * x2 + B6) * x2 + B4) * x2 + B2) * x2 + B0;
  return p / q;
}

const TANH_SCALE = Math.sqrt(2 / Math.PI);

/** GELU, exact ('gelu': 0.5·x·(1 + erf(x/√2))) or tanh-approximated ('gelu_tanh'), element-wise in one pass. */
export function fusedGelu(x: tf.Tensor, kind: 'gelu' | 'gelu_tanh'): tf.Tensor | undefined {
  const fast = heapOf('gelu', [x]);
  if (!fast) return undefined;
  const { backend } = fast;
  const [xi] = fast.at;
  const out = output(backend, x.shape);
  const simd = kind === 'gelu' && x.size % 4 === 0 ? simdKernels(backend) : undefined;
  if (simd) {
    simd.gelu(xi * 4, out.at * 4, x.size);
    return tf.engine().makeTensorFromTensorInfo(out.info);
  }
  const heap = backend.wasm.HEAPF32;
  const n = x.size;
  if (heap.length < Math.max(xi, out.at) + n) {
    // A view older than the memory (a threaded build that grew it elsewhere): leave the work to the composed ops.
    backend.disposeData(out.info.dataId);
    return undefined;
  }
  if (kind === 'gelu') {
    for (let i = 0; i < n; i++) {
      const v = heap[xi + i];
      heap[out.at + i] = 0.5 * v * (1 + erf(v * Math.SQRT1_2));
    }
  } else {
    for (let i = 0; i < n; i++) {
      const v = heap[xi + i];
      heap[out.at + i] = 0.5 * v * (1 + Math.tanh(TANH_SCALE * (v + 0.044715 * v * v * v)));
    }
  }
  return tf.engine().makeTensorFromTensorInfo(out.info);
}
