// Models kept in this browser for a reload (fake-indexeddb): a model from picked files and a fine-tuned copy are kept
// and re-open with the same outputs and labels; an evicted one fails naming why; a Hub model re-opens from its cached
// copy only and never reaches for the network.
import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../backend';
import { TextModels } from '../textModels';
import { bundleFromHub, type CacheStorageLike, type FetchLike, type PickedFile } from './index';
import { forgetKeptExcept, keptModels } from './kept';

const fixture = (dir: string): PickedFile[] =>
  ['config.json', 'model.safetensors', 'tokenizer.json', 'tokenizer_config.json', 'vocab.txt'].map((name) => {
    const bytes = new Uint8Array(readFileSync(new URL(`../../../../tests/fixtures/${dir}/${name}`, import.meta.url)));
    return { name, arrayBuffer: async () => bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer };
  });

beforeAll(async () => {
  await initBackend('wasm');
});

describe('text models kept in this browser', () => {
  it('keeps a model from picked files and re-opens it with the same outputs, source and labels', async () => {
    const texts = new TextModels();
    const loaded = await texts.load({ kind: 'files', files: fixture('tiny-bert-classifier') }, () => undefined);
    if (!loaded.ok) throw new Error(loaded.reason);
    expect(loaded.data.origin).toEqual({ kind: 'files' });
    const kept = await texts.keep(loaded.data.id, 'k-1');
    expect(kept.ok && kept.data.bytes).toBeGreaterThan(1000);

    const again = await texts.load({ kind: 'kept', id: 'k-1' }, () => undefined);
    if (!again.ok) throw new Error(again.reason);
    expect(again.data.origin).toEqual({ kind: 'kept', id: 'k-1' });
    expect(again.data.source).toBe(loaded.data.source);
    expect(again.data.labels).toEqual(['not_buy', 'buy']);
    expect(again.data.parameters).toBe(loaded.data.parameters);
    const sentence = ['viewed shoes then bought shoes'];
    const a = await texts.forward(loaded.data.id, sentence, {});
    const b = await texts.forward(again.data.id, sentence, {});
    expect(b.inputIds).toEqual(a.inputIds);
    expect(b.logits!.shape).toEqual([1, 2]);
    a.logits!.data.forEach((v, i) => expect(b.logits!.data[i]).toBeCloseTo(v, 5));
    a.meanPooled.data.forEach((v, i) => expect(b.meanPooled.data[i]).toBeCloseTo(v, 5));
  });

  it('names a kept model that is gone, and forgets all but the named ones', async () => {
    const texts = new TextModels();
    const missing = await texts.load({ kind: 'kept', id: 'never-kept' }, () => undefined);
    expect(missing.ok).toBe(false);
    expect(!missing.ok && missing.reason).toMatch(/its weights are no longer kept in this browser/);

    const loaded = await texts.load({ kind: 'files', files: fixture('tiny-bert') }, () => undefined);
    if (!loaded.ok) throw new Error(loaded.reason);
    await texts.keep(loaded.data.id, 'k-2');
    const gone = await forgetKeptExcept(['k-2']);
    expect(gone.ok && gone.data).toEqual(['k-1']);
    const store = await keptModels();
    const list = store.ok ? await store.data.list() : null;
    expect(list?.ok && list.data.map((m) => m.id)).toEqual(['k-2']);
  });

  it('re-opens a Hub model offline from its cached copy only: without one it fails and fetches nothing', async () => {
    const calls: string[] = [];
    const fetch: FetchLike = async (url) => {
      calls.push(url);
      return new Response('no', { status: 500 });
    };
    const empty: CacheStorageLike = {
      open: async () => ({ match: async () => undefined, put: async () => undefined, delete: async () => false, keys: async () => [] }),
    };
    const r = await bundleFromHub('org/bert', { fetch, caches: empty, offline: true });
    expect(!r.ok && r.reason).toBe('org/bert: no complete copy is cached in this browser any more (download it again from the Hub)');
    expect(calls).toEqual([]);
  });
});
