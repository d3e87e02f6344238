// bench:ingest — rows/s parsing a generated 2,000,000-row, 5-column CSV: in the app's worker (headless Chromium,
// through the real file picker and import flow), in the CLI, and in-process in Node; plus the longest main-thread task;
// and the same real logs as CSV, CSV.gz and Parquet.
import { execFileSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadavg } from 'node:os';
import { fileSource } from '../src/cli/files';
import { loadEvents } from '../src/data/csv/load';
import { ROOT, fmt, machine, median, spread, today, writeJson, writeSection } from './lib/report';
import { eventsFile, generateEvents, ingestInBrowser, pandasReadOnce } from './lib/ingest';
import { formatsTable, measureFormats } from './lib/formats';
import { findTorchPython } from './lib/python';

const ROWS = Number(process.env.BENCH_ROWS ?? 2_000_000);
const REPS = Number(process.env.BENCH_REPS ?? 5);
const file = eventsFile(ROWS);
const numberedFile = eventsFile(ROWS, 'numbers');

const PYTHON = findTorchPython();

/** pandas `read_csv` of the same file once (see pandasReadOnce); null without pandas. */
function pandasOnce(file: string): { version: string; rowsPerSec: number; rowsPerCpuSec: number } | null {
  return PYTHON ? pandasReadOnce(PYTHON, file) : null;
}

/**
 * `loadEvents` in-process, each repetition followed by one pandas run, so that both see the same load on the machine.
 * Each is also timed in CPU time (the process's, all its threads): on a busy machine wall time mostly measures the
 * wait for a core, which CPU time leaves out.
 */
async function inNode(file: string): Promise<{
  node: number[];
  nodeJs: number[];
  pandas: number[];
  nodeCpu: number[];
  pandasCpu: number[];
  pandasVersion: string | null;
}> {
  const node: number[] = [],
    nodeJs: number[] = [],
    pandas: number[] = [],
    nodeCpu: number[] = [],
    pandasCpu: number[] = [];
  let pandasVersion: string | null = null;
  for (let r = 0; r < REPS; r++) {
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    const res = await loadEvents(fileSource(file));
    const cpu = process.cpuUsage(c0);
    const s = (performance.now() - t0) / 1000;
    if (!res.ok || res.data.log.length !== ROWS) throw new Error('node ingest failed');
    node.push(ROWS / s);
    nodeCpu.push(ROWS / ((cpu.user + cpu.system) / 1e6));
    const pd = pandasOnce(file);
    if (pd) [pandasVersion, pandas[r], pandasCpu[r]] = [pd.version, pd.rowsPerSec, pd.rowsPerCpuSec];
    // The same parse with every row read in JS: the parser as it was before its WebAssembly start, in the same minutes.
    const t1 = performance.now();
    const js = await loadEvents(fileSource(file), { plainRows: false });
    if (!js.ok || js.data.log.length !== ROWS) throw new Error('node ingest (JS rows) failed');
    nodeJs.push(ROWS / ((performance.now() - t1) / 1000));
  }
  return { node, nodeJs, pandas, nodeCpu, pandasCpu, pandasVersion };
}

function inCli(): number[] {
  const out: number[] = [];
  for (let r = 0; r < REPS; r++) {
    const t0 = performance.now();
    const json = JSON.parse(
      execFileSync('node', [resolve(ROOT, 'bin/reclens.mjs'), 'ingest', file, '--json'], { maxBuffer: 1 << 26 }).toString(),
    );
    const s = (performance.now() - t0) / 1000;
    if (json.accepted !== ROWS) throw new Error('cli ingest failed');
    out.push(ROWS / s);
  }
  return out;
}

/** The same logs as CSV, CSV.gz and Parquet, read by the core in Node (#22); `BENCH_INGEST_ONLY=formats` runs just these. */
async function formatsSection(): Promise<void> {
  const load = loadavg()[0];
  const rows = await measureFormats(REPS);
  writeJson('ingest-formats', { date: today(), machine: machine(), loadStart: load, reps: REPS, rows });
  writeSection(
    'ingest-formats',
    `### Ingestion by file format (\`BENCH_INGEST_ONLY=formats npm run bench:ingest\`, also part of the full run)

The same log as CSV, gzip-compressed CSV and Parquet (written with hyparquet-writer, 100,000-row row groups, times as TIMESTAMP(MICROS) where the CSV has ISO text), each read whole by the core's \`loadEvents\` in Node from a file on disk (open, detect, map, validate, build the log). Median of ${REPS} runs (min–max).
Machine: ${machine()}; 1-minute load average when the run started: ${fmt(load, 2)}. Date: ${today()}.

${formatsTable(rows)}
`,
  );
}

if (process.env.BENCH_INGEST_ONLY === 'formats') {
  await formatsSection();
  process.exit(0);
}

const loadStart = loadavg()[0];
generateEvents(ROWS);
generateEvents(ROWS, 'numbers');
const bytes = statSync(file).size;
console.log(`file: ${file} (${fmt(bytes / 1e6, 1)} MB, ${fmt(ROWS)} rows)`);
execFileSync('npx', ['vite', 'build'], { cwd: ROOT, stdio: 'ignore' });
// Two parse workers forced (the app's default on 2 cores is one: it reserves a core for the page).
const browser = await ingestInBrowser(file, ROWS, REPS, 2);
console.log('browser', browser);
// Each one-worker load is followed by one pandas run: the machine's speed drifts from minute to minute, so the app ÷
// pandas ratio is taken pair by pair (medians of figures from different minutes once read 0.61×).
const pandasAfterApp: number[] = [];
const browserOne = await ingestInBrowser(file, ROWS, REPS, 1, () => {
  const pd = pandasOnce(file);
  if (pd) pandasAfterApp.push(pd.rowsPerSec);
});
const appOverPandas = pandasAfterApp.map((p, r) => browserOne.workerRowsPerSec[r] / p);
console.log('browser, one worker', browserOne, 'pandas after each', pandasAfterApp);
const { node, nodeJs, pandas, nodeCpu, pandasCpu, pandasVersion } = await inNode(file);
console.log('node', node, 'pandas', pandas, 'per CPU-second: node', nodeCpu, 'pandas', pandasCpu);
const numbered = await inNode(numberedFile);
console.log('numbered ids: node', numbered.node, 'pandas', numbered.pandas);
const cli = inCli();
console.log('cli', cli);

const range = spread;
const data = {
  date: today(),
  machine: machine(),
  loadStart,
  rows: ROWS,
  bytes,
  reps: REPS,
  browser,
  browserOne,
  pandasAfterApp,
  appOverPandas,
  node,
  nodeJs,
  pandas,
  nodeCpu,
  pandasCpu,
  pandasVersion,
  cli,
  numbered: { file: numberedFile, bytes: statSync(numberedFile).size, ...numbered },
};
const pandasRow = pandasVersion
  ? `| pandas ${pandasVersion} \`read_csv\`, the same file (parse only; each run right after a Node run) | ${fmt(median(pandas))} | ${range(pandas)} | |
| pandas, each run right after a one-worker app load | ${fmt(median(pandasAfterApp))} | ${range(pandasAfterApp)} | |
| app, 1 parse worker, parse only ÷ the pandas run right after it (median of the ${pandasAfterApp.length} pairs' ratios) | ${fmt(median(appOverPandas), 2)}× | ${fmt(Math.min(...appOverPandas), 2)}–${fmt(Math.max(...appOverPandas), 2)} | ≥ 1× (#23) |
| Node \`loadEvents\` ÷ pandas \`read_csv\` (medians) | ${fmt(median(node) / median(pandas), 2)}× | | ≥ 1× (#23) |
| Node \`loadEvents\`, rows per CPU-second (the process's CPU time, GC threads included) | ${fmt(median(nodeCpu))} | ${range(nodeCpu)} | |
| pandas \`read_csv\`, rows per CPU-second | ${fmt(median(pandasCpu))} | ${range(pandasCpu)} | |
| Node ÷ pandas in rows per CPU-second (medians; what a busy machine's wait for a core leaves out) | ${fmt(median(nodeCpu) / median(pandasCpu), 2)}× | | ≥ 1× (#23) |
| the same rows with numbered ids (9-digit users, 7–8-digit items, as shops' logs; ${fmt(statSync(numberedFile).size / 1e6, 1)} MB): Node \`loadEvents\` | ${fmt(median(numbered.node))} | ${range(numbered.node)} | |
| … every row read in JS (\`plainRows: false\`) | ${fmt(median(numbered.nodeJs))} | ${range(numbered.nodeJs)} | |
| … pandas \`read_csv\` (which reads these ids as integers, not strings) | ${fmt(median(numbered.pandas))} | ${range(numbered.pandas)} | |
| … Node ÷ pandas (medians) | ${fmt(median(numbered.node) / median(numbered.pandas), 2)}× | | |
`
  : '| pandas | not measured (no python with pandas) | | |\n';
writeJson('ingest', data);
writeSection(
  'ingest',
  `## Ingestion (\`npm run bench:ingest\`)

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
| Node, every row read in JS (\`loadEvents\` with \`plainRows: false\`: the parser without its WebAssembly start, same minutes) | ${fmt(median(nodeJs))} | ${range(nodeJs)} | |
${pandasRow}
Longest main-thread task during the browser ingestion (PerformanceObserver \`longtask\`, wall time): ${browser.parts} workers median ${fmt(median(browser.longestTaskMs))} ms (max ${fmt(Math.max(...browser.longestTaskMs))}); 1 worker median ${fmt(median(browserOne.longestTaskMs))} ms (max ${fmt(Math.max(...browserOne.longestTaskMs))}) (goal: none over 50 ms). The costliest main-thread task's CPU time (Chromium trace, \`tdur\` of the page's tasks; without the time its thread waited for a core on a busy machine): ${browser.parts} workers median ${fmt(median(browser.longestTaskCpuMs), 1)} ms (max ${fmt(Math.max(...browser.longestTaskCpuMs), 1)}); 1 worker median ${fmt(median(browserOne.longestTaskCpuMs), 1)} ms (max ${fmt(Math.max(...browserOne.longestTaskCpuMs), 1)}).
`,
);
await formatsSection();
console.log('wrote BENCHMARKS.md');
