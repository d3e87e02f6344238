// BERT forward pass: embeddings → shared encoder blocks → pooler → optional classifier head.
import * as tf from '@tensorflow/tfjs';
import {
  embeddingLookup,
  encode,
  layerNorm,
  linear,
  type EncoderLayerWeights,
  type LayerNormWeights,
  type Linear,
} from '../transformer/blocks';
import { tidyObject } from '../tensors';
import { dropout } from '../transformer/dropout';
import type { BertConfig } from './config';

export interface BertEmbeddingWeights {
  word: tf.Tensor;
  position: tf.Tensor;
  tokenType: tf.Tensor;
  norm: LayerNormWeights;
}

/** A plain object of tensors (or tf.Variables when training); tf.dispose(weights) frees it all. */
export interface BertWeights {
  embeddings: BertEmbeddingWeights;
  layers: EncoderLayerWeights[];
  pooler?: Linear;
  classifier?: Linear;
}

/** How each kind of weight of the encoder is carried over (a frozen copy, a variable that trains, …). */
export interface EncoderWeightMap {
  table: (t: tf.Tensor) => tf.Tensor;
  linear: (l: Linear) => Linear;
  norm: (n: LayerNormWeights) => LayerNormWeights;
}

/**
 * The embeddings and encoder layers of `w`, each weight passed through `map`, in one fixed order (the order the
 * training loops create their variables in). The pooler and classifier are left to the caller: each treats them its own way.
 */
export function mapEncoderWeights(w: BertWeights, map: EncoderWeightMap): Pick<BertWeights, 'embeddings' | 'layers'> {
  return {
    embeddings: {
      word: map.table(w.embeddings.word),
      position: map.table(w.embeddings.position),
      tokenType: map.table(w.embeddings.tokenType),
      norm: map.norm(w.embeddings.norm),
    },
    layers: w.layers.map((l) => ({
      attention: {
        query: map.linear(l.attention.query),
        key: map.linear(l.attention.key),
        value: map.linear(l.attention.value),
        output: map.linear(l.attention.output),
        norm: map.norm(l.attention.norm),
      },
      intermediate: map.linear(l.intermediate),
      output: map.linear(l.output),
      norm: map.norm(l.norm),
    })),
  };
}

export interface BertModel {
  config: BertConfig;
  weights: BertWeights;
}

export interface BertInputs {
  /** int32 [batch, len] */
  inputIds: tf.Tensor2D;
  /** 1 = token, 0 = padding, [batch, len] */
  attentionMask: tf.Tensor2D;
  /** int32 [batch, len]; zeros when absent */
  tokenTypeIds?: tf.Tensor2D;
  /** Word embeddings [batch, len, hidden] used instead of looking up inputIds (HF's inputs_embeds): attributions differentiate through them. */
  wordEmbeddings?: tf.Tensor3D;
}

export interface BertForwardOptions {
  outputHiddenStates?: boolean;
  outputAttentions?: boolean;
  dropout?: number;
  seed?: number;
}

export interface BertOutput {
  lastHiddenState: tf.Tensor3D;
  poolerOutput?: tf.Tensor2D;
  logits?: tf.Tensor2D;
  hiddenStates?: tf.Tensor3D[];
  attentions?: tf.Tensor4D[];
}

/** Build input tensors from token id rows (already padded to equal length). Caller disposes. */
export function bertInputs(inputIds: number[][], attentionMask: number[][]): BertInputs {
  return {
    inputIds: tf.tensor2d(inputIds, undefined, 'int32'),
    attentionMask: tf.tensor2d(attentionMask, undefined, 'float32'),
  };
}

export function bertEmbeddings(
  w: BertEmbeddingWeights,
  config: BertConfig,
  inputs: BertInputs,
  opts: BertForwardOptions = {},
): tf.Tensor3D {
  return tf.tidy(() => {
    const [, len] = inputs.inputIds.shape;
    if (len > config.maxPositions) throw new Error(`sequence length ${len} exceeds max_position_embeddings ${config.maxPositions}`);
    const words = inputs.wordEmbeddings ?? embeddingLookup(w.word, inputs.inputIds);
    const positions = embeddingLookup(w.position, tf.range(0, len, 1, 'int32')).expandDims(0);
    // Absent token types are all 0: one row, broadcast, instead of a [batch, len] gather (wasm's gather is slow: a
    // tenth of a BERT-mini forward pass went to looking up the same row 2048 times). Same values, same gradient.
    const types = inputs.tokenTypeIds
      ? embeddingLookup(w.tokenType, inputs.tokenTypeIds)
      : embeddingLookup(w.tokenType, tf.zeros([1], 'int32'));
    let e = layerNorm(words.add(positions).add(types), w.norm, config.layerNormEps);
    if (opts.dropout) e = dropout(e, opts.dropout, opts.seed);
    return e as tf.Tensor3D;
  });
}

/** Run BERT. Every returned tensor belongs to the caller (tf.dispose(output) frees them). */
export function bertForward(model: BertModel, inputs: BertInputs, opts: BertForwardOptions = {}): BertOutput {
  const { config, weights } = model;
  return tidyObject(() => {
    const embeds = bertEmbeddings(weights.embeddings, config, inputs, opts);
    const enc = encode(embeds, inputs.attentionMask, weights.layers, {
      numHeads: config.numHeads,
      layerNormEps: config.layerNormEps,
      activation: config.activation,
      outputHiddenStates: opts.outputHiddenStates,
      outputAttentions: opts.outputAttentions,
      dropout: opts.dropout,
      seed: opts.seed,
    });
    const out: BertOutput = { ...enc };
    if (weights.pooler) {
      // The pooler reads only the [CLS] position.
      const cls = enc.lastHiddenState.slice([0, 0, 0], [-1, 1, -1]).squeeze([1]);
      out.poolerOutput = tf.tanh(linear(cls, weights.pooler)) as tf.Tensor2D;
      if (weights.classifier) {
        // Salted past the encoder's seed · 1000 + 10 · layer + 0..2, so its mask is not the embeddings' first row again.
        const salted = opts.seed === undefined ? undefined : opts.seed * 1000 + 999;
        const pooled = opts.dropout ? dropout(out.poolerOutput, opts.dropout, salted) : out.poolerOutput;
        out.logits = linear(pooled, weights.classifier) as tf.Tensor2D;
      }
    }
    return out;
  });
}

/** Mean over unmasked positions: [batch, len, hidden] × [batch, len] → [batch, hidden]. */
export function meanPool(hidden: tf.Tensor3D, mask: tf.Tensor2D): tf.Tensor2D {
  return tf.tidy(() => {
    const m = mask.toFloat().expandDims(2);
    // Guard the all-padding row against 0/0.
    return hidden.mul(m).sum(1).div(m.sum(1).maximum(1e-9)) as tf.Tensor2D;
  });
}
