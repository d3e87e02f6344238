// Source 2: files the analyst picked (a folder from <input webkitdirectory>, drag-and-drop, or single files).
import type { Result } from '../../../lib/result';
import { assembleBundle, BUNDLE_FILES, type BertBundle } from './bundle';

/** The parts of a File this module uses (a FileList from <input webkitdirectory>, drag-and-drop, or tests). */
export interface PickedFile {
  name: string;
  webkitRelativePath?: string;
  arrayBuffer(): Promise<ArrayBuffer>;
}

/**
 * A bundle from picked files, matched by file name. When a whole folder was picked, only the folder holding the
 * shallowest config.json counts, so a repo with sub-folders (onnx/, checkpoints) is not mixed up.
 */
export async function bundleFromFiles(picked: Iterable<PickedFile> | ArrayLike<PickedFile>): Promise<Result<BertBundle>> {
  const all = Array.from(picked as ArrayLike<PickedFile>);
  const dirOf = (f: PickedFile) => (f.webkitRelativePath ?? '').split('/').slice(0, -1).join('/');
  const configs = all.filter((f) => f.name === 'config.json').sort((a, b) => dirOf(a).length - dirOf(b).length);
  const dir = configs.length > 0 ? dirOf(configs[0]) : '';
  const inDir = all.filter((f) => dirOf(f) === dir || !f.webkitRelativePath);
  const files = new Map<string, ArrayBuffer>();
  const wanted = new Set([...BUNDLE_FILES, 'pytorch_model.bin']);
  for (const f of inDir) {
    if (!wanted.has(f.name) || files.has(f.name)) continue;
    // pytorch_model.bin is only noted (for the error message), never read: it can be hundreds of MB.
    files.set(f.name, f.name === 'pytorch_model.bin' ? new ArrayBuffer(0) : await f.arrayBuffer());
  }
  return assembleBundle(`files:${dir || 'picked files'}`, files);
}
