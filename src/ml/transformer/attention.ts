// Multi-head attention as one op on TF.js's wasm backend, at inference and in training (#23).
//
// Composed of TF.js kernels, attention after the three linears was three head-split transposes ([b, l, h, d] →
// [b, h, l, d]), a transpose of K, two batched products, a Div, an Add, a Softmax and a transpose back: on BERT-mini
// (32 × 64 tokens) ~40 ms of a ~470 ms forward, the products a quarter of that and the rest moving data. Here one pass
// (attention.wat) reads Q, K and V where the linears wrote them and writes the context in the same layout; per head
// only Kᵀ is copied, into a scratch buffer that stays in cache.
//
// In training the pass also keeps the probabilities (before dropout) and drops them by dropout.ts's rule, and a second
// pass takes Q's, K's and V's gradients per head from the context's. Composed, the same work was those ops again with
// their gradients, the softmax's and the dropout's: 5.4–6.6 ms per layer, forward and backward, on SASRec's ml-100k
// step, against 3.7–3.9 ms here (BENCHMARKS.md "Seventh part").
//
// At inference the pass also gives the probabilities where they are asked for (the explain views ask); in training
// with them asked for, and on other backends, the caller composes the ops.
import * as tf from '@tensorflow/tfjs';
import { ATTENTION_FMA_WASM } from './attentionFmaWasm';
import { ATTENTION_WASM } from './attentionWasm';
import type { DropoutMask } from './dropout';
import { fusedKernelOn, heapOf, output } from './fusedOps';
import { instantiateWithTwin, wasmBackend, type WasmBackendInternals } from './wasmInternals';

/** batch, heads, len, d and √d: the shape arguments of both of the kernel's exports. */
type Shape = [batch: number, heads: number, len: number, d: number, root: number];

/** The dropout mask's threshold, scale, k1 and k2 (dropout.ts; KEEP_ALL keeps every element). */
type MaskKeys = [threshold: number, scale: number, k1: number, k2: number];

/** attention.wat's exports: pointers are byte offsets, the mask's strides floats. */
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
    ...rest: [...Shape, probs: number, ...MaskKeys]
  ): void;
  attendBackward(
    q: number,
    k: number,
    v: number,
    probs: number,
    dctx: number,
    dq: number,
    dk: number,
    dv: number,
    scratch: number,
    ...rest: [...Shape, ...MaskKeys]
  ): void;
}

/** A threshold that keeps every element: the kernel then neither hashes nor scales. */
const KEEP_ALL = 2 ** 24;

/** The kernels for this backend: the fused multiply-add twin where the engine has relaxed SIMD, else the plain ones. */
export function attentionKernel(backend: WasmBackendInternals, fused = fusedKernelOn('fusedMultiplyAdd')): AttentionKernel | undefined {
  return instantiateWithTwin(backend, 'attention', ATTENTION_WASM, ATTENTION_FMA_WASM, fused) as AttentionKernel | undefined;
}

/**
 * Whether fusedAttention (or, while a gradient is recorded, fusedAttentionTraining) can run for heads of this width
 * here (checked before the linears, so that the composed path need not compute them twice): wasm with the kernel
 * loaded and that kind turned on, d a multiple of 8.
 */
export function fusedAttentionApplies(hidden: number, heads: number, training = tf.engine().state.gradientDepth > 0): boolean {
  const d = hidden / heads;
  if (!fusedKernelOn(training ? 'attentionTraining' : 'attention') || !Number.isInteger(d) || d % 8 !== 0) return false;
  if (!training && tf.engine().state.gradientDepth > 0) return false;
  const backend = wasmBackend();
  return !!backend && !!attentionKernel(backend);
}

/** The kernel and the tensors' heap offsets where q, k, v and mask fit it; else undefined. */
function onHeap(kind: 'attention' | 'attentionTraining', q: tf.Tensor3D, k: tf.Tensor3D, v: tf.Tensor3D, mask: tf.Tensor4D, heads: number) {
  const [batch, len, hidden] = q.shape;
  const d = hidden / heads;
  const [mb, mh, mq, mk] = mask.shape;
  const shapesFit =
    len > 0 &&
    len < 65536 && // the backward pass packs a row's key range into one i32
    Number.isInteger(d) &&
    d % 8 === 0 &&
    [k, v].every((t) => t.shape.every((n, i) => n === q.shape[i])) &&
    (mb === 1 || mb === batch) &&
    mh === 1 &&
    (mq === 1 || mq === len) &&
    mk === len;
  const fast = shapesFit ? heapOf(kind, [q, k, v, mask], kind === 'attentionTraining') : undefined;
  const kernel = fast && attentionKernel(fast.backend);
  if (!fast || !kernel) return undefined;
  // The mask's strides in floats: 0 along a broadcast axis.
  const maskStrides = [mb === 1 ? 0 : mq * len, mq === 1 ? 0 : len];
  return { ...fast, kernel, batch, len, hidden, d, maskStrides, width: Math.ceil(len / 8) * 8 };
}

const maskKeys = (drop?: DropoutMask): MaskKeys => (drop ? [drop.threshold, drop.scale, drop.k1 | 0, drop.k2 | 0] : [KEEP_ALL, 1, 0, 0]);

const shapeOf = (fast: { batch: number; len: number; d: number }, heads: number): Shape => [
  fast.batch,
  heads,
  fast.len,
  fast.d,
  Math.sqrt(fast.d),
];

/** attend over the tensors `fast` found into a new context; the probabilities before dropout into `probsAt` unless 0. */
function attendOnHeap(fast: NonNullable<ReturnType<typeof onHeap>>, heads: number, probsAt: number, keys: MaskKeys): tf.Tensor3D {
  const { backend, at, kernel, batch, len, hidden, d, maskStrides, width } = fast;
  const scratch = output(backend, [(d + 4) * width + d]);
  const context = output(backend, [batch, len, hidden]);
  const [q, k, v, mask] = at.map((i) => i * 4);
  const [maskBatch, maskRow] = maskStrides;
  kernel.attend(q, k, v, mask, maskBatch, maskRow, context.at * 4, scratch.at * 4, ...shapeOf(fast, heads), probsAt, ...keys);
  backend.disposeData(scratch.info.dataId);
  return tf.engine().makeTensorFromTensorInfo(context.info) as tf.Tensor3D;
}

/**
 * softmax(Q·Kᵀ/√d + mask)·V per head for q, k, v [batch, len, heads·d] (heads side by side in the last axis) and an
 * additive mask [batch|1, 1, 1|len, len]: the context [batch, len, heads·d]; undefined where the fused path does not
 * apply (then compose the ops).
 */
export function fusedAttention(q: tf.Tensor3D, k: tf.Tensor3D, v: tf.Tensor3D, mask: tf.Tensor4D, heads: number): tf.Tensor3D | undefined {
  const fast = onHeap('attention', q, k, v, mask, heads);
  return fast && attendOnHeap(fast, heads, 0, maskKeys());
}

/**
 * fusedAttention with the attention probabilities too ([batch, heads, len, len], what the explain views read), from
 * the same pass: a masked key's probability is exactly 0, as tf.softmax's is.
 */
export function fusedAttentionWithProbabilities(
  q: tf.Tensor3D,
  k: tf.Tensor3D,
  v: tf.Tensor3D,
  mask: tf.Tensor4D,
  heads: number,
): { context: tf.Tensor3D; probs: tf.Tensor4D } | undefined {
  const fast = onHeap('attention', q, k, v, mask, heads);
  if (!fast) return undefined;
  const probs = output(fast.backend, [fast.batch, heads, fast.len, fast.len]);
  const context = attendOnHeap(fast, heads, probs.at * 4, maskKeys());
  return { context, probs: tf.engine().makeTensorFromTensorInfo(probs.info) as tf.Tensor4D };
}

/**
 * fusedAttention differentiable in q, k and v (the mask is a constant: it gets no gradient), with the probabilities
 * dropped by `drop` (dropout.ts's mask, by their flat index in [batch, heads, len, len], as the composed path's dropout
 * of the probabilities keeps them) when given; undefined where it does not apply.
 */
export function fusedAttentionTraining(
  q: tf.Tensor3D,
  k: tf.Tensor3D,
  v: tf.Tensor3D,
  mask: tf.Tensor4D,
  heads: number,
  drop?: DropoutMask,
): tf.Tensor3D | undefined {
  if (!onHeap('attentionTraining', q, k, v, mask, heads)) return undefined;
  const keys = maskKeys(drop);
  const op = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [qs, ks, vs, save] = args as [tf.Tensor3D, tf.Tensor3D, tf.Tensor3D, tf.GradSaveFunc];
    const fast = onHeap('attentionTraining', qs, ks, vs, mask, heads)!;
    const { backend, kernel, batch, len, hidden, d, width } = fast;
    const probs = output(backend, [batch, heads, len, len]);
    const context = attendOnHeap(fast, heads, probs.at * 4, keys);
    save([qs, ks, vs, tf.engine().makeTensorFromTensorInfo(probs.info)]);
    return {
      value: context,
      gradFunc: (dy: tf.Tensor | tf.Tensor[], saved: tf.Tensor[]) => {
        const [sq, sk, sv, sp, sy] = heapOf('attentionTraining', [...saved, dy as tf.Tensor], true)!.at.map((i) => i * 4);
        const [dq, dk, dv] = [0, 1, 2].map(() => output(backend, [batch, len, hidden]));
        const scratch = output(backend, [(d + 8) * width + d]);
        kernel.attendBackward(sq, sk, sv, sp, sy, dq.at * 4, dk.at * 4, dv.at * 4, scratch.at * 4, ...shapeOf(fast, heads), ...keys);
        backend.disposeData(scratch.info.dataId);
        return [dq, dk, dv].map((g) => tf.engine().makeTensorFromTensorInfo(g.info));
      },
    };
  });
  return op(q, k, v) as tf.Tensor3D;
}
