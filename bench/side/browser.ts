// Drives bench/side/page.ts in headless Chromium: serves it and TF.js's wasm binaries from localhost (the app's own
// build would need its UI; the page runs the same core code on the same batches). With `isolation` the page is
// cross-origin isolated and TF.js runs its threaded wasm build.
import { resolve } from 'node:path';
import { ROOT } from '../lib/report';
import { launchChromium } from '../lib/browser';
import { servePage, withDeadline } from '../lib/pageServer';
import type { SeqRecRun } from './seqrec';

export async function trainInBrowser(
  backend: string,
  steps: number,
  reps: number,
  timeoutMs: number,
  isolation = false,
): Promise<{ backend: string; threads: number; runs: SeqRecRun[] }> {
  const { origin, close } = await servePage({
    entry: resolve(ROOT, 'bench/side/page.ts'),
    pageDir: resolve(ROOT, 'bench/out/side/page'),
    roots: [['/tfjs-wasm/', resolve(ROOT, 'node_modules/@tensorflow/tfjs-backend-wasm/dist')]],
    isolation,
  });
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    await page.goto(`${origin}/`);
    await page.waitForFunction(() => document.title === 'ready', null, { timeout: 60_000 });
    const running = page.evaluate(
      ([b, s, r]) =>
        (
          window as unknown as {
            runSeqRecBench: (b: string, s: number, r: number) => Promise<{ backend: string; threads: number; runs: SeqRecRun[] }>;
          }
        ).runSeqRecBench(b, s, r),
      [backend, steps, reps] as const,
    );
    return await withDeadline(running, timeoutMs);
  } finally {
    await browser.close();
    close();
  }
}
