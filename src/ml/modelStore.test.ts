// Model store on fake-indexeddb: round trip, listing with sizes, delete/clear, and all-or-nothing saves on quota errors.
import { readFileSync } from 'node:fs';
import { IDBFactory, IDBObjectStore } from 'fake-indexeddb';
import { afterEach, describe, expect, it } from 'vitest';
import type { BertBundle } from './bert/sources';
import { openModelStore, type ModelStore } from './modelStore';

const DIR = new URL('../../tests/fixtures/tiny-bert/', import.meta.url).pathname;
const bundle: BertBundle = {
  source: 'files:tiny-bert',
  config: readFileSync(`${DIR}config.json`, 'utf8'),
  safetensors: new Uint8Array(readFileSync(`${DIR}model.safetensors`)).buffer,
  tokenizerJson: readFileSync(`${DIR}tokenizer.json`, 'utf8'),
  vocabTxt: readFileSync(`${DIR}vocab.txt`, 'utf8'),
};
const card = {
  name: 'Buy intent',
  task: 'classification' as const,
  labels: ['no', 'yes'],
  training: { epochs: 3, lr: 5e-5, lora: { rank: 8 } },
  metrics: { valAccuracy: 0.9 },
};

let store: ModelStore | undefined;
const open = async (factory = new IDBFactory()) => {
  const s = await openModelStore({ indexedDB: factory });
  if (!s.ok) throw new Error(s.reason);
  store = s.data;
  return s.data;
};
const originalPut = IDBObjectStore.prototype.put;
afterEach(() => {
  IDBObjectStore.prototype.put = originalPut;
  store?.close();
});

describe('modelStore', () => {
  it('saves, lists with sizes, loads byte-identical files, deletes and clears', async () => {
    const s = await open();
    const saved = await s.save('buy-intent', bundle, { ...card, createdAt: '2026-01-02T00:00:00Z' });
    if (!saved.ok) throw new Error(saved.reason);
    expect(saved.data.files.find((f) => f.name === 'model.safetensors')?.bytes).toBe(bundle.safetensors.byteLength);
    expect(saved.data.files.map((f) => f.name)).toEqual(['config.json', 'model.safetensors', 'tokenizer.json', 'vocab.txt']);
    await s.save('older', bundle, { name: 'older', createdAt: '2025-01-01T00:00:00Z' });

    const listed = await s.list();
    expect(listed.ok && listed.data.map((m) => m.id)).toEqual(['buy-intent', 'older']);
    expect(listed.ok && listed.data[0].bytes).toBe(saved.data.bytes);
    expect(listed.ok && listed.data[0].card.training).toEqual(card.training);

    const loaded = await s.load('buy-intent');
    if (!loaded.ok) throw new Error(loaded.reason);
    expect(new Uint8Array(loaded.data.bundle.safetensors)).toEqual(new Uint8Array(bundle.safetensors));
    expect(loaded.data.bundle.vocabTxt).toBe(bundle.vocabTxt);
    expect(loaded.data.bundle.tokenizerConfig).toBeUndefined();

    expect(await s.delete('older')).toEqual({ ok: true, data: true });
    expect(await s.delete('older')).toEqual({ ok: true, data: false });
    expect(await s.load('older')).toEqual({ ok: false, reason: 'no saved model named "older"' });
    expect((await s.clear()).ok).toBe(true);
    expect(await s.list()).toEqual({ ok: true, data: [] });
  });

  it('refuses to overwrite unless asked, and survives reopening', async () => {
    const factory = new IDBFactory();
    const s = await open(factory);
    await s.save('m', bundle, card);
    expect(await s.save('m', bundle, card)).toEqual({
      ok: false,
      reason: 'saving model "m" failed: a model named "m" is already saved. Nothing was saved.',
    });
    expect((await s.save('m', bundle, { ...card, name: 'v2' }, { overwrite: true })).ok).toBe(true);
    s.close();
    const again = await open(factory);
    const listed = await again.list();
    expect(listed.ok && listed.data.map((m) => m.card.name)).toEqual(['v2']);
  });

  it('leaves nothing behind when the weights write hits the quota (request error → transaction abort)', async () => {
    const s = await open();
    await s.save('kept', bundle, card);
    // As browsers do: the request fails asynchronously and the transaction aborts with QuotaExceededError.
    IDBObjectStore.prototype.put = function (this: IDBObjectStore, ...args: [unknown, IDBValidKey?]) {
      if (this.name !== 'files') return originalPut.apply(this, args);
      const tx = this.transaction as unknown as { _execRequestAsync(o: object): IDBRequest };
      return tx._execRequestAsync({
        source: this,
        operation: () => {
          throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
        },
      });
    };
    const r = await s.save('big', bundle, card);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.reason).toBe(
      'saving model "big" failed: not enough storage space (QuotaExceededError); delete saved models or free disk space. Nothing was saved.',
    );
    IDBObjectStore.prototype.put = originalPut;
    const listed = await s.list();
    expect(listed.ok && listed.data.map((m) => m.id)).toEqual(['kept']);
    expect(await s.load('big')).toEqual({ ok: false, reason: 'no saved model named "big"' });
  });

  it('rolls back the card when a put throws synchronously, keeping the reason', async () => {
    const s = await open();
    IDBObjectStore.prototype.put = function (this: IDBObjectStore, ...args: [unknown, IDBValidKey?]) {
      if (this.name === 'files') throw new DOMException('quota', 'QuotaExceededError');
      return originalPut.apply(this, args);
    };
    const r = await s.save('big', bundle, card);
    expect(!r.ok && r.reason).toMatch(/not enough storage space/);
    IDBObjectStore.prototype.put = originalPut;
    expect(await s.list()).toEqual({ ok: true, data: [] });
  });

  it('reports a missing IndexedDB clearly', async () => {
    const r = await openModelStore({ indexedDB: undefined });
    expect(r).toEqual({ ok: false, reason: expect.stringMatching(/need IndexedDB/) });
  });
});
