// bench:ingest — rows/s parsing a generated 2,000,000-row, 5-column CSV: in the app's worker (headless Chromium,
// through the real file picker and import flow), in the CLI, and in-process in Node; plus the longest main-thread task.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, statSync, openSync, writeSync, closeSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadavg } from 'node:os';
import { createRng } from '../src/lib/rng';
import { fileSource } from '../src/cli/files';
import { loadEvents } from '../src/data/csv/load';
import { ROOT, fmt, machine, median, today, writeJson, writeSection } from './lib/report';
import { launchChromium, startPreview } from './lib/browser';

const ROWS = Number(process.env.BENCH_ROWS ?? 2_000_000);
const REPS = Number(process.env.BENCH_REPS ?? 5);
const dir = resolve(ROOT, 'bench/out');
const file = resolve(dir, `events-${ROWS}.csv`);

function generate(): void {
  if (existsSync(file)) return;
  mkdirSync(dir, { recursive: true });
  const rng = createRng(2026);
  const types = ['view', 'view', 'view', 'view', 'click', 'click', 'cart', 'purchase'];
  const fd = openSync(file, 'w');
  writeSync(fd, 'user_id,item_id,event_type,timestamp,price\n');
  let t = 1_700_000_000;
  let buf: string[] = [];
  for (let i = 0; i < ROWS; i++) {
    t += rng.int(3);
    buf.push(`u${rng.int(100_000)},i${rng.int(20_000)},${types[rng.int(types.length)]},${t},${(1 + rng.int(50000) / 100).toFixed(2)}`);
    if (buf.length === 100_000) {
      writeSync(fd, buf.join('\n') + '\n');
      buf = [];
    }
  }
  if (buf.length) writeSync(fd, buf.join('\n') + '\n');
  closeSync(fd);
}

async function inNode(): Promise<number[]> {
  const out: number[] = [];
  for (let r = 0; r < REPS; r++) {
    const t0 = performance.now();
    const res = await loadEvents(fileSource(file));
    const s = (performance.now() - t0) / 1000;
    if (!res.ok || res.data.log.length !== ROWS) throw new Error('node ingest failed');
    out.push(ROWS / s);
  }
  return out;
}

function inCli(): number[] {
  const out: number[] = [];
  for (let r = 0; r < REPS; r++) {
    const t0 = performance.now();
    const json = JSON.parse(execFileSync('node', [resolve(ROOT, 'bin/reclens.mjs'), 'ingest', file, '--json'], { maxBuffer: 1 << 26 }).toString());
    const s = (performance.now() - t0) / 1000;
    if (json.accepted !== ROWS) throw new Error('cli ingest failed');
    out.push(ROWS / s);
  }
  return out;
}

async function inBrowser(workers: number | null): Promise<{ rowsPerSec: number[]; workerRowsPerSec: number[]; longestTaskMs: number[]; parts: number }> {
  const preview = await startPreview();
  const browser = await launchChromium();
  const result = { rowsPerSec: [] as number[], workerRowsPerSec: [] as number[], longestTaskMs: [] as number[], parts: 1 };
  try {
    for (let r = 0; r < REPS; r++) {
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
      await page.evaluate(() => { (window as unknown as { __longest: number }).__longest = 0; });
      const chooser = page.waitForEvent('filechooser');
      await page.getByRole('button', { name: /Choose files/ }).click();
      await (await chooser).setFiles(file);
      await page.getByTestId('import-load').waitFor();
      const t0 = Date.now();
      await page.getByTestId('import-load').click();
      await page.waitForFunction((n) => window.__reclens?.idle() && window.__reclens.state().datasets.some((d) => d.summary.events === n), ROWS, { timeout: 300_000, polling: 50 });
      const wall = (Date.now() - t0) / 1000;
      result.parts = await page.evaluate(() => {
        const n = Number(localStorage.getItem('reclens.parseWorkers'));
        return n >= 1 ? n : Math.max(1, Math.min(4, navigator.hardwareConcurrency - 1));
      });
      const { seconds, longest } = await page.evaluate(() => ({
        seconds: window.__reclens!.state().lastLoad!.reports[0].seconds,
        longest: (window as unknown as { __longest: number }).__longest,
      }));
      result.rowsPerSec.push(ROWS / wall);
      result.workerRowsPerSec.push(ROWS / seconds);
      result.longestTaskMs.push(longest);
      await page.close();
    }
  } finally {
    await browser.close();
    preview.stop();
  }
  return result;
}

const loadStart = loadavg()[0];
generate();
const bytes = statSync(file).size;
console.log(`file: ${file} (${fmt(bytes / 1e6, 1)} MB, ${fmt(ROWS)} rows)`);
execFileSync('npx', ['vite', 'build'], { cwd: ROOT, stdio: 'ignore' });
// Two parse workers forced (the app's default on 2 cores is one: it reserves a core for the page).
const browser = await inBrowser(2);
console.log('browser', browser);
const browserOne = await inBrowser(1);
console.log('browser, one worker', browserOne);
const node = await inNode();
console.log('node', node);
const cli = inCli();
console.log('cli', cli);

const range = (xs: number[]) => `${fmt(Math.min(...xs))}–${fmt(Math.max(...xs))}`;
const data = { date: today(), machine: machine(), loadStart, rows: ROWS, bytes, reps: REPS, browser, browserOne, node, cli };
writeJson('ingest', data);
writeSection('ingest', `## Ingestion (\`npm run bench:ingest\`)

${fmt(ROWS)}-row, 5-column generated CSV (${fmt(bytes / 1e6, 1)} MB: user, item, event type, unix time, price). Median of ${REPS} runs (min–max).
Machine: ${machine()}; headless Debian Chromium; 1-minute load average when the run started: ${fmt(loadStart, 2)} (other work on the same cores slows every figure). Date: ${today()}.

| where | rows/s (median) | min–max | goal |
|---|---|---|---|
| app, ${browser.parts} parse workers (forced; the default on 2 cores is 1): parse only, slowest part | ${fmt(median(browser.workerRowsPerSec))} | ${range(browser.workerRowsPerSec)} | ≥ 1,000,000 |
| app, ${browser.parts} parse workers: click Load → dataset shown (parse, merge, transfer, summary) | ${fmt(median(browser.rowsPerSec))} | ${range(browser.rowsPerSec)} | |
| app, 1 parse worker: parse only | ${fmt(median(browserOne.workerRowsPerSec))} | ${range(browserOne.workerRowsPerSec)} | ≥ 1,000,000 |
| app, 1 parse worker: click Load → dataset shown | ${fmt(median(browserOne.rowsPerSec))} | ${range(browserOne.rowsPerSec)} | |
| CLI \`reclens ingest --json\` (process start included) | ${fmt(median(cli))} | ${range(cli)} | |
| Node, core in-process (\`loadEvents\`) | ${fmt(median(node))} | ${range(node)} | |

Longest main-thread task during the browser ingestion (PerformanceObserver \`longtask\`): ${browser.parts} workers median ${fmt(median(browser.longestTaskMs))} ms (max ${fmt(Math.max(...browser.longestTaskMs))}); 1 worker median ${fmt(median(browserOne.longestTaskMs))} ms (max ${fmt(Math.max(...browserOne.longestTaskMs))}) (goal: none over 50 ms).
`);
console.log('wrote BENCHMARKS.md');
