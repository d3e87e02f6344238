// Where a BERT model comes from: a URL folder (the app's own models/), files the analyst picked, or the Hugging Face Hub
// (only on explicit request, cached for offline use). Each source yields the same in-memory bundle of an HF folder.
import { fail, ok, type Result } from '../../lib/result';
import { abortError, progressTracker, type Progress } from '../../lib/progress';
import { tokenizerFromFiles, type TokenizerFiles } from './browserTokenizer';
import { checkTokenizerFits, loadBertFromFiles, type BertFiles, type LoadedBert } from './load';
import { disposeTree } from '../tensors';
import type { TextTokenizer } from './tokenizer';

/** An HF BERT folder in memory: what loadBertFromFiles and tokenizerFromFiles need, plus where it came from. */
export interface BertBundle extends BertFiles, TokenizerFiles {
  /** A URL, "files:<folder>" or "hf:<id>@<revision>", for messages and model cards. */
  source: string;
}

export const REQUIRED_FILES = ['config.json', 'model.safetensors'] as const;
export const OPTIONAL_FILES = ['tokenizer.json', 'tokenizer_config.json', 'vocab.txt'] as const;
export const BUNDLE_FILES: readonly string[] = [...REQUIRED_FILES, ...OPTIONAL_FILES];

export type FetchLike = (url: string, init?: { signal?: AbortSignal }) => Promise<Response>;

export interface DownloadOptions {
  /** Injectable for tests and workers; defaults to globalThis.fetch. */
  fetch?: FetchLike;
  /** Aborting rejects with an AbortError (see isAbortError in lib/progress). */
  signal?: AbortSignal;
  /** Bytes done/total with rate and ETA; called at most every `progressEveryMs` and once at the end. */
  onProgress?: (p: Progress) => void;
  progressEveryMs?: number;
  /** Clock for progress (tests). */
  now?: () => number;
}

/** Turn named file contents into a bundle, naming whatever is missing. Text files are decoded as UTF-8. */
export function assembleBundle(source: string, files: ReadonlyMap<string, ArrayBuffer>): Result<BertBundle> {
  if (!files.has('config.json')) return fail(`${source}: config.json is missing`);
  if (!files.has('model.safetensors')) {
    const hint = files.has('pytorch_model.bin') ? ' (only pytorch_model.bin is there; convert it to safetensors first — see public/models/tiny-bert/README.md)' : '';
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

// ---------------------------------------------------------------- URL folder (the app's own models/, any static host)

/**
 * models/<id>/ under the app's base URL. Inside a Worker pass the page's `document.baseURI`: with Vite's relative base
 * ('./') a worker's own location lies under assets/, so resolving against it would miss the folder.
 */
export function hostedModelUrl(id: string, appBaseUrl?: string): string {
  const viteBase = (import.meta as { env?: { BASE_URL?: string } }).env?.BASE_URL ?? '/';
  const base = appBaseUrl ?? (typeof document !== 'undefined' ? document.baseURI : new URL(viteBase, globalThis.location?.href ?? 'http://localhost/').href);
  return new URL(`models/${encodeURIComponent(id)}/`, base).href;
}

/** Fetch an HF folder served over HTTP. config.json and model.safetensors are required; a 404 on the others means absent. */
export async function bundleFromUrl(folderUrl: string, opts: DownloadOptions = {}): Promise<Result<BertBundle>> {
  let base: string;
  try {
    base = new URL(folderUrl.endsWith('/') ? folderUrl : `${folderUrl}/`, globalThis.location?.href).href;
  } catch {
    return fail(`"${folderUrl}" is not a URL (outside a page, give an absolute one)`);
  }
  const got = await downloadFiles(
    BUNDLE_FILES.map((name) => ({ name, url: new URL(name, base).href })),
    `Downloading ${base}`,
    opts,
  );
  return got.ok ? assembleBundle(base, got.data) : got;
}

export interface HostedModel {
  id: string;
  description?: string;
}

/** The models a host lists in models/index.json; an absent index means none are listed (not an error). */
export async function listHostedModels(indexUrl: string, opts: Pick<DownloadOptions, 'fetch' | 'signal'> = {}): Promise<Result<HostedModel[]>> {
  const doFetch = opts.fetch ?? globalThis.fetch.bind(globalThis);
  const res = await doFetch(indexUrl, { signal: opts.signal });
  if (res.status === 404) return ok([]);
  if (!res.ok) return fail(`${indexUrl}: HTTP ${res.status}`);
  try {
    const list: unknown = await res.json();
    if (Array.isArray(list) && list.every((m) => typeof m?.id === 'string')) return ok(list as HostedModel[]);
  } catch {
    // falls through to the message below
  }
  return fail(`${indexUrl}: expected a JSON array of {"id": …} entries`);
}

// ---------------------------------------------------------------- files the analyst picked

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

// ---------------------------------------------------------------- downloading with progress and abort

export interface FileRequest {
  name: string;
  url: string;
}

/**
 * Fetch files concurrently and stream their bodies with byte progress. A 404 on a file outside REQUIRED_FILES means
 * "absent"; any other failure is an error naming the file and URL. Shared by the URL folder and Hub sources.
 */
export async function downloadFiles(requests: FileRequest[], label: string, opts: DownloadOptions): Promise<Result<Map<string, ArrayBuffer>>> {
  const doFetch = opts.fetch ?? globalThis.fetch.bind(globalThis);
  const { signal } = opts;
  if (signal?.aborted) throw abortError();
  const responses = await Promise.all(
    requests.map(async (r) => {
      try {
        return { ...r, res: await doFetch(r.url, { signal }) };
      } catch (e) {
        if (signal?.aborted) throw abortError();
        return { ...r, error: (e as Error).message };
      }
    }),
  );
  // On any failure stop every other download too, or a large model.safetensors would keep streaming unseen.
  const stopAll = (reason: string) => {
    for (const r of responses) if ('res' in r && r.res) void r.res.body?.cancel().catch(() => undefined);
    return fail(reason);
  };
  const present: { name: string; res: Response }[] = [];
  for (const r of responses) {
    if ('error' in r) return stopAll(`${r.name}: could not fetch ${r.url} (${r.error})`);
    const required = (REQUIRED_FILES as readonly string[]).includes(r.name);
    if (r.res.status === 404 && !required) {
      void r.res.body?.cancel().catch(() => undefined);
      continue;
    }
    if (!r.res.ok) {
      const why = r.res.status === 404 ? 'is missing' : `could not be downloaded (HTTP ${r.res.status}${r.res.status === 401 || r.res.status === 403 ? ': private or gated model, or no such model' : ''})`;
      return stopAll(`${r.name} ${why} at ${r.url}`);
    }
    present.push({ name: r.name, res: r.res });
  }

  const lengths = present.map((p) => Number(p.res.headers.get('content-length') ?? NaN));
  const total = lengths.every(Number.isFinite) ? lengths.reduce((a, b) => a + b, 0) : null;
  const now = opts.now ?? (() => performance.now());
  const track = progressTracker(label, 'bytes', total, now);
  let done = 0;
  let lastReport = -Infinity;
  const report = (force: boolean) => {
    if (!opts.onProgress || (!force && now() - lastReport < (opts.progressEveryMs ?? 100))) return;
    lastReport = now();
    opts.onProgress(track(done));
  };
  const bodies = await Promise.all(
    present.map(async ({ name, res }, i) => {
      const bytes = await readBody(res, lengths[i], signal, (n) => {
        done += n;
        report(false);
      });
      return [name, bytes] as const;
    }),
  );
  report(true);
  return ok(new Map(bodies));
}

/** Stream a body into one buffer, preallocated from Content-Length so a large file is not held twice. */
async function readBody(res: Response, length: number, signal: AbortSignal | undefined, onChunk: (n: number) => void): Promise<ArrayBuffer> {
  if (!res.body) {
    const b = await res.arrayBuffer();
    onChunk(b.byteLength);
    return b;
  }
  const reader = res.body.getReader();
  let buf = new Uint8Array(Number.isFinite(length) ? length : 1 << 16);
  let size = 0;
  for (;;) {
    if (signal?.aborted) {
      await reader.cancel().catch(() => undefined);
      throw abortError();
    }
    let chunk: ReadableStreamReadResult<Uint8Array>;
    try {
      chunk = await reader.read();
    } catch (e) {
      if (signal?.aborted) throw abortError();
      throw e;
    }
    if (chunk.done) break;
    // A compressed response's Content-Length counts compressed bytes; grow when the body is longer.
    if (size + chunk.value.length > buf.length) {
      const bigger = new Uint8Array(Math.max(buf.length * 2, size + chunk.value.length));
      bigger.set(buf.subarray(0, size));
      buf = bigger;
    }
    buf.set(chunk.value, size);
    size += chunk.value.length;
    onChunk(chunk.value.length);
  }
  return size === buf.length ? buf.buffer : buf.slice(0, size).buffer;
}

// ---------------------------------------------------------------- Hugging Face Hub (only when the analyst asks)

export const HUB_CACHE_NAME = 'reclens-models';
const HUB = 'https://huggingface.co';
/** Written last, after every file is cached: its presence is what makes a cached model complete. */
const MANIFEST = '.reclens-manifest.json';

/** The parts of the Cache API used here; the real `caches` satisfies it, tests pass a Map-backed fake. */
export interface CacheLike {
  match(url: string): Promise<Response | undefined>;
  put(url: string, res: Response): Promise<void>;
  delete(url: string): Promise<boolean>;
  keys(): Promise<readonly { url: string }[]>;
}
export interface CacheStorageLike {
  open(name: string): Promise<CacheLike>;
}

export interface HubOptions extends DownloadOptions {
  revision?: string;
  /** Defaults to globalThis.caches; without one (insecure context, Node) nothing is cached. */
  caches?: CacheStorageLike;
  /** Download again even when a complete copy is cached. */
  refresh?: boolean;
}

export interface HubBundle extends BertBundle {
  fromCache: boolean;
  /** Set when the download succeeded but could not be cached (e.g. quota): the model works, but not offline next time. */
  cacheError?: string;
}

export interface CachedModel {
  id: string;
  revision: string;
  files: { name: string; bytes: number }[];
  bytes: number;
  savedAt: string;
}

const MODEL_ID = /^[A-Za-z0-9][\w.-]*(\/[\w.-]+)?$/;

const hubBase = (id: string, revision: string) => `${HUB}/${id}/resolve/${encodeURIComponent(revision)}/`;

/** Download a BERT repo from the Hub (https://huggingface.co/<id>/resolve/<revision>/<file>), or read it from the cache. */
export async function bundleFromHub(modelId: string, opts: HubOptions = {}): Promise<Result<HubBundle>> {
  const revision = opts.revision ?? 'main';
  if (!MODEL_ID.test(modelId) || modelId.includes('..')) return fail(`"${modelId}" is not a Hugging Face model id (like "google/bert_uncased_L-4_H-256_A-4")`);
  const base = hubBase(modelId, revision);
  const source = `hf:${modelId}@${revision}`;
  const storage = opts.caches ?? (globalThis as { caches?: CacheStorageLike }).caches;
  const cache = storage ? await storage.open(HUB_CACHE_NAME).catch(() => undefined) : undefined;

  if (cache && !opts.refresh) {
    const cached = await readCached(cache, base);
    if (cached) {
      const bundle = assembleBundle(source, cached);
      if (bundle.ok) return ok({ ...bundle.data, fromCache: true });
    }
  }

  const got = await downloadFiles(BUNDLE_FILES.map((name) => ({ name, url: base + name })), `Downloading ${modelId}`, opts);
  if (!got.ok) return got;
  const bundle = assembleBundle(source, got.data);
  if (!bundle.ok) return bundle;
  let cacheError: string | undefined;
  if (cache) {
    try {
      for (const [name, bytes] of got.data) await cache.put(base + name, new Response(bytes, { headers: { 'content-length': String(bytes.byteLength) } }));
      const manifest: CachedModel = {
        id: modelId,
        revision,
        files: [...got.data].map(([name, b]) => ({ name, bytes: b.byteLength })),
        bytes: [...got.data.values()].reduce((s, b) => s + b.byteLength, 0),
        savedAt: new Date().toISOString(),
      };
      await cache.put(base + MANIFEST, new Response(JSON.stringify(manifest), { headers: { 'content-type': 'application/json' } }));
    } catch (e) {
      // Leave no partial copy that would look cached.
      await deleteEntries(cache, base);
      cacheError = `could not cache ${modelId} for offline use: ${(e as Error).name === 'QuotaExceededError' ? 'not enough storage space' : (e as Error).message}`;
    }
  }
  return ok({ ...bundle.data, fromCache: false, ...(cacheError ? { cacheError } : {}) });
}

async function readCached(cache: CacheLike, base: string): Promise<Map<string, ArrayBuffer> | undefined> {
  let files: CachedModel['files'];
  try {
    files = ((await (await cache.match(base + MANIFEST))?.json()) as CachedModel | undefined)?.files ?? [];
  } catch {
    return undefined; // an unreadable manifest counts as not cached: download again
  }
  if (files.length === 0) return undefined;
  const out = new Map<string, ArrayBuffer>();
  for (const { name } of files) {
    const res = await cache.match(base + name);
    if (!res) return undefined;
    out.set(name, await res.arrayBuffer());
  }
  return out;
}

/** Every complete Hub model in the cache, with its size. */
export async function listCachedModels(storage: CacheStorageLike | undefined = (globalThis as { caches?: CacheStorageLike }).caches): Promise<CachedModel[]> {
  if (!storage) return [];
  const cache = await storage.open(HUB_CACHE_NAME);
  const out: CachedModel[] = [];
  for (const req of await cache.keys()) {
    if (!req.url.endsWith(`/${MANIFEST}`)) continue;
    const res = await cache.match(req.url);
    if (res) out.push((await res.json()) as CachedModel);
  }
  return out.sort((a, b) => a.id.localeCompare(b.id));
}

/** Remove one cached model (every revision unless one is named); true when something was deleted. */
export async function deleteCachedModel(modelId: string, opts: { revision?: string; caches?: CacheStorageLike } = {}): Promise<boolean> {
  const storage = opts.caches ?? (globalThis as { caches?: CacheStorageLike }).caches;
  if (!storage) return false;
  const cache = await storage.open(HUB_CACHE_NAME);
  const prefix = opts.revision ? hubBase(modelId, opts.revision) : `${HUB}/${modelId}/resolve/`;
  return deleteEntries(cache, prefix);
}

async function deleteEntries(cache: CacheLike, prefix: string): Promise<boolean> {
  let any = false;
  for (const req of await cache.keys()) {
    // Match on the whole path segment so "org/bert" does not also delete "org/bert-large".
    if (req.url.startsWith(prefix) && (await cache.delete(req.url))) any = true;
  }
  return any;
}
