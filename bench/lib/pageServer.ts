// Bundles a benchmark page with esbuild and serves it, with the files it needs, from localhost. With `isolation` the
// responses carry COOP/COEP, so the page is cross-origin isolated and wasm threads (SharedArrayBuffer) are available.
import { createReadStream, existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join } from 'node:path';
import { build } from 'esbuild';

const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
  '.txt': 'text/plain',
};

export interface PageOptions {
  /** The page's TypeScript entry. */
  entry: string;
  /** Where the bundle and index.html are written; served at '/'. */
  pageDir: string;
  /** Extra folders, as [URL prefix ending in '/', directory]. */
  roots?: [string, string][];
  isolation?: boolean;
  /** Modules the bundle must not include (transformers.js's web build names Node modules it only loads in Node). */
  external?: string[];
}

export async function servePage(opts: PageOptions): Promise<{ origin: string; close: () => void }> {
  mkdirSync(opts.pageDir, { recursive: true });
  await build({
    entryPoints: [opts.entry],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    outfile: join(opts.pageDir, 'main.js'),
    logLevel: 'error',
    external: opts.external,
  });
  writeFileSync(
    join(opts.pageDir, 'index.html'),
    '<!doctype html><meta charset="utf-8"><title>loading</title><script type="module" src="/main.js"></script>',
  );
  const roots: [string, string][] = [...(opts.roots ?? []), ['/', opts.pageDir]];
  const isolation = opts.isolation ? { 'cross-origin-opener-policy': 'same-origin', 'cross-origin-embedder-policy': 'require-corp' } : {};
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const [prefix, dir] = roots.find(([p]) => path.startsWith(p))!;
    const file = join(dir, path.slice(prefix.length) || 'index.html');
    if (!file.startsWith(dir) || !existsSync(file) || !statSync(file).isFile()) return void res.writeHead(404).end();
    res.writeHead(200, {
      'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
      'content-length': statSync(file).size,
      ...isolation,
    });
    createReadStream(file).pipe(res);
  });
  const origin = await new Promise<string>((ok) =>
    server.listen(0, '127.0.0.1', () => ok(`http://127.0.0.1:${(server.address() as { port: number }).port}`)),
  );
  return { origin, close: () => server.close() };
}

/** Races a page's promise against a deadline (the page keeps running; the caller closes the browser). */
export async function withDeadline<T>(running: Promise<T>, timeoutMs: number): Promise<T> {
  running.catch(() => undefined); // rejected when the browser closes after a timeout
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>(
    (_, fail) => (timer = setTimeout(() => fail(new Error(`not done within ${timeoutMs / 1000} s`)), timeoutMs)),
  );
  try {
    return await Promise.race([running, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
