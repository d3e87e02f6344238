// One BERT forward pass returned as plain typed arrays (no tensors escape src/ml): ids, hidden states, pooled
// outputs, attention probabilities and logits. Used by in-browser parity checks and the attention views.
import * as tf from '@tensorflow/tfjs';
import { disposeTree } from '../tensors';
import { bertForward, bertInputs, meanPool, type BertModel } from './model';
import type { TextTokenizer } from './tokenizer';

export interface ArrayTensor {
  shape: number[];
  data: Float32Array;
}

export interface ForwardArrays {
  backend: string;
  inputIds: number[][];
  attentionMask: number[][];
  lastHiddenState: ArrayTensor;
  meanPooled: ArrayTensor;
  poolerOutput: ArrayTensor | null;
  logits: ArrayTensor | null;
  /** Per layer, [batch, heads, len, len]. */
  attentions: ArrayTensor[];
}

const toArray = async (t: tf.Tensor): Promise<ArrayTensor> => ({ shape: t.shape, data: (await t.data()) as Float32Array });

export async function forwardArrays(
  model: BertModel,
  tokenizer: TextTokenizer,
  texts: string[],
  options: { maxLength?: number; padToMaxLength?: boolean } = {},
): Promise<ForwardArrays> {
  const maxLength = options.maxLength ?? Math.min(tokenizer.modelMaxLength ?? Infinity, model.config.maxPositions);
  const enc = tokenizer.encode(texts, { maxLength, padToMaxLength: options.padToMaxLength });
  const inputs = bertInputs(enc.inputIds, enc.attentionMask);
  const out = bertForward(model, inputs, { outputAttentions: true });
  const mean = meanPool(out.lastHiddenState, inputs.attentionMask);
  try {
    return {
      backend: tf.getBackend(),
      inputIds: enc.inputIds,
      attentionMask: enc.attentionMask,
      lastHiddenState: await toArray(out.lastHiddenState),
      meanPooled: await toArray(mean),
      poolerOutput: out.poolerOutput ? await toArray(out.poolerOutput) : null,
      logits: out.logits ? await toArray(out.logits) : null,
      attentions: await Promise.all((out.attentions ?? []).map(toArray)),
    };
  } finally {
    disposeTree([out, inputs, mean]);
  }
}

export function parameterCount(model: BertModel): number {
  let n = 0;
  const visit = (x: unknown): void => {
    if (x instanceof tf.Tensor) n += x.size;
    else if (Array.isArray(x)) x.forEach(visit);
    else if (x && typeof x === 'object') Object.values(x).forEach(visit);
  };
  visit(model.weights);
  return n;
}

export const disposeModel = (model: BertModel): void => disposeTree(model.weights);
