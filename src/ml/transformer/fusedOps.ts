// Fused kernels for the encoder's element-wise work on TF.js's wasm backend, each one pass over the wasm heap instead
// of a chain of TF.js kernels.
//
// Inference: residual add + LayerNorm, and GELU. Profiled on BERT-mini (32 × 64 tokens, wasm, one thread), the
// matmuls were ~450 ms of a ~580 ms forward pass, and most of the rest was these chains: GELU (Mul, Mul, Erf, Add, Mul
// on [2048, 1024]) took ~45 ms, Erf 42 of it; each LayerNorm is ~10 kernels (moments, sub, rsqrt, mul, mul, add).
// ONNX Runtime runs each as one fused kernel. Here they run as wasm SIMD (simdKernels.ts), with a plain JS loop for
// GELU where that module is unavailable (JS's rational erf still beats TF.js's scalar Erf; a JS LayerNorm lost to the
// composed SIMD kernels, so it has none). The attention softmax stays composed: a JS scale + mask + softmax measured
// 10× slower than TF.js's three kernels (Math.exp alone costs more than XNNPACK's whole softmax). While a gradient is
// being recorded these two return undefined and the caller composes the TF.js ops.
//
// Training (#23): GELU as a customGrad whose forward and derivative are each one SIMD pass (composed, the pair is Erf,
// Exp and about ten element-wise kernels, 15 ms of a 174 ms SASRec step on ml-100k), and column sums, a bias's
// gradient (Σ over the rows of dy). TF.js has no cheap form of the latter on wasm: Sum over axis 0 transposes first,
// and a ones·dy product makes XNNPACK repack all of dy as a weight matrix for one output row (10 ms of a 186 ms SASRec
// step for the item bias, [1600, 1682]).
//
// Other backends, and a wasm build without the internals, get the composed ops: the GPU path computes what it did.
import * as tf from '@tensorflow/tfjs';
import { ERF_DENOMINATOR, ERF_NUMERATOR, simdKernels } from './simdKernels';
import { memoryOffset, wasmBackend, type WasmBackendInternals } from './wasmInternals';

export interface FusedKernels {
  layerNorm: boolean;
  gelu: boolean;
  /** GELU while a gradient is recorded: forward and derivative each one SIMD pass (the exact form only). */
  geluTraining: boolean;
  columnSums: boolean;
  /** LayerNorm while a gradient is recorded: the forward kernel and a SIMD gradient (layerNormTraining.ts). */
  layerNormTraining: boolean;
  /** The full-softmax output layer's loss and gradient in training (softmaxLoss.ts). */
  softmaxLoss: boolean;
  /** Batched products (attention's) and Aᵀ·B (weights' gradients) as SIMD kernels rather than XNNPACK calls (batchMatMul.ts). */
  products: boolean;
  /** A linear's bias added inside the product (gemm.wat's, else XNNPACK's fused one) rather than by an Add, in training too. */
  productBias: boolean;
  /** Inference: attention's scores, mask, softmax and context as one pass, without head-split transposes (attention.ts). */
  attention: boolean;
  /** Training: the same pass keeping the probabilities and dropping them, and a pass for Q's, K's and V's gradients. */
  attentionTraining: boolean;
  /** 2-D products (every linear, forward and backward) as gemm.wat rather than XNNPACK (gemm.ts). */
  gemm: boolean;
  /**
   * The twins of gemm.wat, products.wat and attention.wat with fused multiply-adds, where the engine has relaxed SIMD
   * (one rounding per multiply-add).
   */
  fusedMultiplyAdd: boolean;
  /** Dropout as one SIMD pass whose mask is a hash of index and seed (dropout.ts); off, the same mask is multiplied in. */
  dropout: boolean;
  /** AdamW's update as one SIMD pass per variable (train/adamwKernel.ts) rather than a dozen kernels over the flat buffer. */
  adamW: boolean;
  /** Global-norm clipping as a norm pass and, only when it clips, a scaling pass (train/clipKernel.ts). */
  clip: boolean;
}

const ALL: FusedKernels = {
  layerNorm: true,
  gelu: true,
  geluTraining: true,
  columnSums: true,
  layerNormTraining: true,
  softmaxLoss: true,
  products: true,
  productBias: true,
  attention: true,
  attentionTraining: true,
  gemm: true,
  fusedMultiplyAdd: true,
  dropout: true,
  adamW: true,
  clip: true,
};
const enabled: FusedKernels = { ...ALL };

/** Turn fused kernels off or on (default: all on), all or some: for before/after measurements in one run and tests. */
export function setFusedKernels(on: boolean | Partial<FusedKernels>): void {
  const all = Object.fromEntries(Object.keys(ALL).map((k) => [k, on])) as unknown as FusedKernels;
  Object.assign(enabled, typeof on === 'boolean' ? all : on);
}

/** Whether a fused kernel is turned on (setFusedKernels). */
export const fusedKernelOn = (kind: keyof FusedKernels): boolean => enabled[kind];

/**
 * The wasm backend and each tensor's float index on its heap, when the fused path applies; else undefined. Not while a
 * gradient is recorded, unless the kernel brings its own gradient (`ownGradient`).
 */
export function heapOf(
  kind: keyof FusedKernels,
  tensors: tf.Tensor[],
  ownGradient = false,
): { backend: WasmBackendInternals; at: number[] } | undefined {
  if (!enabled[kind] || (!ownGradient && tf.engine().state.gradientDepth > 0)) return undefined;
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
export function output(backend: WasmBackendInternals, shape: number[]): { info: tf.TensorInfo; at: number } {
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

/**
 * GELU, exact ('gelu': 0.5·x·(1 + erf(x/√2))) or tanh-approximated ('gelu_tanh'), element-wise in one pass. While a
 * gradient is recorded, the exact form runs with its own SIMD derivative (geluForTraining); the tanh form composes.
 */
export function fusedGelu(x: tf.Tensor, kind: 'gelu' | 'gelu_tanh'): tf.Tensor | undefined {
  if (tf.engine().state.gradientDepth > 0) return kind === 'gelu' ? geluForTraining(x) : undefined;
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

/**
 * Σ over the rows of a 2-D float32 tensor, [cols]: one SIMD pass over the wasm heap, elsewhere the product onesᵀ·m (on
 * GPUs one product; TF.js's Sum over axis 0 transposes first).
 */
export function columnSums(m: tf.Tensor2D): tf.Tensor1D {
  const fast = heapOf('columnSums', [m]);
  const simd = fast && simdKernels(fast.backend);
  if (!fast || !simd) return tf.matMul(tf.ones([1, m.shape[0]]), m).reshape([-1]);
  const [rows, cols] = m.shape;
  const out = output(fast.backend, [cols]);
  simd.columnSums(fast.at[0] * 4, out.at * 4, rows, cols);
  return tf.engine().makeTensorFromTensorInfo(out.info) as tf.Tensor1D;
}

/** The heap and the SIMD module for GELU in training, where x (and dy) fill whole 4-float vectors; else undefined. */
function geluTrainingHeap(tensors: tf.Tensor[]) {
  if (tensors.some((t) => t.size % 4 !== 0)) return undefined;
  const fast = heapOf('geluTraining', tensors, true);
  const simd = fast && simdKernels(fast.backend);
  return fast && simd ? { ...fast, simd } : undefined;
}

/** GELU (exact form) and its derivative dy·(Φ(x) + x·φ(x)), each one SIMD pass on wasm; undefined where unavailable. */
function geluForTraining(x: tf.Tensor): tf.Tensor | undefined {
  const fast = geluTrainingHeap([x]);
  if (!fast) return undefined;
  const op = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [v, save] = args as [tf.Tensor, tf.GradSaveFunc];
    save([v]);
    const out = output(fast.backend, v.shape);
    fast.simd.gelu(fast.at[0] * 4, out.at * 4, v.size);
    return {
      value: tf.engine().makeTensorFromTensorInfo(out.info),
      gradFunc: (dy: tf.Tensor | tf.Tensor[], saved: tf.Tensor[]) => {
        const [xs, d] = [saved[0], dy as tf.Tensor];
        // dy is a fresh tensor on the same heap; the composed derivative only where it is not (kernels turned off
        // between the forward pass and this one).
        const g = geluTrainingHeap([xs, d]);
        if (!g) return [d.mul(composedGeluDerivative(xs))];
        const dx = output(g.backend, xs.shape);
        g.simd.geluGrad(g.at[0] * 4, g.at[1] * 4, dx.at * 4, xs.size);
        return [tf.engine().makeTensorFromTensorInfo(dx.info)];
      },
    };
  });
  return op(x);
}

/** Φ(x) + x·φ(x) with TF.js ops. */
function composedGeluDerivative(x: tf.Tensor): tf.Tensor {
  const cdf = tf.erf(x.mul(Math.SQRT1_2)).add(1).mul(0.5);
  return cdf.add(x.mul(tf.exp(x.square().mul(-0.5))).mul(1 / Math.sqrt(2 * Math.PI)));
}
