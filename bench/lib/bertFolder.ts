// Opens an HF BERT folder in Node through the app's own bundle path (the files a folder pick would hand the app).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { assembleBundle, BUNDLE_FILES, openBertBundle } from '../../src/ml/bert/sources';

export async function openBertFolder(dir: string) {
  const files = new Map(
    BUNDLE_FILES.filter((f) => existsSync(join(dir, f))).map((f) => {
      const b = readFileSync(join(dir, f));
      return [f, b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer];
    }),
  );
  const bundle = assembleBundle(dir, files);
  if (!bundle.ok) throw new Error(bundle.reason);
  const opened = await openBertBundle(bundle.data);
  if (!opened.ok) throw new Error(opened.reason);
  return opened.data;
}
