// Node only (uses node:fs): load a BERT model from an HF folder on disk, for the CLI and tests.
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fail, type Result } from '../../lib/result';
import { loadBertFromFiles, type LoadedBert } from './load';

export async function loadBertFromDir(dir: string): Promise<Result<LoadedBert>> {
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
  const model = loadBertFromFiles({ config: config.toString('utf8'), safetensors: bytes });
  return model.ok ? model : fail(`${resolve(dir)}: ${model.reason}`);
}
