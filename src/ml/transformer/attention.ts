// Multi-head attention at inference as one op on TF.js's wasm backend (#23).
//
// Composed of TF.js kernels, attention after the three linears was three head-split transposes ([b, l, h, d] →
// [b, h, l, d]), a transpose of K, two batched products, a Div, an Add, a Softmax and a transpose back: on BERT-mini
// (32 × 64 tokens) ~40 ms of a ~470 ms forward, the products a quarter of that and the rest moving data. Here one pass
// (attention.wat) reads Q, K and V where the linears wrote them and writes the context in the same layout; per head
// only Kᵀ is copied, into a scratch buffer that stays in cache.
//
// It applies at inference only (no gradient, no dropout) and when the attention probabilities are not asked for
// (the explain views ask for them); elsewhere, and on other backends, the caller composes the ops.
import * as tf from '@tensorflow/tfjs';
import { ATTENTION_WASM } from './attentionWasm';
import { fusedKernelOn, heapOf, output } from './fusedOps';
import { instantiateOnHeap, wasmBackend, type WasmBackendInternals } from './wasmInternals';

interface AttentionKernel {
  attend(
    q: number,
    k: number,
    v: number,
    mask: number,
    maskBatch: number,
    maskRow: number,
    ctx: number,
    scratch: number,
    batch: number,
    heads: number,
    len: number,
    d: number,
    root: number,
  ): void;
}

function attentionKernel(backend: WasmBackendInternals): AttentionKernel | undefined {
  return instantiateOnHeap(backend, 'attention', ATTENTION_WASM) as AttentionKernel | undefined;
}

/**
 * Whether fusedAttention can run for heads of this width here (checked before the linears, so that the composed path
 * need not compute them twice): wasm with the kernel loaded, no gradient recorded, d a multiple of 8.
 */
export function fusedAttentionApplies(hidden: number, heads: number): boolean {
  const d = hidden / heads;
  if (!fusedKernelOn('attention') || tf.engine().state.gradientDepth > 0 || !Number.isInteger(d) || d % 8 !== 0) return false;
  const backend = wasmBackend();
  return !!backend && !!attentionKernel(backend);
}

/**
 * softmax(Q·Kᵀ/√d + mask)·V per head for q, k, v [batch, len, heads·d] (heads side by side in the last axis) and an
 * additive mask [batch|1, 1, 1|len, len]: the context [batch, len, heads·d]; undefined where the fused path does not
 * apply (then compose the ops).
 */
export function fusedAttention(q: tf.Tensor3D, k: tf.Tensor3D, v: tf.Tensor3D, mask: tf.Tensor4D, heads: number): tf.Tensor3D | undefined {
  const [batch, len, hidden] = q.shape;
  const d = hidden / heads;
  const [mb, mh, mq, mk] = mask.shape;
  const shapesFit =
    len > 0 &&
    Number.isInteger(d) &&
    d % 8 === 0 &&
    [k, v].every((t) => t.shape.every((n, i) => n === q.shape[i])) &&
    (mb === 1 || mb === batch) &&
    mh === 1 &&
    (mq === 1 || mq === len) &&
    mk === len;
  const fast = shapesFit ? heapOf('attention', [q, k, v, mask]) : undefined;
  const kernel = fast && attentionKernel(fast.backend);
  if (!fast || !kernel) return undefined;
  const { backend, at } = fast;
  const width = Math.ceil(len / 8) * 8;
  const scratch = output(backend, [(d + 4) * width + d]);
  const context = output(backend, [batch, len, hidden]);
  const [qi, ki, vi, mi] = at;
  kernel.attend(
    qi * 4,
    ki * 4,
    vi * 4,
    mi * 4,
    mb === 1 ? 0 : mq * len,
    mq === 1 ? 0 : len,
    context.at * 4,
    scratch.at * 4,
    batch,
    heads,
    len,
    d,
    Math.sqrt(d),
  );
  backend.disposeData(scratch.info.dataId);
  return tf.engine().makeTensorFromTensorInfo(context.info) as tf.Tensor3D;
}
