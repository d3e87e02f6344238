// Drives bench/side/page.ts in headless Chromium: bundles it with esbuild and serves it and TF.js's wasm binaries
// from localhost (the app's own build would need its UI; the page runs the same core code on the same batches).
import { createReadStream, existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, resolve } from 'node:path';
import { build } from 'esbuild';
import { ROOT } from '../lib/report';
import { launchChromium } from '../lib/browser';
import type { SeqRecRun } from './seqrec';

const PAGE_DIR = resolve(ROOT, 'bench/out/side/page');
const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.wasm': 'application/wasm' };

export async function trainInBrowser(backend: string, steps: number, reps: number, timeoutMs: number): Promise<{ backend: string; threads: boolean; runs: SeqRecRun[] }> {
  mkdirSync(PAGE_DIR, { recursive: true });
  await build({ entryPoints: [resolve(ROOT, 'bench/side/page.ts')], bundle: true, format: 'esm', platform: 'browser', target: 'es2022', outfile: join(PAGE_DIR, 'main.js'), logLevel: 'error' });
  writeFileSync(join(PAGE_DIR, 'index.html'), '<!doctype html><meta charset="utf-8"><title>loading</title><script type="module" src="/main.js"></script>');
  const roots: [string, string][] = [['/tfjs-wasm/', resolve(ROOT, 'node_modules/@tensorflow/tfjs-backend-wasm/dist')], ['/', PAGE_DIR]];
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const [prefix, dir] = roots.find(([p]) => path.startsWith(p))!;
    const file = join(dir, path.slice(prefix.length) || 'index.html');
    if (!file.startsWith(dir) || !existsSync(file) || !statSync(file).isFile()) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
    createReadStream(file).pipe(res);
  });
  const origin = await new Promise<string>((ok) => server.listen(0, '127.0.0.1', () => ok(`http://127.0.0.1:${(server.address() as { port: number }).port}`)));
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    await page.goto(`${origin}/`);
    await page.waitForFunction(() => document.title === 'ready', null, { timeout: 60_000 });
    const running = page.evaluate(
      ([b, s, r]) => (window as unknown as { runSeqRecBench: (b: string, s: number, r: number) => Promise<{ backend: string; threads: boolean; runs: SeqRecRun[] }> }).runSeqRecBench(b, s, r),
      [backend, steps, reps] as const,
    );
    running.catch(() => undefined); // rejected when the browser closes after a timeout
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_, fail) => (timer = setTimeout(() => fail(new Error(`not done within ${timeoutMs / 1000} s`)), timeoutMs)));
    try {
      return await Promise.race([running, timeout]);
    } finally {
      clearTimeout(timer);
    }
  } finally {
    await browser.close();
    server.close();
  }
}
