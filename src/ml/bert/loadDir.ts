// Node only (uses node:fs): load a BERT model from an HF folder on disk, for the CLI and tests.
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fail, ok, type Result } from '../../lib/result';
import { initBackend, type BackendInfo, type BackendPreference } from '../backend';
import { disposeTree } from '../tensors';
import { checkTokenizerFits, loadBertFromFiles, type LoadedBert } from './load';
import { loadTokenizer, type TextTokenizer } from './tokenizer';

export async function loadBertFromDir(dir: string, options: { memoryBudgetBytes?: number } = {}): Promise<Result<LoadedBert>> {
  const read = async (file: string) => {
    try {
      return await readFile(join(dir, file));
    } catch (e) {
      return new Error(`cannot read ${join(dir, file)}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
  };
  const [config, weights] = await Promise.all([read('config.json'), read('model.safetensors')]);
  if (config instanceof Error) return fail(config.message);
  if (weights instanceof Error) return fail(weights.message);
  // Copy out of Node's pooled Buffer so the ArrayBuffer holds exactly the file.
  const bytes = weights.buffer.slice(weights.byteOffset, weights.byteOffset + weights.byteLength) as ArrayBuffer;
  const model = loadBertFromFiles({ config: config.toString('utf8'), safetensors: bytes }, options);
  return model.ok ? model : fail(`${resolve(dir)}: ${model.reason}`);
}

export interface OpenedBert {
  model: LoadedBert;
  tokenizer: TextTokenizer;
  backend: BackendInfo;
  /** Frees the model's tensors. */
  dispose(): void;
}

/** Backend + model + tokenizer from one folder: what a command-line tool needs before embedding or classifying. */
export async function openBertDir(
  dir: string,
  backend: BackendPreference = 'auto',
  options: { memoryBudgetBytes?: number } = {},
): Promise<Result<OpenedBert>> {
  let info: BackendInfo;
  try {
    info = await initBackend(backend);
  } catch (e) {
    return fail((e as Error).message);
  }
  const model = await loadBertFromDir(dir, options);
  if (!model.ok) return model;
  try {
    const tokenizer = await loadTokenizer(dir);
    const fits = checkTokenizerFits(model.data.config, tokenizer);
    if (!fits.ok) {
      disposeTree(model.data.weights);
      return fail(`${resolve(dir)}: ${fits.reason}`);
    }
    return ok({ model: model.data, tokenizer, backend: info, dispose: () => disposeTree(model.data.weights) });
  } catch (e) {
    disposeTree(model.data.weights);
    return fail((e as Error).message);
  }
}
