// Source 3: a repo on the Hugging Face Hub, downloaded only when the analyst asks, and read from the cache after that.
import { fail, ok, type Result } from '../../../lib/result';
import { assembleBundle, BUNDLE_FILES, type BertBundle } from './bundle';
import { HUB_CACHE_NAME, hubBase, readCached, writeCached, type CacheStorageLike } from './cache';
import { downloadFiles, type DownloadOptions } from './download';

export interface HubOptions extends DownloadOptions {
  revision?: string;
  /** Defaults to globalThis.caches; without one (insecure context, Node) nothing is cached. */
  caches?: CacheStorageLike;
  /** Download again even when a complete copy is cached. */
  refresh?: boolean;
  /** Never download: the cached copy or a failure (a reload re-opens a Hub model without asking the network). */
  offline?: boolean;
}

export interface HubBundle extends BertBundle {
  fromCache: boolean;
  /** Set when the download succeeded but could not be cached (e.g. quota): the model works, but not offline next time. */
  cacheError?: string;
}

const MODEL_ID = /^[A-Za-z0-9][\w.-]*(\/[\w.-]+)?$/;

/** Download a BERT repo from the Hub (https://huggingface.co/<id>/resolve/<revision>/<file>), or read it from the cache. */
export async function bundleFromHub(modelId: string, opts: HubOptions = {}): Promise<Result<HubBundle>> {
  const revision = opts.revision ?? 'main';
  if (!MODEL_ID.test(modelId) || modelId.includes('..'))
    return fail(`"${modelId}" is not a Hugging Face model id (like "google/bert_uncased_L-4_H-256_A-4")`);
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

  if (opts.offline) return fail(`${modelId}: no complete copy is cached in this browser any more (download it again from the Hub)`);
  const got = await downloadFiles(
    BUNDLE_FILES.map((name) => ({ name, url: base + name })),
    `Downloading ${modelId}`,
    opts,
  );
  if (!got.ok) return got;
  const bundle = assembleBundle(source, got.data);
  if (!bundle.ok) return bundle;
  const cacheError = cache ? await writeCached(cache, modelId, revision, got.data) : undefined;
  return ok({ ...bundle.data, fromCache: false, ...(cacheError ? { cacheError } : {}) });
}
