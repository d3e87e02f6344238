// The generated events CSV of bench:ingest and its in-app measurement (headless Chromium, the real file picker and
// import flow), shared by bench:ingest and the side-by-side run (bench/all.ts).
import { existsSync, mkdirSync, openSync, writeSync, closeSync } from 'node:fs';
import { resolve } from 'node:path';
import { createRng } from '../../src/lib/rng';
import { ROOT } from './report';
import { launchChromium, startPreview } from './browser';

export const eventsFile = (rows: number) => resolve(ROOT, 'bench/out', `events-${rows}.csv`);

/** Writes the seeded CSV (user, item, event type, unix time, price) once; later calls reuse it. */
export function generateEvents(rows: number): string {
  const file = eventsFile(rows);
  if (existsSync(file)) return file;
  mkdirSync(resolve(ROOT, 'bench/out'), { recursive: true });
  const rng = createRng(2026);
  const types = ['view', 'view', 'view', 'view', 'click', 'click', 'cart', 'purchase'];
  const fd = openSync(file, 'w');
  writeSync(fd, 'user_id,item_id,event_type,timestamp,price\n');
  let t = 1_700_000_000;
  let buf: string[] = [];
  for (let i = 0; i < rows; i++) {
    t += rng.int(3);
    buf.push(`u${rng.int(100_000)},i${rng.int(20_000)},${types[rng.int(types.length)]},${t},${(1 + rng.int(50000) / 100).toFixed(2)}`);
    if (buf.length === 100_000) {
      writeSync(fd, buf.join('\n') + '\n');
      buf = [];
    }
  }
  if (buf.length) writeSync(fd, buf.join('\n') + '\n');
  closeSync(fd);
  return file;
}

/** Loads `file` (of `rows` rows) `reps` times in the built app, served by vite preview; `workers` forces the parse-worker count. */
export async function ingestInBrowser(
  file: string,
  rows: number,
  reps: number,
  workers: number | null,
): Promise<{ rowsPerSec: number[]; workerRowsPerSec: number[]; longestTaskMs: number[]; parts: number }> {
  const preview = await startPreview();
  const browser = await launchChromium();
  const result = { rowsPerSec: [] as number[], workerRowsPerSec: [] as number[], longestTaskMs: [] as number[], parts: 1 };
  try {
    for (let r = 0; r < reps; r++) {
      const page = await browser.newPage();
      if (workers !== null) await page.addInitScript((n) => localStorage.setItem('reclens.parseWorkers', String(n)), workers);
      await page.addInitScript(() => {
        const w = window as unknown as { __longest: number };
        w.__longest = 0;
        new PerformanceObserver((list) => {
          for (const e of list.getEntries()) w.__longest = Math.max(w.__longest, e.duration);
        }).observe({ type: 'longtask', buffered: false });
      });
      await page.goto(preview.url);
      await page.waitForFunction(() => window.__reclens?.idle() && window.__reclens.state().datasets.length > 0, null, { timeout: 60_000 });
      await page.evaluate(() => {
        (window as unknown as { __longest: number }).__longest = 0;
      });
      const chooser = page.waitForEvent('filechooser');
      await page.getByRole('button', { name: /Choose files/ }).click();
      await (await chooser).setFiles(file);
      await page.getByTestId('import-load').waitFor();
      const t0 = Date.now();
      await page.getByTestId('import-load').click();
      await page.waitForFunction(
        (n) => window.__reclens?.idle() && window.__reclens.state().datasets.some((d) => d.summary.events === n),
        rows,
        { timeout: 300_000, polling: 50 },
      );
      const wall = (Date.now() - t0) / 1000;
      result.parts = await page.evaluate(() => {
        const n = Number(localStorage.getItem('reclens.parseWorkers'));
        return n >= 1 ? n : Math.max(1, Math.min(4, navigator.hardwareConcurrency - 1));
      });
      const { seconds, longest } = await page.evaluate(() => ({
        seconds: window.__reclens!.state().lastLoad!.reports[0].seconds,
        longest: (window as unknown as { __longest: number }).__longest,
      }));
      result.rowsPerSec.push(rows / wall);
      result.workerRowsPerSec.push(rows / seconds);
      result.longestTaskMs.push(longest);
      await page.close();
    }
  } finally {
    await browser.close();
    preview.stop();
  }
  return result;
}
