// Text → token ids through transformers.js's AutoTokenizer, behind a small interface the rest of ml depends on.
import { AutoTokenizer, env } from '@huggingface/transformers';
import { wrapTokenizer, type TextTokenizer } from './textTokenizer';

export type { EncodeOptions, Encoded, TextTokenizer } from './textTokenizer';

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
    throw new Error(
      `could not load a tokenizer from "${folder}": expected tokenizer.json and tokenizer_config.json there (${(e as Error).message})`,
    );
  }
  return wrapTokenizer(tok);
}
