// An HF BERT folder in memory, the shape every model source yields, and how it becomes a model and a tokenizer.
import { fail, ok, type Result } from '../../../lib/result';
import { tokenizerFromFiles, type TokenizerFiles } from '../browserTokenizer';
import { checkTokenizerFits, loadBertFromFiles, type BertFiles, type LoadedBert } from '../load';
import { disposeTree } from '../../tensors';
import type { TextTokenizer } from '../textTokenizer';

/** An HF BERT folder in memory: what loadBertFromFiles and tokenizerFromFiles need, plus where it came from. */
export interface BertBundle extends BertFiles, TokenizerFiles {
  /** A URL, "files:<folder>" or "hf:<id>@<revision>", for messages and model cards. */
  source: string;
}

export const REQUIRED_FILES = ['config.json', 'model.safetensors'] as const;
export const OPTIONAL_FILES = ['tokenizer.json', 'tokenizer_config.json', 'vocab.txt'] as const;
export const BUNDLE_FILES: readonly string[] = [...REQUIRED_FILES, ...OPTIONAL_FILES];

/** Turn named file contents into a bundle, naming whatever is missing. Text files are decoded as UTF-8. */
export function assembleBundle(source: string, files: ReadonlyMap<string, ArrayBuffer>): Result<BertBundle> {
  if (!files.has('config.json')) return fail(`${source}: config.json is missing`);
  if (!files.has('model.safetensors')) {
    const hint = files.has('pytorch_model.bin')
      ? ' (only pytorch_model.bin is there; convert it to safetensors first — see public/models/tiny-bert/README.md)'
      : '';
    return fail(`${source}: model.safetensors is missing${hint}`);
  }
  if (!files.has('tokenizer.json') && !files.has('vocab.txt')) return fail(`${source}: tokenizer.json (or vocab.txt) is missing`);
  const text = (name: string) => {
    const b = files.get(name);
    return b === undefined ? undefined : new TextDecoder('utf-8').decode(b);
  };
  return ok({
    source,
    config: text('config.json')!,
    safetensors: files.get('model.safetensors')!,
    tokenizerJson: text('tokenizer.json'),
    tokenizerConfig: text('tokenizer_config.json'),
    vocabTxt: text('vocab.txt'),
  });
}

/** Model and tokenizer from a bundle, ready for embed/classify/finetune. The caller disposes `model.weights`. */
export async function openBertBundle(bundle: BertBundle): Promise<Result<{ model: LoadedBert; tokenizer: TextTokenizer }>> {
  const tokenizer = await tokenizerFromFiles(bundle);
  if (!tokenizer.ok) return fail(`${bundle.source}: ${tokenizer.reason}`);
  const model = loadBertFromFiles(bundle);
  if (!model.ok) return fail(`${bundle.source}: ${model.reason}`);
  const fits = checkTokenizerFits(model.data.config, tokenizer.data);
  if (!fits.ok) {
    disposeTree(model.data.weights);
    return fail(`${bundle.source}: ${fits.reason}`);
  }
  return ok({ model: model.data, tokenizer: tokenizer.data });
}
