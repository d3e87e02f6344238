// Source 1: a URL folder (the app's own models/, any static host), and the list of hosted models in models/index.json.
import { fail, ok, type Result } from '../../../lib/result';
import { assembleBundle, BUNDLE_FILES, type BertBundle } from './bundle';
import { downloadFiles, type DownloadOptions } from './download';

/**
 * models/<id>/ under the app's base URL. Inside a Worker pass the page's `document.baseURI`: with Vite's relative base
 * ('./') a worker's own location lies under assets/, so resolving against it would miss the folder.
 */
export function hostedModelUrl(id: string, appBaseUrl?: string): string {
  const viteBase = (import.meta as { env?: { BASE_URL?: string } }).env?.BASE_URL ?? '/';
  const base =
    appBaseUrl ??
    (typeof document !== 'undefined' ? document.baseURI : new URL(viteBase, globalThis.location?.href ?? 'http://localhost/').href);
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
export async function listHostedModels(
  indexUrl: string,
  opts: Pick<DownloadOptions, 'fetch' | 'signal'> = {},
): Promise<Result<HostedModel[]>> {
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
