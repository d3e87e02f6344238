// Batched text embedding and classification on a loaded BERT: tokenize → forward → pool → plain arrays.
import * as tf from '@tensorflow/tfjs';
import { disposeTree } from '../tensors';
import { bertForward, bertInputs, meanPool, type BertModel } from './model';
import type { TextTokenizer } from './tokenizer';

export interface BatchProgress {
  done: number;
  total: number;
}

export interface InferenceOptions {
  batchSize?: number;
  /** Defaults to the smaller of the tokenizer's model_max_length and the model's max_position_embeddings. */
  maxLength?: number;
  onProgress?: (p: BatchProgress) => void;
}

export interface EmbedOptions extends InferenceOptions {
  /** 'mean' over real tokens (sentence-transformers default) or the [CLS] hidden state. */
  pooling?: 'mean' | 'cls';
  /** Scale each vector to unit L2 norm, so dot product = cosine similarity. */
  normalize?: boolean;
}

export interface Classification {
  /** Predicted label name per text (from id2label; LABEL_i when the config has none). */
  labels: string[];
  logits: number[][];
}

export async function embed(model: BertModel, tokenizer: TextTokenizer, texts: string[], opts: EmbedOptions = {}): Promise<number[][]> {
  const pooling = opts.pooling ?? 'mean';
  return inBatches(model, tokenizer, texts, opts, (inputs) =>
    tf.tidy(() => {
      const out = bertForward(model, inputs);
      let v =
        pooling === 'cls'
          ? out.lastHiddenState.slice([0, 0, 0], [-1, 1, -1]).squeeze([1])
          : meanPool(out.lastHiddenState, inputs.attentionMask);
      if (opts.normalize) v = v.div(v.norm('euclidean', 1, true).maximum(1e-12));
      return v as tf.Tensor2D;
    }),
  );
}

export async function classify(
  model: BertModel,
  tokenizer: TextTokenizer,
  texts: string[],
  opts: InferenceOptions = {},
): Promise<Classification> {
  if (!model.weights.classifier) throw new Error('this model has no classification head (no classifier.* weights)');
  // tidy frees the hidden states and pooler output that come along with the logits.
  const logits = await inBatches(model, tokenizer, texts, opts, (inputs) => tf.tidy(() => bertForward(model, inputs).logits!));
  const names = model.config.labels;
  const labels = logits.map((row) => {
    const best = row.indexOf(Math.max(...row));
    return names?.[best] ?? `LABEL_${best}`;
  });
  return { labels, logits };
}

async function inBatches(
  model: BertModel,
  tokenizer: TextTokenizer,
  texts: string[],
  opts: InferenceOptions,
  run: (inputs: ReturnType<typeof bertInputs>) => tf.Tensor2D,
): Promise<number[][]> {
  const batchSize = Math.max(1, opts.batchSize ?? 32);
  const maxLength = opts.maxLength ?? Math.min(tokenizer.modelMaxLength ?? 512, model.config.maxPositions);
  const rows: number[][] = [];
  for (let start = 0; start < texts.length; start += batchSize) {
    const enc = tokenizer.encode(texts.slice(start, start + batchSize), { maxLength });
    const inputs = bertInputs(enc.inputIds, enc.attentionMask);
    const result = run(inputs);
    try {
      rows.push(...((await result.array()) as number[][]));
    } finally {
      disposeTree([inputs, result]);
    }
    opts.onProgress?.({ done: Math.min(start + batchSize, texts.length), total: texts.length });
  }
  return rows;
}
