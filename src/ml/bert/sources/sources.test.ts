// Model sources with an injected fetch and a Map-backed Cache: URL folder, picked files, the Hub with progress,
// abort and offline reuse, and the errors that name the missing file.
import { readFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { isAbortError, type Progress } from '../../../lib/progress';
import { initBackend } from '../../backend';
import { disposeTree } from '../../tensors';
import {
  bundleFromFiles,
  bundleFromHub,
  bundleFromUrl,
  deleteCachedModel,
  hostedModelUrl,
  listCachedModels,
  listHostedModels,
  openBertBundle,
  type CacheLike,
  type CacheStorageLike,
  type FetchLike,
  type PickedFile,
} from './index';

const DIR = new URL('../../../../tests/fixtures/tiny-bert/', import.meta.url).pathname;
const NAMES = ['config.json', 'model.safetensors', 'tokenizer.json', 'tokenizer_config.json', 'vocab.txt'];
const bytesOf = (name: string) => new Uint8Array(readFileSync(DIR + name));

/** Serves `files` under `base`; everything else is a 404. Records every URL asked for. */
function fakeFetch(base: string, files: Record<string, Uint8Array>, opts: { chunk?: number; status?: number } = {}) {
  const calls: string[] = [];
  const cancelled: string[] = [];
  const fetch: FetchLike = async (url, init) => {
    calls.push(url);
    if (init?.signal?.aborted) throw new DOMException('aborted', 'AbortError');
    const name = url.startsWith(base) ? url.slice(base.length) : '';
    const body = files[name];
    if (opts.status) return new Response('no', { status: opts.status });
    if (!body) return new Response('not found', { status: 404 });
    const chunk = opts.chunk ?? 1 << 20;
    let at = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(c) {
        if (at >= body.length) return c.close();
        c.enqueue(body.slice(at, at + chunk));
        at += chunk;
      },
      cancel: () => void cancelled.push(name),
    });
    return new Response(stream, { headers: { 'content-length': String(body.length) } });
  };
  return { fetch, calls, cancelled };
}

function fakeCaches(opts: { quotaAfter?: number } = {}): CacheStorageLike & { store: Map<string, ArrayBuffer> } {
  const store = new Map<string, ArrayBuffer>();
  let puts = 0;
  const cache: CacheLike = {
    match: async (url) => (store.has(url) ? new Response(store.get(url)!.slice(0)) : undefined),
    put: async (url, res) => {
      if (opts.quotaAfter !== undefined && ++puts > opts.quotaAfter) throw new DOMException('quota', 'QuotaExceededError');
      store.set(url, await res.arrayBuffer());
    },
    delete: async (url) => store.delete(url),
    keys: async () => [...store.keys()].map((url) => ({ url })),
  };
  return { store, open: async () => cache };
}

const allFiles = () => Object.fromEntries(NAMES.map((n) => [n, bytesOf(n)]));

beforeAll(async () => {
  await initBackend('wasm');
});

describe('bundleFromUrl', () => {
  const base = 'http://app.test/models/tiny-bert/';

  it('loads a served folder into a working model and tokenizer', async () => {
    const { fetch } = fakeFetch(base, allFiles());
    const bundle = await bundleFromUrl('http://app.test/models/tiny-bert', { fetch });
    if (!bundle.ok) throw new Error(bundle.reason);
    expect(bundle.data.source).toBe(base);
    expect(bundle.data.safetensors.byteLength).toBe(bytesOf('model.safetensors').length);
    const before = tf.memory().numTensors;
    const opened = await openBertBundle(bundle.data);
    if (!opened.ok) throw new Error(opened.reason);
    expect(opened.data.model.config.hiddenSize).toBe(32);
    expect(opened.data.tokenizer.encode(['the cat'], { maxLength: 8 }).inputIds[0][0]).toBe(2);
    disposeTree(opened.data.model.weights);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('treats a 404 on an optional file as absent, and names a missing required file', async () => {
    const files = allFiles();
    delete files['tokenizer_config.json'];
    expect((await bundleFromUrl(base, { fetch: fakeFetch(base, files).fetch })).ok).toBe(true);
    delete files['model.safetensors'];
    const r = await bundleFromUrl(base, { fetch: fakeFetch(base, files).fetch });
    expect(r).toEqual({ ok: false, reason: `model.safetensors is missing at ${base}model.safetensors` });
    const noTok = allFiles();
    delete noTok['tokenizer.json'];
    delete noTok['vocab.txt'];
    expect(await bundleFromUrl(base, { fetch: fakeFetch(base, noTok).fetch })).toEqual({
      ok: false,
      reason: `${base}: tokenizer.json (or vocab.txt) is missing`,
    });
  });

  it('stops the other downloads when a required file is missing', async () => {
    const files = allFiles();
    delete files['config.json'];
    const fake = fakeFetch(base, files);
    expect((await bundleFromUrl(base, { fetch: fake.fetch })).ok).toBe(false);
    expect(fake.cancelled).toContain('model.safetensors');
  });

  it('rejects a relative folder outside a page', async () => {
    expect(await bundleFromUrl('models/x')).toEqual({
      ok: false,
      reason: '"models/x" is not a URL (outside a page, give an absolute one)',
    });
  });

  it('reports network failures with the file and URL', async () => {
    const fetch: FetchLike = async () => {
      throw new TypeError('Failed to fetch');
    };
    const r = await bundleFromUrl(base, { fetch });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.reason).toMatch(
      /^config\.json: could not fetch http:\/\/app\.test\/models\/tiny-bert\/config\.json \(Failed to fetch\)/,
    );
  });

  it('resolves hosted model folders against the app base, not a worker script', () => {
    expect(hostedModelUrl('tiny-bert', 'https://host.test/app/index.html')).toBe('https://host.test/app/models/tiny-bert/');
    expect(hostedModelUrl('a b', 'https://host.test/app/')).toBe('https://host.test/app/models/a%20b/');
  });

  it('lists hosted models from index.json, and an absent index as none', async () => {
    const index = new TextEncoder().encode(JSON.stringify([{ id: 'tiny-bert' }]));
    const fetch = fakeFetch('http://app.test/models/', { 'index.json': index }).fetch;
    expect(await listHostedModels('http://app.test/models/index.json', { fetch })).toEqual({ ok: true, data: [{ id: 'tiny-bert' }] });
    expect(await listHostedModels('http://app.test/models/index.json', { fetch: fakeFetch('x', {}).fetch })).toEqual({
      ok: true,
      data: [],
    });
  });
});

describe('bundleFromFiles', () => {
  const file = (path: string, data: Uint8Array): PickedFile => ({
    name: path.split('/').pop()!,
    webkitRelativePath: path,
    arrayBuffer: async () => data.slice().buffer,
  });

  it('matches a picked folder by file name, preferring the top-level config over sub-folders', async () => {
    const picked = [
      ...NAMES.map((n) => file(`tiny-bert/${n}`, bytesOf(n))),
      file('tiny-bert/onnx/config.json', new TextEncoder().encode('{}')),
      file('tiny-bert/README.md', new Uint8Array(3)),
    ];
    const bundle = await bundleFromFiles(picked);
    if (!bundle.ok) throw new Error(bundle.reason);
    expect(bundle.data.source).toBe('files:tiny-bert');
    expect(JSON.parse(bundle.data.config).hidden_size).toBe(32);
    expect(bundle.data.vocabTxt).toContain('[CLS]');
  });

  it('accepts individually picked File objects', async () => {
    const files = NAMES.map((n) => new File([bytesOf(n)], n));
    expect((await bundleFromFiles(files)).ok).toBe(true);
  });

  it('explains a folder with only pytorch_model.bin', async () => {
    const picked = ['config.json', 'vocab.txt', 'pytorch_model.bin'].map((n) => file(`m/${n}`, new Uint8Array(1)));
    const r = await bundleFromFiles(picked);
    expect(!r.ok && r.reason).toMatch(/^files:m: model\.safetensors is missing \(only pytorch_model\.bin is there; convert it/);
  });
});

describe('bundleFromHub', () => {
  const id = 'org/tiny-bert';
  const base = `https://huggingface.co/${id}/resolve/main/`;

  it('downloads with byte progress, caches, then loads offline from the cache', async () => {
    const { fetch, calls } = fakeFetch(base, allFiles(), { chunk: 4096 });
    const caches = fakeCaches();
    let t = 0;
    const seen: Progress[] = [];
    const first = await bundleFromHub(id, { fetch, caches, onProgress: (p) => seen.push(p), progressEveryMs: 0, now: () => (t += 10) });
    if (!first.ok) throw new Error(first.reason);
    expect(first.data.fromCache).toBe(false);
    expect(calls).toHaveLength(5);
    const total = NAMES.reduce((s, n) => s + bytesOf(n).length, 0);
    const last = seen[seen.length - 1];
    expect(last).toMatchObject({ done: total, total, unit: 'bytes', etaSeconds: 0 });
    expect(seen.length).toBeGreaterThan(10);
    expect(seen.every((p, i) => i === 0 || p.done >= seen[i - 1].done)).toBe(true);
    expect(last.rate).toBeGreaterThan(0);

    const offline: FetchLike = async () => {
      throw new TypeError('offline');
    };
    const second = await bundleFromHub(id, { fetch: offline, caches });
    if (!second.ok) throw new Error(second.reason);
    expect(second.data.fromCache).toBe(true);
    expect(new Uint8Array(second.data.safetensors)).toEqual(bytesOf('model.safetensors'));
    expect(second.data.source).toBe(`hf:${id}@main`);

    const listed = await listCachedModels(caches);
    expect(listed).toMatchObject([{ id, revision: 'main', bytes: total }]);
    expect(listed[0].files.map((f) => f.name).sort()).toEqual([...NAMES].sort());
    expect(await deleteCachedModel(id, { caches })).toBe(true);
    expect(caches.store.size).toBe(0);
    expect(await listCachedModels(caches)).toEqual([]);
  });

  it('rejects with an AbortError when aborted mid-download and caches nothing', async () => {
    const ctrl = new AbortController();
    const { fetch } = fakeFetch(base, allFiles(), { chunk: 1024 });
    const caches = fakeCaches();
    const p = bundleFromHub(id, {
      fetch,
      caches,
      signal: ctrl.signal,
      progressEveryMs: 0,
      onProgress: (pr) => pr.done > 20_000 && ctrl.abort(),
    });
    await expect(p).rejects.toSatisfy(isAbortError);
    expect(caches.store.size).toBe(0);
  });

  it('still returns the model when caching hits the quota, leaving no partial cache entry', async () => {
    const caches = fakeCaches({ quotaAfter: 2 });
    const r = await bundleFromHub(id, { fetch: fakeFetch(base, allFiles()).fetch, caches });
    if (!r.ok) throw new Error(r.reason);
    expect(r.data.cacheError).toMatch(/not enough storage space/);
    expect(caches.store.size).toBe(0);
  });

  it('explains bad ids, gated repos and missing weights', async () => {
    expect(await bundleFromHub('../etc', { caches: fakeCaches() })).toEqual({
      ok: false,
      reason: expect.stringMatching(/is not a Hugging Face model id/),
    });
    const gated = await bundleFromHub(id, { fetch: fakeFetch(base, {}, { status: 401 }).fetch, caches: fakeCaches() });
    expect(!gated.ok && gated.reason).toMatch(/^config\.json could not be downloaded \(HTTP 401: private or gated model/);
    const files = allFiles();
    delete files['model.safetensors'];
    const noWeights = await bundleFromHub(id, { fetch: fakeFetch(base, files).fetch, caches: fakeCaches() });
    expect(noWeights).toEqual({ ok: false, reason: `model.safetensors is missing at ${base}model.safetensors` });
  });

  it('downloads again when the cached manifest is unreadable', async () => {
    const caches = fakeCaches();
    const { fetch, calls } = fakeFetch(base, allFiles());
    await bundleFromHub(id, { fetch, caches });
    caches.store.set(`${base}.reclens-manifest.json`, new TextEncoder().encode('{broken').buffer);
    const again = await bundleFromHub(id, { fetch, caches });
    expect(again.ok && again.data.fromCache).toBe(false);
    expect(calls).toHaveLength(10);
  });

  it('works without a Cache API (nothing cached, nothing fails)', async () => {
    const r = await bundleFromHub(id, { fetch: fakeFetch(base, allFiles()).fetch, caches: undefined });
    expect(r.ok && r.data.fromCache).toBe(false);
  });
});
