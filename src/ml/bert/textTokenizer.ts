// The TextTokenizer interface the rest of ml depends on, and the adapter from a transformers.js tokenizer to it;
// shared by the file loader (tokenizer.ts) and the in-memory one (browserTokenizer.ts), so neither imports the other.

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

/** The subset of a transformers.js tokenizer wrapTokenizer calls. */
interface HfTokenizerLike {
  model_max_length?: number;
  (texts: string[], options: object): { input_ids: unknown; attention_mask: unknown };
  tokenize?(text: string): string[];
  get_vocab?(): Map<string, number> | Record<string, number>;
}

/** The largest id in the tokenizer's vocabulary (added tokens included), or -1 when it does not say. */
function largestId(t: HfTokenizerLike): number {
  if (typeof t.get_vocab !== 'function') return -1;
  const vocab = t.get_vocab();
  let max = -1;
  for (const id of vocab instanceof Map ? vocab.values() : Object.values(vocab)) if (Number.isInteger(id) && id > max) max = id;
  return max;
}

/** Adapts a transformers.js tokenizer to the small TextTokenizer interface the rest of ml uses. */
export function wrapTokenizer(tok: unknown): TextTokenizer {
  const t = tok as HfTokenizerLike;
  const maxLen = t.model_max_length;
  const vocabSize = largestId(t) + 1;
  return {
    modelMaxLength: typeof maxLen === 'number' && Number.isFinite(maxLen) ? maxLen : undefined,
    ...(vocabSize > 0 ? { vocabSize } : {}),
    ...(typeof t.tokenize === 'function' ? { tokenize: (text: string) => t.tokenize!(text) } : {}),
    encode(texts: string[], { maxLength, padToMaxLength }: EncodeOptions): Encoded {
      // Plain arrays (return_tensor: false) skip transformers.js's Tensor and its BigInt ids.
      const enc = t(texts, {
        padding: padToMaxLength ? 'max_length' : true,
        truncation: true,
        max_length: maxLength,
        return_tensor: false,
      });
      const rows = (x: unknown) => (x as (number | bigint)[][]).map((r) => r.map(Number));
      return { inputIds: rows(enc.input_ids), attentionMask: rows(enc.attention_mask) };
    },
  };
}
