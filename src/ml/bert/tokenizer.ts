// Text → token ids through transformers.js's AutoTokenizer, behind a small interface the rest of ml depends on.
import { AutoTokenizer, env } from '@huggingface/transformers';
import { wrapTokenizer } from './browserTokenizer';

export interface Encoded {
  inputIds: number[][];
  attentionMask: number[][];
}

export interface EncodeOptions {
  /** Truncate to this many tokens, [CLS] and [SEP] included. */
  maxLength: number;
  /** Pad every row to maxLength (as the golden outputs do) instead of to the longest row in the batch. */
  padToMaxLength?: boolean;
}

export interface TextTokenizer {
  encode(texts: string[], options: EncodeOptions): Encoded;
  /** model_max_length from tokenizer_config.json, when declared. */
  modelMaxLength?: number;
  /** Token strings of one text without special tokens ("##" marks a word-piece continuation), as encode splits it. */
  tokenize?(text: string): string[];
  /** One more than the largest token id the tokenizer can produce, when it can tell. */
  vocabSize?: number;
}

/**
 * Load a tokenizer from a local HF folder (a filesystem path in Node, a URL path such as '/models/x' in the browser).
 * Remote models are disabled: nothing leaves the machine.
 */
export async function loadTokenizer(folder: string): Promise<TextTokenizer> {
  const trimmed = folder.replace(/[\\/]+$/, '');
  const cut = Math.max(trimmed.lastIndexOf('/'), trimmed.lastIndexOf('\\'));
  const parent = cut >= 0 ? trimmed.slice(0, cut + 1) : './';
  const name = trimmed.slice(cut + 1);
  env.allowRemoteModels = false;
  env.allowLocalModels = true;
  env.localModelPath = parent;
  let tok: Awaited<ReturnType<typeof AutoTokenizer.from_pretrained>>;
  try {
    tok = await AutoTokenizer.from_pretrained(name);
  } catch (e) {
    // A folder without tokenizer files surfaces as an unrelated TypeError; say what is actually wrong.
    throw new Error(`could not load a tokenizer from "${folder}": expected tokenizer.json and tokenizer_config.json there (${(e as Error).message})`);
  }
  return wrapTokenizer(tok);
}
