// bench:hostile — hostile files through `reclens ingest --json` as a user runs it: a 2 GiB file without line breaks
// (after a header, and bare) and 1,000,000 rows with an unterminated quote at line 1040. Wall time and peak RSS of
// the CLI process (GNU time's maximum resident set size, else VmHWM polled from /proc). Goal: refused or reported
// within 30 s, under 300 MB above the CLI's own footprint. Files are streamed to a temp dir, never held in memory.
import { spawn } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, statSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ROOT, fmt, machine, today, writeJson, writeSection } from './lib/report';

const GIANT_BYTES = Number(process.env.HOSTILE_GIANT_BYTES ?? 2 * 2 ** 30);
const QUOTE_ROWS = 1_000_000;
const QUOTE_LINE = 1040;
const dir = join(tmpdir(), 'reclens-hostile');
mkdirSync(dir, { recursive: true });

/** Writes `total` bytes of `piece` repeated (after `head`), 4 MiB at a time. */
function writeRepeated(file: string, head: string, piece: string, total: number): void {
  if (existsSync(file) && statSync(file).size === head.length + total) return;
  const fd = openSync(file, 'w');
  writeSync(fd, head);
  const block = Buffer.from(piece.repeat(Math.ceil((4 << 20) / piece.length)));
  for (let written = 0; written < total;) {
    const n = Math.min(block.length, total - written);
    writeSync(fd, block, 0, n);
    written += n;
  }
  closeSync(fd);
}

function writeRows(file: string, rows: number, row: (i: number) => string): void {
  if (existsSync(file)) return;
  const fd = openSync(file, 'w');
  writeSync(fd, 'user_id,item_id,timestamp\n');
  let buf: string[] = [];
  for (let i = 0; i < rows; i++) {
    buf.push(row(i));
    if (buf.length === 100_000) {
      writeSync(fd, buf.join('\n') + '\n');
      buf = [];
    }
  }
  if (buf.length) writeSync(fd, buf.join('\n') + '\n');
  closeSync(fd);
}

interface Run {
  file: string;
  bytes: number;
  seconds: number;
  peakMB: number;
  exitCode: number | null;
  result: Record<string, unknown>;
}

const gnuTime = existsSync('/usr/bin/time');

/** Runs the CLI on `file`; wall time and peak RSS of the process. */
function ingest(file: string): Promise<Run> {
  return new Promise((done, reject) => {
    const args = [resolve(ROOT, 'bin/reclens.mjs'), 'ingest', file, '--json'];
    const t0 = performance.now();
    const child = gnuTime
      ? spawn('/usr/bin/time', ['-f', 'RECLENS_MAXRSS_KB=%M', 'node', ...args], { cwd: ROOT })
      : spawn('node', args, { cwd: ROOT });
    let stdout = '',
      stderr = '',
      hwmKB = 0;
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const poll = gnuTime
      ? null
      : setInterval(() => {
          try {
            const m = /VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
            if (m) hwmKB = Math.max(hwmKB, Number(m[1]));
          } catch {
            /* exited */
          }
        }, 20);
    child.on('error', reject);
    child.on('close', (exitCode) => {
      if (poll) clearInterval(poll);
      const seconds = (performance.now() - t0) / 1000;
      const m = /RECLENS_MAXRSS_KB=(\d+)/.exec(stderr);
      if (m) hwmKB = Number(m[1]);
      let result: Record<string, unknown>;
      try {
        result = JSON.parse(stdout);
      } catch {
        result = { stdout: stdout.slice(0, 500), stderr: stderr.replace(/RECLENS_MAXRSS_KB=\d+\s*/, '').slice(0, 500) };
      }
      done({ file, bytes: statSync(file).size, seconds, peakMB: hwmKB / 1024, exitCode, result });
    });
  });
}

/** The outcome in a few words: refused (why) or reported (rows, rejections by reason). */
function outcome(r: Run): string {
  const j = r.result as {
    error?: string;
    rows?: number;
    accepted?: number;
    rejected?: number;
    rejectedByReason?: Record<string, number>;
    physicalLines?: number;
    rejectedRows?: { line: number; reason: string }[];
  };
  if (j.error) return `refused: ${j.error}`;
  if (j.rows === undefined) return `no JSON (exit ${r.exitCode}): ${JSON.stringify(j).slice(0, 200)}`;
  const first = j.rejectedRows?.[0];
  return `${fmt(j.physicalLines ?? 0)} lines, ${fmt(j.rows)} rows: ${fmt(j.accepted ?? 0)} accepted, ${fmt(j.rejected ?? 0)} rejected ${JSON.stringify(j.rejectedByReason)}${first ? `; first: line ${first.line} "${first.reason}"` : ''}`;
}

const files = {
  tiny: join(dir, 'tiny.csv'),
  giantHeader: join(dir, 'giant-after-header.csv'),
  giantBare: join(dir, 'giant-bare.csv'),
  quote: join(dir, `quote-${QUOTE_ROWS}.csv`),
  clean: join(dir, `clean-${QUOTE_ROWS}.csv`),
};
console.log(`generating in ${dir} …`);
writeRows(files.tiny, 10, (i) => `u${i},i${i},${1600000000 + i}`);
writeRepeated(files.giantHeader, 'user_id,item_id,timestamp\nu0,i0,1600000000\n', 'u1,i1,1600000000,', GIANT_BYTES);
writeRepeated(files.giantBare, '', 'u1,i1,1600000000,', GIANT_BYTES);
const row = (i: number) => `u${i % 100_000},i${i % 20_000},${1600000000 + i}`;
writeRows(files.quote, QUOTE_ROWS, (i) => (i === QUOTE_LINE - 2 ? `u${i % 100_000},"i${i % 20_000},${1600000000 + i}` : row(i)));
writeRows(files.clean, QUOTE_ROWS, row);

const runs: Record<string, Run> = {};
for (const [name, file] of Object.entries(files)) {
  console.log(`ingest ${name} (${fmt(statSync(file).size / 1e6, 1)} MB) …`);
  runs[name] = await ingest(file);
  console.log(`  ${fmt(runs[name].seconds, 1)} s, peak ${fmt(runs[name].peakMB)} MB, exit ${runs[name].exitCode}: ${outcome(runs[name])}`);
}

const floor = runs.tiny.peakMB;
const size = `${fmt(GIANT_BYTES / 2 ** 30, 2)} GiB`;
const rows = [
  [`${size} without line breaks, after a header and one row`, runs.giantHeader],
  [`${size} without a line break at all`, runs.giantBare],
  [`${fmt(QUOTE_ROWS)} rows, unterminated quote at line ${QUOTE_LINE}`, runs.quote],
  [`${fmt(QUOTE_ROWS)} rows, clean (reference)`, runs.clean],
  ["10 rows (the CLI's own footprint)", runs.tiny],
] as const;
const lines = [
  '## Hostile inputs through the CLI (`npm run bench:hostile`)',
  '',
  `\`reclens ingest <file> --json\` as a child process on generated files; ${machine()}; ${today()}; peak RSS by ${gnuTime ? 'GNU time (%M)' : 'VmHWM polled every 20 ms'}. Goal (issue #16): refused or reported within 30 s under 300 MB.`,
  '',
  '| file | wall s | peak RSS MB | goal: ≤ 30 s, < 300 MB | outcome |',
  '|---|---|---|---|---|',
  ...rows.map(
    ([label, r]) =>
      `| ${label} | ${fmt(r.seconds, 1)} | ${fmt(r.peakMB)} | ${r.seconds <= 30 && r.peakMB < 300 ? 'met' : 'missed'} | ${outcome(r)} |`,
  ),
  '',
  `The CLI's own footprint (the 10-row file) is ${fmt(floor)} MB: each command is imported only when it runs, so ingest never loads TensorFlow.js.`,
];
console.log('\n' + lines.join('\n'));
writeSection('hostile', lines.join('\n'));
writeJson('hostile', { date: today(), machine: machine(), giantBytes: GIANT_BYTES, runs });
if (!process.env.HOSTILE_KEEP) rmSync(dir, { recursive: true, force: true });
