// LoRA adapters on attention query/value projections: attach trainable low-rank updates, merge them for export.
import * as tf from '@tensorflow/tfjs';
import type { Linear } from '../transformer/blocks';
import { transposedInit } from '../transformer/weightLayout';
import type { BertWeights } from './model';

export interface LoraOptions {
  rank: number;
  /** Update scale is alpha / rank (PEFT convention); defaults to 2 × rank. */
  alpha?: number;
  seed?: number;
}

/**
 * Attach fresh adapters to every layer's query and value Linear. A starts small and random, B at zero,
 * so the model's output is unchanged until training moves B. Returns the new weights and the adapter variables.
 */
export function addLora(weights: BertWeights, opts: LoraOptions): { weights: BertWeights; variables: tf.Variable[] } {
  const { rank, alpha = 2 * rank, seed = 0 } = opts;
  if (!Number.isInteger(rank) || rank < 1) throw new Error(`LoRA rank must be a positive integer, got ${rank}`);
  const variables: tf.Variable[] = [];
  let salt = 0;
  const adapt = (l: Linear): Linear => {
    const [inp, out] = l.weight.shape;
    const bound = 1 / Math.sqrt(inp); // kaiming-uniform(a=√5) bound, as PEFT initialises A
    // A [in, rank] and B [rank, out], as every weight here (blocks.ts Linear); A drawn as PEFT's [rank, in], transposed.
    const draw = (shape: number[]) => tf.randomUniform(shape, -bound, bound, 'float32', seed * 101 + salt++);
    const a = tf.tidy(() => tf.variable(transposedInit(draw, rank, inp)));
    const b = tf.tidy(() => tf.variable(tf.zeros([rank, out])));
    variables.push(a, b);
    return { ...l, lora: { a, b, scale: alpha / rank } };
  };
  const layers = weights.layers.map((layer) => ({
    ...layer,
    attention: { ...layer.attention, query: adapt(layer.attention.query), value: adapt(layer.attention.value) },
  }));
  return { weights: { ...weights, layers }, variables };
}

/**
 * Weights with every LoRA adapter folded in (W + scale·A·B, [in, out]) and no `lora` fields, ready for export.
 * Unadapted tensors are shared with the input; `created` lists the new tensors, which the caller disposes.
 */
export function mergeLora(weights: BertWeights): { weights: BertWeights; created: tf.Tensor[] } {
  const created: tf.Tensor[] = [];
  const merge = (l: Linear): Linear => {
    if (!l.lora) return l;
    const { a, b, scale } = l.lora;
    const weight = tf.tidy(() => l.weight.add(tf.matMul(a, b).mul(scale)));
    created.push(weight);
    // A Houlsby adapter on the same Linear cannot be folded in; it stays beside the merged weight.
    return { weight, bias: l.bias, adapter: l.adapter };
  };
  const layers = weights.layers.map((layer) => ({
    ...layer,
    attention: {
      ...layer.attention,
      query: merge(layer.attention.query),
      key: merge(layer.attention.key),
      value: merge(layer.attention.value),
      output: merge(layer.attention.output),
    },
    intermediate: merge(layer.intermediate),
    output: merge(layer.output),
  }));
  return { weights: { ...weights, layers }, created };
}
