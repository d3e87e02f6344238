// Builds a BertModel from the bytes of an HF folder (config.json + model.safetensors); works in browser and Node.
import { fail, ok, type Result } from '../../lib/result';
import { readSafetensors } from '../../lib/safetensors';
import { parseBertConfig } from './config';
import type { BertModel } from './model';
import { mapHfWeights } from './weights';
import type { TextTokenizer } from './tokenizer';

export interface BertFiles {
  /** Text of config.json. */
  config: string;
  /** Bytes of model.safetensors. */
  safetensors: ArrayBuffer;
}

export interface LoadedBert extends BertModel {
  /** Weight names present in the file but intentionally unused (buffers, pre-training heads). */
  ignored: string[];
}

/** `memoryBudgetBytes`: the most the model may need (parseBertConfig refuses a larger estimate before any tensor). */
export function loadBertFromFiles(files: BertFiles, options: { memoryBudgetBytes?: number } = {}): Result<LoadedBert> {
  const config = parseBertConfig(files.config, options);
  if (!config.ok) return config;
  const st = readSafetensors(files.safetensors);
  if (!st.ok) return fail(`model.safetensors: ${st.reason}`);
  const mapped = mapHfWeights(st.data.tensors, config.data);
  if (!mapped.ok) return mapped;
  return ok({ config: config.data, weights: mapped.data.weights, ignored: mapped.data.ignored });
}

/**
 * The tokenizer must not produce ids the embedding table lacks: a vocab.txt or tokenizer.json longer than config.json's
 * vocab_size would index past the table (TF.js then reads zeros or throws, depending on the backend).
 */
export function checkTokenizerFits(config: Pick<LoadedBert['config'], 'vocabSize'>, tokenizer: TextTokenizer): Result<true> {
  if (tokenizer.vocabSize !== undefined && tokenizer.vocabSize > config.vocabSize) {
    return fail(
      `the tokenizer has ids up to ${tokenizer.vocabSize - 1} but config.json's vocab_size is ${config.vocabSize}: they belong to different models`,
    );
  }
  return ok(true);
}
