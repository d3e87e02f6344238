// Hub models kept for offline use in the Cache API, keyed by their Hub URLs; a manifest written last marks a copy complete.
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

export interface CachedModel {
  id: string;
  revision: string;
  files: { name: string; bytes: number }[];
  bytes: number;
  savedAt: string;
}

/** The folder URL of a Hub repo at a revision: where its files download from, and the prefix of their cache keys. */
export const hubBase = (id: string, revision: string) => `${HUB}/${id}/resolve/${encodeURIComponent(revision)}/`;

/** The files of a complete cached copy, or undefined when there is none (or its manifest is unreadable). */
export async function readCached(cache: CacheLike, base: string): Promise<Map<string, ArrayBuffer> | undefined> {
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

/** Cache downloaded files, manifest last. On failure (e.g. quota) nothing partial is left; the reason is returned. */
export async function writeCached(
  cache: CacheLike,
  modelId: string,
  revision: string,
  files: ReadonlyMap<string, ArrayBuffer>,
): Promise<string | undefined> {
  const base = hubBase(modelId, revision);
  try {
    for (const [name, bytes] of files)
      await cache.put(base + name, new Response(bytes, { headers: { 'content-length': String(bytes.byteLength) } }));
    const manifest: CachedModel = {
      id: modelId,
      revision,
      files: [...files].map(([name, b]) => ({ name, bytes: b.byteLength })),
      bytes: [...files.values()].reduce((s, b) => s + b.byteLength, 0),
      savedAt: new Date().toISOString(),
    };
    await cache.put(base + MANIFEST, new Response(JSON.stringify(manifest), { headers: { 'content-type': 'application/json' } }));
    return undefined;
  } catch (e) {
    // Leave no partial copy that would look cached.
    await deleteEntries(cache, base);
    return `could not cache ${modelId} for offline use: ${(e as Error).name === 'QuotaExceededError' ? 'not enough storage space' : (e as Error).message}`;
  }
}

/** Every complete Hub model in the cache, with its size. */
export async function listCachedModels(
  storage: CacheStorageLike | undefined = (globalThis as { caches?: CacheStorageLike }).caches,
): Promise<CachedModel[]> {
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
