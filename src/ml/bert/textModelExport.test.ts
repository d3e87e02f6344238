// "Export (Hugging Face folder)": the zip the worker writes unzips to an HF folder that the app's own loader opens
// into the same model — same token ids and logits (classifier) or hidden states (bare encoder) on the fixtures.
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../backend';
import { unzipFolder, folderName } from './exportFolder';
import { assembleBundle, openBertBundle, type PickedFile } from './sources';
import { forwardArrays, disposeModel } from './forwardArrays';
import { TextModels } from './textModels';

const FIXTURES = new URL('../../../tests/fixtures/', import.meta.url).pathname;
const NAMES = ['config.json', 'model.safetensors', 'tokenizer.json', 'tokenizer_config.json', 'vocab.txt'];
const picked = (dir: string): PickedFile[] =>
  NAMES.map((name) => {
    const bytes = readFileSync(`${FIXTURES}${dir}/${name}`);
    return {
      name,
      webkitRelativePath: `${dir}/${name}`,
      arrayBuffer: async () => bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer,
    };
  });
const TEXTS = ['the quick brown fox', 'viewed a red phone case, then bought it'];
const noProgress = () => undefined;

beforeAll(async () => {
  await initBackend('wasm');
});

describe('TextModels.exportZip', () => {
  for (const [dir, output] of [
    ['tiny-bert-classifier', 'logits'],
    ['tiny-bert', 'lastHiddenState'],
  ] as const) {
    it(`${dir}: the zip unzips to a folder that loads back to identical ${output}`, async () => {
      const texts = new TextModels();
      const loaded = await texts.load({ kind: 'files', files: picked(dir) }, noProgress);
      if (!loaded.ok) throw new Error(loaded.reason);
      const exported = await texts.exportZip(loaded.data.id);
      if (!exported.ok) throw new Error(exported.reason);
      expect(exported.data.name).toBe(dir);

      const files = unzipFolder(exported.data.zip);
      expect([...files.keys()].sort()).toEqual([...NAMES].sort());
      const bundle = assembleBundle('zip', files);
      if (!bundle.ok) throw new Error(bundle.reason);
      const reopened = await openBertBundle(bundle.data);
      if (!reopened.ok) throw new Error(reopened.reason);

      const before = await texts.forward(loaded.data.id, TEXTS, {});
      const after = await forwardArrays(reopened.data.model, reopened.data.tokenizer, TEXTS);
      expect(after.inputIds).toEqual(before.inputIds);
      const a = after[output]!;
      const b = before[output]!;
      expect(a.shape).toEqual(b.shape);
      expect(Array.from(a.data)).toEqual(Array.from(b.data));
      expect(reopened.data.model.config.labels ?? null).toEqual(loaded.data.labels);
      disposeModel(reopened.data.model);
      texts.unload(loaded.data.id);
    });
  }

  it('a model whose tokenizer files are unknown is refused with a reason, not exported half', async () => {
    const texts = new TextModels();
    const loaded = await texts.load({ kind: 'files', files: picked('tiny-bert') }, noProgress);
    if (!loaded.ok) throw new Error(loaded.reason);
    const { model, tokenizer } = texts.get(loaded.data.id);
    const bare = texts.add(model, tokenizer, 'made in a test');
    const exported = await texts.exportZip(bare.id);
    expect(exported.ok).toBe(false);
    if (!exported.ok) expect(exported.reason).toMatch(/tokenizer/);
    texts.unload(loaded.data.id);
  });
});

describe('folderName', () => {
  it('turns a source into a safe folder name', () => {
    expect(folderName('files:tiny-bert')).toBe('tiny-bert');
    expect(folderName('hf:google/bert_uncased_L-2@main → purchase classifier')).toBe('google-bert_uncased_L-2-main-purchase-classifier');
    expect(folderName('../../etc/passwd')).toBe('etc-passwd');
    expect(folderName('')).toBe('bert-model');
  });
});
