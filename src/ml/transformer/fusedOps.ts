// Fused inference kernels for the encoder's element-wise work on TF.js's wasm backend: LayerNorm (with the residual
// add before it), GELU and the attention softmax (with its scale and additive mask), each one pass in JS over the wasm
// heap instead of a chain of TF.js kernels.
//
// Profiled on BERT-mini (32 × 64 tokens, wasm, one thread), the matmuls were ~450 ms of a ~580 ms forward pass, and
// most of the rest was these chains: GELU alone (Mul, Mul, Erf, Add, Mul on [2048, 1024]) took ~45 ms, Erf 42 of it;
// each LayerNorm is ~10 kernels (moments, sub, rsqrt, mul, mul, add). ONNX Runtime runs each as one fused kernel.
//
// Inference only: while a gradient is being recorded (tf.grad, variableGrads, a training step) every function here
// returns undefined and the caller composes the TF.js ops, so training keeps TF.js's own gradients. Other backends
// also get undefined (the GPU path stays the same computation as before), as does a wasm build without the internals.
import * as tf from '@tensorflow/tfjs';
import { memoryOffset, wasmBackend, type WasmBackendInternals } from './wasmInternals';

export interface FusedKernels {
  layerNorm: boolean;
  gelu: boolean;
  softmax: boolean;
}

const enabled: FusedKernels = { layerNorm: true, gelu: true, softmax: true };

/** Turn fused kernels off or on (default: all on), all or some: for before/after measurements in one run and tests. */
export function setFusedKernels(on: boolean | Partial<FusedKernels>): void {
  Object.assign(enabled, typeof on === 'boolean' ? { layerNorm: on, gelu: on, softmax: on } : on);
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
 * with the population variance as tf.moments computes it. Mean and variance are summed in float64.
 */
export function fusedLayerNorm(x: tf.Tensor, weight: tf.Tensor, bias: tf.Tensor, eps: number, residual?: tf.Tensor): tf.Tensor | undefined {
  const h = x.shape[x.rank - 1];
  if (weight.size !== h || bias.size !== h || (residual && !sameShape(x, residual))) return undefined;
  const fast = heapOf('layerNorm', residual ? [x, weight, bias, residual] : [x, weight, bias]);
  if (!fast) return undefined;
  const { backend } = fast;
  const [xi, wi, bi, ri] = fast.at;
  const out = output(backend, x.shape);
  const heap = backend.wasm.HEAPF32;
  const rows = x.size / h;
  for (let r = 0; r < rows; r++) {
    const o = out.at + r * h;
    // The residual sum, rounded to float32 as the composed Add is; then one pass for the sums (float64, so
    // Σv² − n·mean² loses nothing that float32 results could show) and one to write.
    if (residual) {
      const xr = xi + r * h;
      const rr = ri + r * h;
      for (let j = 0; j < h; j++) heap[o + j] = heap[xr + j] + heap[rr + j];
    }
    const src = residual ? o : xi + r * h;
    let sum = 0;
    let sq = 0;
    for (let j = 0; j < h; j++) {
      const v = heap[src + j];
      sum += v;
      sq += v * v;
    }
    const mean = sum / h;
    const inv = 1 / Math.sqrt(Math.max(0, sq / h - mean * mean) + eps);
    for (let j = 0; j < h; j++) heap[o + j] = (heap[src + j] - mean) * inv * heap[wi + j] + heap[bi + j];
  }
  return tf.engine().makeTensorFromTensorInfo(out.info);
}

// erf as Eigen (and so TensorFlow) computes it in float32: a rational function of x on [−4, 4] (beyond, erf is ±1 in
// float32), a few multiply-adds and one division. No Math.exp: in JS that costs more than the whole wasm Erf kernel.
const ALPHA = [
  -2.72614225801306e-10, 2.77068142495902e-8, -2.10102402082508e-6, -5.69250639462346e-5, -7.34990630326855e-4, -2.95459980854025e-3,
  -1.60960333262415e-2,
];
const BETA = [-1.45660718464996e-5, -2.13374055278905e-4, -1.68282697438203e-3, -7.37332916720468e-3, -1.42647390514189e-2];
const [A13, A11, A9, A7, A5, A3, A1] = ALPHA;
const [B8, B6, B4, B2, B0] = BETA;

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
  const heap = backend.wasm.HEAPF32;
  const n = x.size;
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

/**
 * softmax(scores / divisor + mask) over the last axis. scores [batch, heads, len_q, len_k]; mask [batch|1, 1,
 * len_q|1, len_k], broadcast over heads (and query positions when its third axis is 1). A row whose every key is
 * masked with F32_MIN gets uniform weights, as the composed ops give.
 */
export function fusedMaskedSoftmax(scores: tf.Tensor, divisor: number, mask: tf.Tensor): tf.Tensor | undefined {
  if (scores.rank !== 4 || mask.rank !== 4) return undefined;
  const [b, heads, lq, lk] = scores.shape;
  const [mb, mh, mq, mk] = mask.shape;
  if ((mb !== b && mb !== 1) || mh !== 1 || (mq !== lq && mq !== 1) || mk !== lk) return undefined;
  const fast = heapOf('softmax', [scores, mask]);
  if (!fast) return undefined;
  const { backend } = fast;
  const [si, mi] = fast.at;
  const out = output(backend, scores.shape);
  const heap = backend.wasm.HEAPF32;
  const row = new Float64Array(lk);
  for (let bi = 0; bi < b; bi++)
    for (let hi = 0; hi < heads; hi++)
      for (let q = 0; q < lq; q++) {
        const s = ((bi * heads + hi) * lq + q) * lk;
        const m = mi + ((mb === 1 ? 0 : bi) * mq + (mq === 1 ? 0 : q)) * lk;
        let max = -Infinity;
        for (let j = 0; j < lk; j++) {
          // Rounded to float32 as the composed Div and Add are, so that a masked score (≈ −3.4e38) stays finite.
          const v = Math.fround(Math.fround(heap[si + s + j] / divisor) + heap[m + j]);
          row[j] = v;
          if (v > max) max = v;
        }
        let sum = 0;
        for (let j = 0; j < lk; j++) {
          const e = Math.exp(row[j] - max);
          row[j] = e;
          sum += e;
        }
        const o = out.at + s;
        for (let j = 0; j < lk; j++) heap[o + j] = row[j] / sum;
      }
  return tf.engine().makeTensorFromTensorInfo(out.info);
}
