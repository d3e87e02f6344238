// Houlsby bottleneck adapters (Houlsby et al. 2019, "Parameter-Efficient Transfer Learning for NLP"): a small
// down-project → activation → up-project after each layer's attention output and feed-forward output, before the
// residual and LayerNorm. Only the adapters, the LayerNorms and the head train; the rest of BERT stays frozen.
import * as tf from '@tensorflow/tfjs';
import { checkValue } from '../../lib/ranges';
import type { Activation, Linear } from '../transformer/blocks';
import { transposedInit } from '../transformer/weightLayout';
import { ADAPTER_RANGES } from './config';
import type { BertWeights } from './model';

export interface AdapterOptions {
  /** Bottleneck width (Houlsby's m); 64 in the paper for BERT-base, far smaller for tiny models. */
  size: number;
  seed?: number;
}

export const checkAdapterOptions = (o: AdapterOptions): string | null => checkValue('adapter size', o.size, ADAPTER_RANGES.size);

/**
 * Attach fresh adapters to every layer's attention output and feed-forward output. `down` starts small and random,
 * `up` at zero, so the model's output is unchanged until training moves `up` (Houlsby's near-identity start).
 */
export function addAdapters(
  weights: BertWeights,
  opts: AdapterOptions,
  activation: Activation = 'gelu',
): { weights: BertWeights; variables: tf.Variable[] } {
  const why = checkAdapterOptions(opts);
  if (why) throw new Error(why);
  const { size, seed = 0 } = opts;
  const variables: tf.Variable[] = [];
  let salt = 0;
  const v = (t: tf.Tensor) => {
    const x = tf.variable(t);
    t.dispose();
    variables.push(x);
    return x;
  };
  const adapt = (l: Linear): Linear => {
    const out = l.weight.shape[1]!;
    // [in, out] weights (blocks.ts Linear); down drawn as its file's [size, out] and transposed, so seeds keep their values.
    const draw = (shape: number[]) => tf.truncatedNormal(shape, 0, 1e-2, 'float32', seed * 211 + salt++);
    const down = { weight: v(transposedInit(draw, size, out)), bias: v(tf.zeros([size])) };
    const up = { weight: v(tf.zeros([size, out])), bias: v(tf.zeros([out])) };
    return { ...l, adapter: { down, up, activation } };
  };
  const layers = weights.layers.map((layer) => ({
    ...layer,
    attention: { ...layer.attention, output: adapt(layer.attention.output) },
    output: adapt(layer.output),
  }));
  return { weights: { ...weights, layers }, variables };
}

/** The bottleneck size of a model's adapters, or null when it has none. */
export function adapterSize(weights: BertWeights): number | null {
  const a = weights.layers[0]?.output.adapter;
  return a ? a.down.weight.shape[1]! : null;
}
