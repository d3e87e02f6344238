// bench:ingest's formats section: the same log read as CSV, CSV.gz and Parquet (snappy, gzip) by the core in Node,
// rows/s each, so the figures compare readers rather than logs.
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { gzipSync } from 'fflate';
import { fileSource } from '../../src/cli/files';
import { loadEvents } from '../../src/data/csv/load';
import { fmt, median, ROOT, spread } from './report';
import { splitDelimited, tableToParquet, type Codec } from './parquet';

interface Log {
  name: string;
  path: string;
  delimiter: string;
  /** Column names for a headerless file. */
  names?: string[];
  /** ISO-like time columns stored as TIMESTAMP(MICROS) in Parquet, as a warehouse would type them. */
  timestamps?: Record<string, 'MICROS'>;
}

export const FORMAT_LOGS: Log[] = [
  {
    name: 'ml-100k u.data',
    path: '/work/shared/data/ml-100k/u.data',
    delimiter: '\t',
    names: ['user_id', 'item_id', 'rating', 'timestamp'],
  },
  {
    name: 'REES46 2019-Oct head',
    path: '/work/shared/data/rees46-ecommerce-sample/2019-Oct_head.csv',
    delimiter: ',',
    timestamps: { event_time: 'MICROS' },
  },
];

export interface FormatRow {
  log: string;
  format: string;
  bytes: number;
  rows: number;
  rowsPerSec: number[];
}

/** Rows per row group in the Parquet copies (hyparquet-writer's default, and what Spark writes for small tables). */
const ROW_GROUP = 100_000;

async function rates(path: string, reps: number, expected: number): Promise<number[]> {
  const out: number[] = [];
  for (let r = 0; r < reps; r++) {
    const t0 = performance.now();
    const res = await loadEvents(fileSource(path));
    const s = (performance.now() - t0) / 1000;
    if (!res.ok || res.data.report.rows !== expected) throw new Error(`${path}: ${res.ok ? `${res.data.report.rows} rows` : res.reason}`);
    out.push(expected / s);
  }
  return out;
}

/** Each present log as CSV, CSV.gz and Parquet (written to bench/out), read `reps` times each by `loadEvents`. */
export async function measureFormats(reps: number): Promise<FormatRow[]> {
  const rows: FormatRow[] = [];
  for (const log of FORMAT_LOGS.filter((l) => existsSync(l.path))) {
    const text = readFileSync(log.path, 'utf8');
    const { header, rows: cells } = splitDelimited(text, log.delimiter, log.names);
    const base = resolve(ROOT, 'bench/out', log.path.split('/').pop()!);
    const copies: [string, string][] = [['CSV', log.path]];
    writeFileSync(`${base}.gz`, gzipSync(new TextEncoder().encode(text)));
    copies.push(['CSV.gz', `${base}.gz`]);
    for (const codec of ['SNAPPY', 'GZIP'] as Codec[]) {
      const file = `${base}.${codec.toLowerCase()}.parquet`;
      writeFileSync(file, tableToParquet(header, cells, { codec, rowGroupSize: ROW_GROUP, timestamps: log.timestamps }));
      copies.push([`Parquet (${codec.toLowerCase()})`, file]);
    }
    for (const [format, file] of copies) {
      const r = {
        log: log.name,
        format,
        bytes: statSync(file).size,
        rows: cells.length,
        rowsPerSec: await rates(file, reps, cells.length),
      };
      console.log(`${r.log} ${r.format}: ${fmt(median(r.rowsPerSec))} rows/s`);
      rows.push(r);
    }
  }
  return rows;
}

export function formatsTable(rows: FormatRow[]): string {
  const lines = rows.map(
    (r) =>
      `| ${r.log} (${fmt(r.rows)} rows) | ${r.format} | ${fmt(r.bytes / 1e6, 2)} | ${fmt(median(r.rowsPerSec))} | ${spread(r.rowsPerSec)} |`,
  );
  return ['| log | format | MB on disk | rows/s (median) | min–max |', '|---|---|---|---|---|', ...lines].join('\n');
}
