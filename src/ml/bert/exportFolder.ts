// A model held in memory as the files of an HF folder (config.json, model.safetensors, its tokenizer files), zipped
// into one archive under a folder name: what the app downloads, and what unzips back into a loadable folder.
import { strToU8, unzipSync, zipSync } from 'fflate';
import { fail, ok, type Result } from '../../lib/result';
import type { TokenizerFiles } from './browserTokenizer';
import { exportBert } from './export';
import type { BertModel } from './model';

/** The folder's files by name. The tokenizer files are the ones the model was loaded with (a fine-tune keeps its base's). */
export async function bertFolderFiles(model: BertModel, tokenizer: TokenizerFiles): Promise<Result<Record<string, Uint8Array>>> {
  if (tokenizer.tokenizerJson === undefined && tokenizer.vocabTxt === undefined)
    return fail('the tokenizer files of this model are not known, so the folder could not be loaded again');
  const { config, safetensors } = await exportBert(model);
  const files: Record<string, Uint8Array> = { 'config.json': strToU8(config), 'model.safetensors': new Uint8Array(safetensors) };
  if (tokenizer.tokenizerJson !== undefined) files['tokenizer.json'] = strToU8(tokenizer.tokenizerJson);
  if (tokenizer.tokenizerConfig !== undefined) files['tokenizer_config.json'] = strToU8(tokenizer.tokenizerConfig);
  if (tokenizer.vocabTxt !== undefined) files['vocab.txt'] = strToU8(tokenizer.vocabTxt);
  return ok(files);
}

/** A file-name-safe folder name from a model's source ("hf:org/name@main → purchase classifier" → "org-name-main-purchase-classifier"). */
export function folderName(source: string): string {
  const base = source
    .replace(/^(files:|hf:|https?:\/\/)/, '')
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/^[-.]+|-+$/g, '');
  return base.slice(-80) || 'bert-model';
}

/** Zip the files under `folder/`. Weights are stored, not deflated: random-looking floats barely compress. */
export function zipFolder(folder: string, files: Record<string, Uint8Array>): Uint8Array {
  const tree: Record<string, Record<string, [Uint8Array, { level: 0 }]>> = { [folder]: {} };
  for (const [name, bytes] of Object.entries(files)) tree[folder][name] = [bytes, { level: 0 }];
  return zipSync(tree);
}

/** The files of a zipped folder by bare name (the folder prefix dropped), as assembleBundle takes them. */
export function unzipFolder(zip: Uint8Array): Map<string, ArrayBuffer> {
  const out = new Map<string, ArrayBuffer>();
  for (const [path, bytes] of Object.entries(unzipSync(zip))) {
    if (path.endsWith('/')) continue;
    const name = path.split('/').at(-1)!;
    out.set(name, bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  }
  return out;
}
