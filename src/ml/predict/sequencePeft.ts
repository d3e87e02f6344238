// Which weights of the sequence encoder the classifier fine-tunes: all of them, LoRA on the attention query/value
// projections, or Houlsby bottleneck adapters (with the LayerNorms). The text model's LoRA and adapter builders are
// reused: they read and rewrite only the encoder layers, which the sequence encoder shares with BERT (transformer/blocks).
import type * as tf from '@tensorflow/tfjs';
import type { Range } from '../../lib/ranges';
import { addAdapters } from '../bert/adapter';
import { ADAPTER_RANGES } from '../bert/config';
import { addLora } from '../bert/lora';
import type { BertWeights } from '../bert/model';
import type { SeqRecModel } from '../seqrec/model';

export const PEFT_METHODS = ['none', 'lora', 'adapter'] as const;
export type PeftMethod = (typeof PEFT_METHODS)[number];

export interface PeftSettings {
  /** LoRA rank (default 8). */
  loraRank?: number;
  /** Adapter bottleneck width (default 16). */
  adapterSize?: number;
}

export const PEFT_RANGES = {
  loraRank: { min: 1, max: 1024, integer: true },
  adapterSize: ADAPTER_RANGES.size,
} as const satisfies Record<string, Range>;

/** The output layer's biases score next items, which the classifier never reads: never trained, whatever the method. */
const UNUSED = new Set(['output.bias', 'output.itemText.bias']);

export interface PeftEncoder {
  /** The network the classifier runs: the encoder itself, or with LoRA/adapters attached to its layers. */
  net: SeqRecModel;
  /** Encoder-side variables that train (the head's are the caller's). */
  trainable: tf.Variable[];
  /** Names of trainable variables exempt from weight decay (biases, LayerNorms). */
  noDecay: Set<string>;
  /** Variables created here, which the caller disposes. */
  added: tf.Variable[];
}

export function attachPeft(net: SeqRecModel, method: PeftMethod, settings: PeftSettings, seed: number): PeftEncoder {
  const noDecayOf = (keys: string[]) => new Set(keys.filter((k) => net.noDecay.has(k)).map((k) => net.named.get(k)!.name));
  if (method === 'none') {
    const keys = [...net.named.keys()].filter((k) => !UNUSED.has(k));
    return { net, trainable: keys.map((k) => net.named.get(k)!), noDecay: noDecayOf(keys), added: [] };
  }
  // Only `layers` is read and rewritten by addLora/addAdapters.
  const layersOnly = { layers: net.weights.layers } as unknown as BertWeights;
  const adapted =
    method === 'lora'
      ? addLora(layersOnly, { rank: settings.loraRank ?? 8, seed })
      : addAdapters(layersOnly, { size: settings.adapterSize ?? 16, seed }, 'gelu');
  const withLayers: SeqRecModel = { ...net, weights: { ...net.weights, layers: adapted.weights.layers } };
  // Houlsby et al. train the LayerNorms with the adapters; LoRA trains its low-rank pairs alone.
  const norms = method === 'adapter' ? [...net.named.keys()].filter((k) => /(^|\.)norm\.(weight|bias)$/.test(k)) : [];
  return {
    net: withLayers,
    trainable: [...adapted.variables, ...norms.map((k) => net.named.get(k)!)],
    noDecay: noDecayOf(norms),
    added: adapted.variables,
  };
}
