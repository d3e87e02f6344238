// The generated events CSV of bench:ingest and its in-app measurement (headless Chromium, the real file picker and
// import flow), shared by bench:ingest and the side-by-side run (bench/all.ts).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, openSync, writeSync, closeSync } from 'node:fs';
import { resolve } from 'node:path';
import { createRng } from '../../src/lib/rng';
import { ROOT } from './report';
import { launchChromium, startPreview } from './browser';

/**
 * How the generated log names its users and items: `labels` as "u123" and "i45" (short strings), `numbers` as shops'
 * logs do (REES46: 9-digit users, 7–8-digit products), which pandas reads as integers.
 */
export type IdStyle = 'labels' | 'numbers';

export const eventsFile = (rows: number, ids: IdStyle = 'labels') =>
  resolve(ROOT, 'bench/out', ids === 'labels' ? `events-${rows}.csv` : `events-${rows}-numbered.csv`);

/** Writes the seeded CSV (user, item, event type, unix time, price) once; later calls reuse it. Both id styles draw the same rows. */
export function generateEvents(rows: number, ids: IdStyle = 'labels'): string {
  const file = eventsFile(rows, ids);
  // Distinct numbers: 9 digits for each of the 100,000 users, 7 or 8 for each of the 20,000 items.
  const user = ids === 'labels' ? (k: number) => `u${k}` : (k: number) => String(512_000_000 + 797 * k);
  const item = ids === 'labels' ? (k: number) => `i${k}` : (k: number) => String(1_000_000 + 4_447 * k);
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
    buf.push(
      `${user(rng.int(100_000))},${item(rng.int(20_000))},${types[rng.int(types.length)]},${t},${(1 + rng.int(50000) / 100).toFixed(2)}`,
    );
    if (buf.length === 100_000) {
      writeSync(fd, buf.join('\n') + '\n');
      buf = [];
    }
  }
  if (buf.length) writeSync(fd, buf.join('\n') + '\n');
  closeSync(fd);
  return file;
}

/**
 * pandas `read_csv` of `file` once, parse only (interpreter start excluded): rows per second of wall time and of the
 * process's CPU time. bench:ingest and `npm run bench` run one after each load they time, so each ratio compares two
 * runs that saw the same load on a shared machine.
 */
export function pandasReadOnce(python: string, file: string): { version: string; rowsPerSec: number; rowsPerCpuSec: number } {
  const script = `import json,time,pandas as pd
c=time.process_time();t=time.perf_counter();df=pd.read_csv(${JSON.stringify(file)});s=time.perf_counter()-t;c=time.process_time()-c
print(json.dumps({'version':pd.__version__,'rowsPerSec':len(df)/s,'rowsPerCpuSec':len(df)/c}))`;
  return JSON.parse(execFileSync(python, ['-c', script]).toString());
}

/**
 * Loads `file` (of `rows` rows) `reps` times in the built app, served by vite preview; `workers` forces the parse-worker
 * count. `afterEach` runs after every load (a reference parser timed in the same minute, so that a ratio of the two
 * compares runs that saw the same load on a shared machine).
 */
export async function ingestInBrowser(
  file: string,
  rows: number,
  reps: number,
  workers: number | null,
  afterEach?: () => void,
): Promise<{ rowsPerSec: number[]; workerRowsPerSec: number[]; longestTaskMs: number[]; longestTaskCpuMs: number[]; parts: number }> {
  const preview = await startPreview();
  const browser = await launchChromium();
  const result = {
    rowsPerSec: [] as number[],
    workerRowsPerSec: [] as number[],
    longestTaskMs: [] as number[],
    longestTaskCpuMs: [] as number[],
    parts: 1,
  };
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
      // Only the timeline's task events: what each main-thread task cost in CPU time beside its wall time.
      await browser.startTracing(page, { categories: ['disabled-by-default-devtools.timeline'] });
      const t0 = Date.now();
      await page.getByTestId('import-load').click();
      await page.waitForFunction(
        (n) => window.__reclens?.idle() && window.__reclens.state().datasets.some((d) => d.summary.events === n),
        rows,
        { timeout: 300_000, polling: 50 },
      );
      const wall = (Date.now() - t0) / 1000;
      // A little longer, so the render that shows the dataset is in the trace too.
      await page.waitForTimeout(1000);
      const trace = JSON.parse((await browser.stopTracing()).toString()) as { traceEvents: TraceEvent[] };
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
      result.longestTaskCpuMs.push(longestMainTaskCpuMs(trace.traceEvents));
      await page.close();
      afterEach?.();
    }
  } finally {
    await browser.close();
    preview.stop();
  }
  return result;
}

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  dur?: number;
  tdur?: number;
  args?: { name?: string };
}

/**
 * The main-thread CPU time (ms) of the page's costliest task in a Chromium trace. On a busy machine a task's wall time
 * (what the longtask API reports) includes the time the thread waited for a core; its CPU time does not, and is the
 * work the page itself did.
 */
export function longestMainTaskCpuMs(events: readonly TraceEvent[]): number {
  const main = events.find((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  if (!main) return NaN;
  let longest = 0;
  for (const e of events)
    if (e.name === 'RunTask' && e.ph === 'X' && e.pid === main.pid && e.tid === main.tid) longest = Math.max(longest, (e.tdur ?? 0) / 1000);
  return longest;
}
