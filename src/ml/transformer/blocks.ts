// Transformer encoder blocks (post-LayerNorm, BERT style), written once for BERT and the sequence recommender.
import * as tf from '@tensorflow/tfjs';
import { tidyObject } from '../tensors';
import { fusedAttention, fusedAttentionApplies, fusedAttentionTraining, fusedAttentionWithProbabilities } from './attention';
import { batchMatMul, transposedProduct } from './batchMatMul';
import { dropout as hashDropout, dropoutMask, type DropoutMask } from './dropout';
import { product2d } from './gemm';
import { gatherRows } from './gatherRows';
import { layerNormForTraining } from './layerNormTraining';
import { packRows, paddedLayout, type Packing } from './packing';
import { columnSums, fusedGelu, fusedKernelOn, fusedLayerNorm } from './fusedOps';
import { webgpuLayerNorm } from './webgpuFused';

export type Activation = 'gelu' | 'gelu_tanh' | 'relu';

/** Low-rank update of a Linear: y += scale · (x A) B. Kept separate so it can be trained alone and merged on export. */
export interface LoraAdapter {
  /** [in, rank] (PEFT's lora_A transposed, like every weight here: see Linear) */
  a: tf.Tensor;
  /** [rank, out] */
  b: tf.Tensor;
  scale: number;
}

/**
 * Houlsby bottleneck adapter on a sublayer's output, before its residual: y += up(act(down(y))). Unlike LoRA it is
 * non-linear, so it cannot be folded into the weight: it is exported beside it (README "Text models").
 */
export interface BottleneckAdapter {
  /** weight [out, size] (the host's out is its in) */
  down: Linear;
  /** weight [size, out]; starts at zero so a fresh adapter is the identity. */
  up: Linear;
  activation: Activation;
}

/**
 * weight [in, out], so y = x·W needs no transpose forward or backward (#23). Files keep PyTorch/HF's [out, in]:
 * loaders and exporters swap the axes (weightLayout.ts), and nothing else sees the file layout.
 */
export interface Linear {
  weight: tf.Tensor;
  bias?: tf.Tensor;
  lora?: LoraAdapter;
  adapter?: BottleneckAdapter;
}

export interface LayerNormWeights {
  weight: tf.Tensor;
  bias: tf.Tensor;
}

export interface AttentionWeights {
  query: Linear;
  key: Linear;
  value: Linear;
  output: Linear;
  norm: LayerNormWeights;
}

export interface EncoderLayerWeights {
  attention: AttentionWeights;
  intermediate: Linear;
  output: Linear;
  norm: LayerNormWeights;
}

export interface EncoderOptions {
  numHeads: number;
  layerNormEps: number;
  activation: Activation;
  outputHiddenStates?: boolean;
  outputAttentions?: boolean;
  /** Dropout rate for training; leave undefined (or 0) for inference. */
  dropout?: number;
  /** Seed for dropout masks, so a training run is reproducible. */
  seed?: number;
  /**
   * Extra additive attention bias [batch|1, 1, len, len] (query × key), added to the padding mask, e.g. a causal
   * mask for SASRec. Use a large finite negative (not F32_MIN): added to a padding key's F32_MIN it must not reach -∞.
   */
  attentionBias?: tf.Tensor4D;
  /**
   * The batch's real positions (packing.ts): the linears, LayerNorms, GELUs and dropouts run on those rows only, and
   * attention on the padded layout; the outputs are the padded ones, zeros at padding.
   */
  packing?: Packing;
}

export interface EncoderOutput {
  lastHiddenState: tf.Tensor3D;
  /** Input embeddings followed by each layer's output (HF convention: numLayers + 1 entries). */
  hiddenStates?: tf.Tensor3D[];
  /** Softmax probabilities per layer, [batch, heads, len, len]. */
  attentions?: tf.Tensor4D[];
}

/** The float32 minimum, which the reference adds to the scores of padding keys. */
export const F32_MIN = -3.4028234663852886e38;

/**
 * Several row lookups in one table as one (each id tensor's rows, shaped ids.shape + [width]): the table's gradient is
 * then one scatter, where separate lookups each scatter into a table-sized gradient and the tape adds those up. On a
 * large catalog (Beauty: 54,542 × 64) those were most of the cost of a sampled softmax's step (#23).
 */
export function embeddingLookups(table: tf.Tensor, ids: tf.Tensor[]): tf.Tensor[] {
  const rows = embeddingLookup(table, tf.concat(ids.map((i) => i.reshape([-1]))));
  const parts = tf.split(
    rows,
    ids.map((i) => i.size),
  );
  return parts.map((p, k) => p.reshape([...ids[k].shape, table.shape[1]!]));
}

/**
 * Row lookup with a gradient every backend can run: TF.js's own gather gradient needs UnsortedSegmentSum,
 * which the wasm backend lacks, so scatter the upstream gradient back with ScatterNd (it sums repeated ids).
 */
export function embeddingLookup(table: tf.Tensor, ids: tf.Tensor): tf.Tensor {
  const lookup = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [t, idx, save] = args as [tf.Tensor, tf.Tensor, tf.GradSaveFunc];
    // ids may be an intermediate (e.g. a position range) that is gone by the backward pass unless saved.
    save([idx]);
    return {
      value: gatherRows(t, idx),
      gradFunc: (dy: tf.Tensor | tf.Tensor[], saved: tf.Tensor[]) => {
        const [i] = saved;
        const grad = tf.scatterND(i.reshape([-1, 1]), (dy as tf.Tensor).reshape([-1, t.shape[1]!]), t.shape);
        return [grad, tf.zerosLike(i)];
      },
    };
  });
  return lookup(table, ids);
}

/** Swap the last two axes, materialised. */
function swapLast(x: tf.Tensor): tf.Tensor {
  const perm = x.shape.map((_, i) => i);
  [perm[x.rank - 2], perm[x.rank - 1]] = [perm[x.rank - 1], perm[x.rank - 2]];
  return x.transpose(perm);
}

/**
 * tf.matMul (same batch dims on both sides) computed only with untransposed products, forward and backward.
 * The wasm backend's BatchMatMul is ~10–20× slower with a transposed operand (measured in Node: [3200,64]·[1682,64]ᵀ
 * 650 ms vs 55 ms after an explicit transpose), and TF.js's own gradient of a·b uses transposed products.
 * Batched products (attention) go through batchMatMul, which keeps wasm on XNNPACK instead of its scalar fallback.
 */
export function matMulFast(a: tf.Tensor, b: tf.Tensor, transposeA = false, transposeB = false): tf.Tensor {
  // The detour is wasm's alone: GPU backends (and cpu) read a transposed operand inside the product, where each
  // explicit transpose would be one more kernel and one more buffer, forward and backward (#23).
  if (tf.getBackend() !== 'wasm') return tf.matMul(a, b, transposeA, transposeB);
  const op = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [x, y, save] = args as [tf.Tensor, tf.Tensor, tf.GradSaveFunc];
    const xa = transposeA ? swapLast(x) : x;
    // y itself is saved: the gradient of a needs y's transpose's transpose, which is y (attention's keys).
    save([xa, y]);
    return {
      value: batchMatMul(xa, transposeB ? swapLast(y) : y),
      gradFunc: (dy: tf.Tensor | tf.Tensor[], saved: tf.Tensor[]) => {
        const [sa, sy] = saved;
        const d = dy as tf.Tensor;
        const da = batchMatMul(d, transposeB ? sy : swapLast(sy));
        // With b transposed, its gradient is dᵀ·a as well as (aᵀ·d)ᵀ. XNNPACK repacks the right operand on every call:
        // for the output layer's [1600, 64]·[64, 1682] that is all of d (2.7M floats) one way, a (0.1M) the other, and
        // transposing d costs less than packing it (18 against 22 ms a step, SASRec on ml-100k).
        if (transposeB && !transposeA && d.rank === 2 && d.shape[1]! > sa.shape[1]!)
          return [da, transposedProduct(d as tf.Tensor2D, sa as tf.Tensor2D)];
        const db = d.rank === 2 ? transposedProduct(sa as tf.Tensor2D, d as tf.Tensor2D) : batchMatMul(swapLast(sa), d);
        return [transposeA ? swapLast(da) : da, transposeB ? swapLast(db) : db];
      },
    };
  });
  return op(a, b);
}

/**
 * y [rows, n] + bias [n] broadcast over the rows. The bias gradient is the column sums of dy (fusedOps.ts's
 * columnSums: one SIMD pass on wasm, a product onesᵀ · dy elsewhere) instead of TF.js's Sum over the rows, which on
 * wasm transposes dy first: the pair cost ~9 ms on a [2560, 256] activation.
 */
export function addBias(y: tf.Tensor, bias: tf.Tensor): tf.Tensor {
  const op = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [x, b] = args as [tf.Tensor2D, tf.Tensor1D];
    return {
      value: x.add(b),
      gradFunc: (dy: tf.Tensor | tf.Tensor[]) => {
        const d = dy as tf.Tensor2D;
        return [d, columnSums(d).reshape(b.shape)];
      },
    };
  });
  return op(y, bias);
}

/**
 * On wasm, the bias is added inside the product (gemm.wat's sums start from it, as XNNPACK's fused form's do): one
 * pass over the output fewer, 4 of 40 ms on BERT-mini's [2048, 256]·[256, 1024] with XNNPACK. While a gradient is
 * recorded, linearWithBias brings the gradient: columnSums for the bias (TF.js's fused gradient sums the rows through
 * a transpose), and for x and the weight the products matMulFast takes.
 */
function biasInProduct(w: Linear): boolean {
  return !!w.bias && !w.lora && fusedKernelOn('productBias') && tf.getBackend() === 'wasm';
}

/** x [rows, in] · weight [in, out] + bias [out], differentiable, the bias inside gemm.wat's product (where it applies). */
function linearWithBias(x: tf.Tensor2D, weight: tf.Tensor2D, bias: tf.Tensor1D): tf.Tensor {
  const op = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [v, wt, b, save] = args as [tf.Tensor2D, tf.Tensor2D, tf.Tensor1D, tf.GradSaveFunc];
    save([v, wt]);
    return {
      value: product2d(v, wt, b) ?? tf.fused.matMul({ a: v, b: wt, bias: b }),
      gradFunc: (dy: tf.Tensor | tf.Tensor[], saved: tf.Tensor[]) => {
        const [sx, sw] = saved as tf.Tensor2D[];
        const d = dy as tf.Tensor2D;
        return [batchMatMul(d, sw.transpose()), transposedProduct(sx, d), columnSums(d).reshape(b.shape)];
      },
    };
  });
  return op(x, weight, bias);
}

export function linear(x: tf.Tensor, w: Linear): tf.Tensor {
  const inDim = x.shape[x.rank - 1];
  const x2 = x.reshape([-1, inDim]);
  const withBias = biasInProduct(w);
  let y = withBias ? linearWithBias(x2 as tf.Tensor2D, w.weight as tf.Tensor2D, w.bias as tf.Tensor1D) : matMulFast(x2, w.weight);
  if (w.lora) y = y.add(matMulFast(matMulFast(x2, w.lora.a), w.lora.b).mul(w.lora.scale));
  if (w.bias && !withBias) y = addBias(y, w.bias);
  if (w.adapter) y = y.add(linear(activate(linear(y, w.adapter.down), w.adapter.activation), w.adapter.up));
  return y.reshape([...x.shape.slice(0, -1), w.weight.shape[1]!]);
}

/** LayerNorm over the last axis of x, or of x + residual when one is given (one fused kernel on wasm at inference). */
export function layerNorm(x: tf.Tensor, w: LayerNormWeights, eps: number, residual?: tf.Tensor): tf.Tensor {
  const fused = fusedLayerNorm(x, w.weight, w.bias, eps, residual) ?? layerNormForTraining(x, w.weight, w.bias, eps, residual);
  if (fused) return fused;
  if (residual) return layerNorm(x.add(residual), w, eps);
  const onGpu = webgpuLayerNorm(x, w.weight, w.bias, eps);
  if (onGpu) return onGpu;
  const { mean, variance } = tf.moments(x, -1, true);
  return x
    .sub(mean)
    .mul(tf.rsqrt(variance.add(eps)))
    .mul(w.weight)
    .add(w.bias);
}

export function activate(x: tf.Tensor, kind: Activation): tf.Tensor {
  const fused = kind === 'gelu' || kind === 'gelu_tanh' ? fusedGelu(x, kind) : undefined;
  if (fused) return fused;
  switch (kind) {
    case 'gelu':
      return x.mul(0.5).mul(tf.erf(x.mul(Math.SQRT1_2)).add(1));
    case 'gelu_tanh':
      return x.mul(0.5).mul(tf.tanh(x.add(x.pow(3).mul(0.044715)).mul(Math.sqrt(2 / Math.PI))).add(1));
    case 'relu':
      return tf.relu(x);
    default:
      // A config that slipped an unknown name through must fail here with a reason, not as undefined.shape later.
      throw new Error(`unknown activation ${JSON.stringify(kind)} (gelu, gelu_tanh or relu)`);
  }
}

/** [batch, len] of 1/0 → [batch, 1, 1, len] of 0/F32_MIN, broadcast over heads and query positions. */
export function additiveMask(mask: tf.Tensor2D): tf.Tensor4D {
  const [b, l] = mask.shape;
  return tf.sub(1, mask.toFloat()).mul(F32_MIN).reshape([b, 1, 1, l]);
}

/** [1, 1, len, len] bias that hides later keys from each query (0 on and below the diagonal, -1e9 above). */
export function causalBias(len: number): tf.Tensor4D {
  return tf.tidy(
    () =>
      tf
        .sub(1, tf.linalg.bandPart(tf.ones([len, len]), -1, 0))
        .mul(-1e9)
        .reshape([1, 1, len, len]) as tf.Tensor4D,
  );
}

/** The seed of the dropout with this salt: drawn when the options give none (unseeded, as tf.dropout was). */
const dropoutSeed = (opts: EncoderOptions, salt: number) =>
  opts.seed === undefined ? Math.floor(Math.random() * 2 ** 32) : opts.seed * 1000 + salt;

/** Dropout of x, which holds packed rows where the options carry a packing (the padded tensor's mask either way). */
function dropout(x: tf.Tensor, opts: EncoderOptions, salt: number): tf.Tensor {
  if (!opts.dropout) return x;
  const positions = opts.packing && { rows: opts.packing.rows, width: x.shape[x.rank - 1] };
  return hashDropout(x, opts.dropout, dropoutSeed(opts, salt), positions);
}

/**
 * Q, K and V per head, [batch, heads, len, d] each. On GPU backends from one product: the three weights side by side
 * [in, 3·hidden], one bias add, one head-split transpose and one split, where three linears launch three of each
 * (#23). On wasm the three linears stay: its SplitV copies strided thirds slowly (14 ms per SASRec step, 31 ms per
 * BERT-mini forward of 32 × 64 tokens, against 2–3 ms of transposes saved; BENCHMARKS.md "The fused training step").
 * The weights stay three Linears, as files, LoRA and adapters know them; a LoRA, an adapter or a missing bias on any
 * of them also keeps the three linears.
 */
function projectQkv(x: tf.Tensor3D, w: AttentionWeights, heads: number): tf.Tensor[] {
  const [b, l, hidden] = x.shape;
  const d = hidden / heads;
  const parts = [w.query, w.key, w.value];
  if (tf.getBackend() === 'wasm' || parts.some((p) => p.lora || p.adapter || !p.bias)) {
    return parts.map((p) => linear(x, p).reshape([b, l, heads, d]).transpose([0, 2, 1, 3]));
  }
  const [weights, biases] = [parts.map((p) => p.weight), parts.map((p) => p.bias!)];
  const fused: Linear = { weight: tf.concat(weights, 1), bias: tf.concat(biases) };
  // Columns q | k | v, each head-major: [b, l, 3·heads, d] → [b, 3·heads, l, d], then thirds along the head axis.
  const all = linear(x, fused)
    .reshape([b, l, 3 * heads, d])
    .transpose([0, 2, 1, 3]);
  return tf.split(all, 3, 1);
}

/**
 * Attention's context [batch, len, hidden] from the three linears' outputs as one fused op (attention.ts): at
 * inference, with the probabilities when `withProbs`; or differentiable, with the probabilities dropped by `drop`,
 * while a gradient is recorded or dropout is asked for (not with the probabilities). Undefined where it does not
 * apply: the linears' outputs are then disposed and the caller composes the ops.
 */
function attendFused(
  x: tf.Tensor,
  addMask: tf.Tensor4D,
  w: AttentionWeights,
  heads: number,
  drop: DropoutMask | undefined,
  withProbs: boolean,
  packing: Packing | undefined,
): { context: tf.Tensor3D; probs?: tf.Tensor4D } | undefined {
  const training = !!drop || tf.engine().state.gradientDepth > 0;
  if ((training && withProbs) || !fusedAttentionApplies(x.shape[x.rank - 1], heads, training)) return undefined;
  // Packed, the linears run on the real rows and attention on their padded layout.
  const [q, k, v] = [w.query, w.key, w.value].map((p) => paddedLayout(linear(x, p), packing));
  const fused = training
    ? fusedAttentionTraining(q, k, v, addMask, heads, drop)
    : withProbs
      ? fusedAttentionWithProbabilities(q, k, v, addMask, heads)
      : fusedAttention(q, k, v, addMask, heads);
  if (!fused) tf.dispose([q, k, v]);
  return fused instanceof tf.Tensor ? { context: fused } : fused;
}

/**
 * Multi-head self-attention + residual + LayerNorm. Returns the block output, and the attention probabilities where
 * they are asked for (and, composed, wherever the fused path does not run). x is [batch, len, hidden], or the packed
 * rows [rows, hidden] where the options carry a packing (the output likewise).
 */
export function selfAttention(
  x: tf.Tensor,
  addMask: tf.Tensor4D,
  w: AttentionWeights,
  opts: EncoderOptions,
  salt = 0,
): { output: tf.Tensor; probs?: tf.Tensor4D } {
  const { packing } = opts;
  const hidden = x.shape[x.rank - 1];
  const [b, l] = packing ? [packing.batch, packing.len] : x.shape;
  const heads = opts.numHeads;
  const d = hidden / heads;
  const drop = opts.dropout ? dropoutMask(opts.dropout, dropoutSeed(opts, salt)) : undefined;
  const fused = attendFused(x, addMask, w, heads, drop, !!opts.outputAttentions, packing);
  const [q, k, v] = fused ? [] : projectQkv(paddedLayout(x, packing), w, heads);
  const probs = fused ? fused.probs : (tf.softmax(matMulFast(q, k, false, true).div(Math.sqrt(d)).add(addMask)) as tf.Tensor4D);
  // The probabilities' dropout is on the padded [batch, heads, len, len] layout, packed or not.
  const probsDropout = { ...opts, packing: undefined };
  const context =
    fused?.context ??
    (matMulFast(dropout(probs!, probsDropout, salt), v)
      .transpose([0, 2, 1, 3])
      .reshape([b, l, hidden]) as tf.Tensor3D);
  const projected = dropout(linear(packing ? packRows(context, packing) : context, w.output), opts, salt + 1);
  return { output: layerNorm(projected, w.norm, opts.layerNormEps, x), probs };
}

/**
 * One encoder layer: attention block, then the position-wise feed-forward block with its own residual + LayerNorm.
 * x and the output are [batch, len, hidden], or packed rows where the options carry a packing.
 */
export function encoderLayer(x: tf.Tensor, addMask: tf.Tensor4D, w: EncoderLayerWeights, opts: EncoderOptions, salt = 0) {
  const { output: attended, probs } = selfAttention(x, addMask, w.attention, opts, salt);
  const inner = activate(linear(attended, w.intermediate), opts.activation);
  const out = dropout(linear(inner, w.output), opts, salt + 2);
  return { output: layerNorm(out, w.norm, opts.layerNormEps, attended), probs };
}

/**
 * Run the encoder stack on precomputed input embeddings [batch, len, hidden] with a 1/0 padding mask [batch, len].
 * This is the entry point for models that build their own embeddings (the sequence recommender).
 */
export function encode(inputEmbeds: tf.Tensor3D, mask: tf.Tensor2D, layers: EncoderLayerWeights[], opts: EncoderOptions): EncoderOutput {
  return tidyObject(() => {
    const padMask = additiveMask(mask);
    const addMask = opts.attentionBias ? (padMask.add(opts.attentionBias) as tf.Tensor4D) : padMask;
    const hiddenStates: tf.Tensor3D[] = [inputEmbeds.clone()];
    const attentions: tf.Tensor4D[] = [];
    const { packing } = opts;
    // Packed, the layers pass the real rows on, and the outputs are laid back out with zeros at padding.
    let h: tf.Tensor = packing ? packRows(inputEmbeds, packing) : inputEmbeds;
    layers.forEach((layer, i) => {
      const { output, probs } = encoderLayer(h, addMask, layer, opts, i * 10);
      h = output;
      if (opts.outputHiddenStates) hiddenStates.push(paddedLayout(h, packing));
      if (probs) attentions.push(probs);
    });
    const last = paddedLayout(h, packing);
    const out: EncoderOutput = { lastHiddenState: last === inputEmbeds ? last.clone() : last };
    if (opts.outputHiddenStates) out.hiddenStates = hiddenStates;
    if (opts.outputAttentions) out.attentions = attentions;
    return out;
  });
}
