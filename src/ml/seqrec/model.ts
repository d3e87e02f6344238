// The sequence recommender network: item/type/position(/time) embeddings → shared encoder → tied-weight item scores.
import * as tf from '@tensorflow/tfjs';
import { tidyObject } from '../tensors';
import { adamW, type AdamW } from '../train/optimizer';
import {
  activate,
  addBias,
  causalBias,
  embeddingLookup,
  encode,
  layerNorm,
  linear,
  matMulFast,
  type EncoderLayerWeights,
  type EncoderOptions,
  type LayerNormWeights,
  type Linear,
} from '../transformer/blocks';
import { dropout } from '../transformer/dropout';
import { packingOf, realRows, type Packing } from '../transformer/packing';
import { swapAxes, transposedInit, type ArrayTensor } from '../transformer/weightLayout';
import type { BatchArrays } from './batch';
import type { SeqRecConfig } from './config';
import { projectedInit } from './itemText';

export interface SeqRecWeights {
  /** [numItems + 2, hidden]: row 0 padding, rows 1..numItems items, last row [MASK]. Also the output layer (tied). */
  item: tf.Variable;
  /** [numItems] output bias. */
  itemBias: tf.Variable;
  /** [numEventTypes + 1, hidden], row 0 unknown/[MASK]. */
  type: tf.Variable;
  /** [maxLen, hidden], indexed by distance from the sequence end (positions 'start': from the window's start). */
  position: tf.Variable;
  time?: tf.Variable;
  /** itemText 'augment': item embedding = seen ⊙ item + vectors · projection; bias = seen ⊙ itemBias + vectors · biasProjection. */
  text?: {
    /** [numItems + 2, textDim], frozen normalised text vectors (rows 0 and [MASK] zero). A buffer, not trained. */
    vectors: tf.Variable;
    /** [numItems + 2, 1], frozen: 0 for items never seen in training (see itemText.ts seenMask). A buffer. */
    seen: tf.Variable;
    /** [textDim, hidden], learned. */
    projection: tf.Variable;
    /** [textDim, 1], learned: the text part of the output bias. */
    biasProjection: tf.Variable;
  };
  norm: LayerNormWeights;
  layers: EncoderLayerWeights[];
  /** outputHead: dense → gelu → LayerNorm on the encoder output before the tied item product. */
  outputHead?: { dense: Linear; norm: LayerNormWeights };
}

export interface SeqRecModel {
  config: SeqRecConfig;
  weights: SeqRecWeights;
  /** Stable keys (checkpoint names) → variables; tf.Variable names carry a per-instance prefix to stay unique. */
  named: Map<string, tf.Variable>;
  /** Non-trained state that a checkpoint must carry (the item text vectors and seen mask), by stable key. */
  buffers: Map<string, tf.Variable>;
  /** Keys exempt from weight decay: biases, LayerNorm weights (HF convention). */
  noDecay: Set<string>;
  /** Keys of Linear weights: [in, out] here, [out, in] in checkpoints (checkpointLayout swaps them). */
  transposed: Set<string>;
}

let instances = 0;

/**
 * Fresh model with seeded truncated-normal(0.02) initialisation (BERT's), LayerNorm at identity. `text`: normalised
 * item text vectors [numItems, textDim] (itemText.ts) for itemText 'augment'; without them (a checkpoint about to be
 * imported) the text buffers start at zero. itemText 'init' is applied afterwards by initItemTableFromText.
 */
export function createModel(config: SeqRecConfig, seed: number, text?: Float32Array): SeqRecModel {
  const prefix = `seqrec${++instances}/`;
  const named = new Map<string, tf.Variable>();
  const buffers = new Map<string, tf.Variable>();
  const noDecay = new Set<string>();
  const transposed = new Set<string>();
  let s = seed * 7919 + 1;
  const v = (key: string, init: () => tf.Tensor, decay = true): tf.Variable => {
    const variable = tf.tidy(() => tf.variable(init(), true, prefix + key));
    named.set(key, variable);
    if (!decay) noDecay.add(key);
    return variable;
  };
  const normal = (shape: number[]) => () => tf.truncatedNormal(shape, 0, 0.02, 'float32', s++);
  const zeros = (shape: number[]) => () => tf.zeros(shape);
  const ones = (shape: number[]) => () => tf.ones(shape);
  const { hidden: h, intermediate: f } = config;
  const norm = (key: string): LayerNormWeights => ({
    weight: v(`${key}.weight`, ones([h]), false),
    bias: v(`${key}.bias`, zeros([h]), false),
  });
  const lin = (key: string, out: number, inp: number) => {
    transposed.add(`${key}.weight`);
    // Drawn [out, inp] and transposed: the same seeded values as before the layout change (weightLayout.ts).
    return {
      weight: v(`${key}.weight`, () => transposedInit((shape) => normal(shape)(), out, inp)),
      bias: v(`${key}.bias`, zeros([out]), false),
    };
  };
  const weights: SeqRecWeights = {
    item: v('embeddings.item', normal([config.numItems + 2, h])),
    itemBias: v('output.bias', zeros([config.numItems]), false),
    type: v('embeddings.type', normal([config.numEventTypes + 1, h])),
    position: v('embeddings.position', normal([config.maxLen, h])),
    time: config.timeBuckets ? v('embeddings.time', normal([config.timeBuckets, h])) : undefined,
    norm: norm('embeddings.norm'),
    layers: Array.from({ length: config.layers }, (_, i) => {
      const p = `encoder.layer.${i}`;
      return {
        attention: {
          query: lin(`${p}.attention.query`, h, h),
          key: lin(`${p}.attention.key`, h, h),
          value: lin(`${p}.attention.value`, h, h),
          output: lin(`${p}.attention.output`, h, h),
          norm: norm(`${p}.attention.norm`),
        },
        intermediate: lin(`${p}.intermediate`, f, h),
        output: lin(`${p}.output`, h, f),
        norm: norm(`${p}.norm`),
      };
    }),
  };
  if (config.outputHead) weights.outputHead = { dense: lin('output.transform.dense', h, h), norm: norm('output.transform.norm') };
  const { numItems, textDim } = config;
  if (config.itemText === 'augment') {
    const buffer = (key: string, init: () => tf.Tensor) => {
      const b = tf.tidy(() => tf.variable(init(), false, prefix + key));
      buffers.set(key, b);
      return b;
    };
    const padded = new Float32Array((numItems + 2) * textDim);
    if (text) padded.set(text.subarray(0, numItems * textDim), textDim);
    weights.text = {
      vectors: buffer('embeddings.itemText.vectors', () => tf.tensor2d(padded, [numItems + 2, textDim])),
      seen: buffer('embeddings.itemText.seen', ones([numItems + 2, 1])),
      projection: v('embeddings.itemText.projection', normal([textDim, h])),
      biasProjection: v('output.itemText.bias', zeros([textDim, 1]), false),
    };
  }
  return { config, weights, named, buffers, noDecay, transposed };
}

/**
 * The tensor under `key` moved between this model's layout and a checkpoint's, either way: Linear weights swap
 * [in, out] ↔ [out, in] (the swap is its own inverse), everything else passes through.
 */
export function checkpointLayout(m: SeqRecModel, key: string, t: ArrayTensor): ArrayTensor {
  return m.transposed.has(key) ? swapAxes(t) : t;
}

/**
 * itemText 'init': the item table's rows start from the projected item texts (itemText.ts projectedInit, same seed).
 * Async because it reads the drawn table back, which on WebGPU must not be done synchronously (it can read zeros).
 */
export async function initItemTableFromText(m: SeqRecModel, text: Float32Array, seed: number): Promise<void> {
  const { numItems, textDim, hidden } = m.config;
  const drawn = await m.weights.item.data<'float32'>();
  const table = projectedInit(drawn, text, numItems, textDim, hidden, seed, 0.02);
  tf.tidy(() => m.weights.item.assign(tf.tensor2d(table, [numItems + 2, hidden])));
}

/** The item embedding table [numItems + 2, hidden] the network uses: the learned table, plus the text part with 'augment'. */
export function itemTable(m: SeqRecModel): tf.Tensor2D {
  const t = m.weights.text;
  if (!t) return m.weights.item as tf.Tensor2D;
  return tf.tidy(() => m.weights.item.mul(t.seen).add(matMulFast(t.vectors, t.projection)) as tf.Tensor2D);
}

/** The output bias [numItems], with the text part under 'augment'. */
export function itemBias(m: SeqRecModel): tf.Tensor1D {
  const t = m.weights.text;
  if (!t) return m.weights.itemBias as tf.Tensor1D;
  const { numItems: n, textDim: d } = m.config;
  return tf.tidy(() => {
    const seen = t.seen.slice([1, 0], [n, 1]).reshape([n]);
    const text = matMulFast(t.vectors.slice([1, 0], [n, d]), t.biasProjection).reshape([n]);
    return m.weights.itemBias.mul(seen).add(text) as tf.Tensor1D;
  });
}

export function disposeModel(m: SeqRecModel): void {
  tf.dispose([...m.named.values(), ...m.buffers.values()]);
}

/** Batch arrays as tensors ([batch, len] each). */
export interface BatchTensors {
  ids: tf.Tensor2D;
  types: tf.Tensor2D;
  pos: tf.Tensor2D;
  gaps: tf.Tensor2D;
  mask: tf.Tensor2D;
}

export function batchTensors(a: BatchArrays): BatchTensors {
  const shape: [number, number] = [a.batch, a.len];
  return {
    ids: tf.tensor2d(a.ids, shape, 'int32'),
    types: tf.tensor2d(a.types, shape, 'int32'),
    pos: tf.tensor2d(a.pos, shape, 'int32'),
    gaps: tf.tensor2d(a.gaps, shape, 'int32'),
    mask: tf.tensor2d(a.mask, shape, 'float32'),
  };
}

/**
 * The input embeddings split in two: the item part (what Integrated Gradients interpolates) and the context part
 * (event type + position + time gap, held fixed). Their sum goes through LayerNorm into the encoder. `items`, when
 * given, are the item table's rows for t.ids, looked up by the caller together with other rows (embeddingLookups).
 */
export function inputEmbeddings(m: SeqRecModel, t: BatchTensors, items?: tf.Tensor3D): { items: tf.Tensor3D; context: tf.Tensor3D } {
  return tidyObject(() => {
    const w = m.weights;
    let context = embeddingLookup(w.type, t.types).add(embeddingLookup(w.position, t.pos));
    if (w.time) context = context.add(embeddingLookup(w.time, t.gaps));
    return { items: items ?? (embeddingLookup(itemTable(m), t.ids) as tf.Tensor3D), context: context as tf.Tensor3D };
  });
}

export interface ForwardOptions {
  /** Training: dropout on, seeded per step. */
  train?: { seed: number };
  outputAttentions?: boolean;
  /** The batch's real positions, where few enough to pack (packingFor): the encoder's position-wise work skips padding. */
  packing?: Packing;
}

/**
 * A packing of the batch's real positions when they are few enough for it to pay (packing.ts), else undefined. On the
 * CPU backends only: on a GPU the padded products cost little next to the launches the gathers and scatters add.
 */
export function packingFor(a: BatchArrays): Packing | undefined {
  if (tf.getBackend() !== 'wasm' && tf.getBackend() !== 'cpu') return undefined;
  const rows = realRows(a.mask, a.batch, a.len);
  return rows && packingOf(rows, a.batch, a.len);
}

/** Encoder output [batch, len, hidden] (and attention probabilities per layer) from explicit input embeddings. */
export function encodeEmbeddings(m: SeqRecModel, items: tf.Tensor3D, context: tf.Tensor3D, mask: tf.Tensor2D, opts: ForwardOptions = {}) {
  return tidyObject(() => {
    const c = m.config;
    const rate = opts.train ? c.dropout : 0;
    let x = layerNorm(items.add(context), m.weights.norm, 1e-12);
    if (rate > 0) x = dropout(x, rate, opts.train!.seed * 1000 + 999);
    const encOpts: EncoderOptions = {
      numHeads: c.heads,
      layerNormEps: 1e-12,
      activation: 'gelu',
      dropout: rate,
      seed: opts.train?.seed,
      outputAttentions: opts.outputAttentions,
      attentionBias: c.mode === 'sasrec' ? causalBias(items.shape[1]) : undefined,
      packing: opts.packing,
    };
    const out = encode(x as tf.Tensor3D, mask, m.weights.layers, encOpts);
    const head = m.weights.outputHead;
    if (!head) return out;
    // Every position, as RecBole's BERT4Rec does: training (full or sampled softmax), scoring and explanations alike.
    return {
      ...out,
      lastHiddenState: layerNorm(activate(linear(out.lastHiddenState, head.dense), 'gelu'), head.norm, 1e-12) as tf.Tensor3D,
    };
  });
}

/** Scores of every item [rows, numItems] for hidden states [rows, hidden] (tied item embeddings + bias). */
export function allItemLogits(m: SeqRecModel, h: tf.Tensor2D): tf.Tensor2D {
  return tf.tidy(() => {
    // addBias: its bias gradient is a ones·dy product, where .add's is a Sum over [positions, items] (#23).
    return addBias(matMulFast(h, outputTable(m), false, true), itemBias(m)) as tf.Tensor2D;
  });
}

/** The item table's rows that score items [numItems, hidden] (row 0 is padding's). */
export function outputTable(m: SeqRecModel): tf.Tensor2D {
  return itemTable(m).slice([1, 0], [m.config.numItems, m.config.hidden]);
}

/** The hidden state at the last column of each row: where the next item (sasrec) or the [MASK] (bert4rec) is read. */
export function lastHidden(hidden: tf.Tensor3D): tf.Tensor2D {
  const [b, l, h] = hidden.shape;
  return hidden.slice([0, l - 1, 0], [b, 1, h]).reshape([b, h]) as tf.Tensor2D;
}

/**
 * For explanations: scores of every item at the last position given explicit item embeddings (Integrated Gradients
 * interpolates these between a baseline and `inputEmbeddings(...).items`), plus attention probabilities per layer.
 */
export function scoresFromEmbeddings(
  m: SeqRecModel,
  items: tf.Tensor3D,
  context: tf.Tensor3D,
  mask: tf.Tensor2D,
  outputAttentions = false,
) {
  return tidyObject(() => {
    const out = encodeEmbeddings(m, items, context, mask, { outputAttentions });
    return { scores: allItemLogits(m, lastHidden(out.lastHiddenState)), attentions: out.attentions };
  });
}

/** Scores [batch, numItems] for inference batch arrays (no dropout). */
export function scoreBatch(m: SeqRecModel, a: BatchArrays): tf.Tensor2D {
  return tf.tidy(() => {
    const t = batchTensors(a);
    const { items, context } = inputEmbeddings(m, t);
    const out = encodeEmbeddings(m, items, context, t.mask, { packing: packingFor(a) });
    return allItemLogits(m, lastHidden(out.lastHiddenState));
  });
}

/** AdamW over all of the model's variables, its weight decay on all but those the model exempts (`noDecay`). */
export function seqRecOptimizer(m: SeqRecModel): AdamW {
  const vars = [...m.named.values()];
  const keyOf = new Map([...m.named].map(([k, v]) => [v.name, k]));
  return adamW(vars, {
    weightDecay: m.config.weightDecay,
    noDecay: new Set(vars.filter((v) => m.noDecay.has(keyOf.get(v.name)!)).map((v) => v.name)),
  });
}
