// Fetching a model folder's files concurrently, with byte progress and abort; shared by the URL folder and Hub sources.
import { fail, ok, type Result } from '../../../lib/result';
import { abortError, progressTracker, type Progress } from '../../../lib/progress';
import { REQUIRED_FILES } from './bundle';

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

export interface FileRequest {
  name: string;
  url: string;
}

/**
 * Fetch files concurrently and stream their bodies with byte progress. A 404 on a file outside REQUIRED_FILES means
 * "absent"; any other failure is an error naming the file and URL. Shared by the URL folder and Hub sources.
 */
export async function downloadFiles(
  requests: FileRequest[],
  label: string,
  opts: DownloadOptions,
): Promise<Result<Map<string, ArrayBuffer>>> {
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
      const gated = r.res.status === 401 || r.res.status === 403 ? ': private or gated model, or no such model' : '';
      const why = r.res.status === 404 ? 'is missing' : `could not be downloaded (HTTP ${r.res.status}${gated})`;
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
async function readBody(
  res: Response,
  length: number,
  signal: AbortSignal | undefined,
  onChunk: (n: number) => void,
): Promise<ArrayBuffer> {
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
