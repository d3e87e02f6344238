// Logs converted to Parquet with hyparquet-writer (a devDependency), for the ingestion tests, the committed fixture and
// bench:ingest: the same rows as a CSV, typed the way a warehouse export would type them.
import { parquetWriteBuffer, type ColumnSource } from 'hyparquet-writer';
import { gzipSync } from 'fflate';
import { parseIsoLike } from '../../src/data/csv/timestamps';

/** The writer's schema element (hyparquet-writer pins its own hyparquet, whose types differ slightly). */
type SchemaElement = NonNullable<Parameters<typeof parquetWriteBuffer>[0]['schema']>[number];

export type Codec = 'SNAPPY' | 'GZIP' | 'UNCOMPRESSED';

export interface ParquetOptions {
  codec?: Codec;
  /** Rows per row group (hyparquet-writer's default otherwise). */
  rowGroupSize?: number;
  /** Target page size in bytes (small pages split a column chunk into many). */
  pageSize?: number;
  /** Columns holding ISO-like text to store as INT64 timestamps of this unit (TIMESTAMP logical type, UTC). */
  timestamps?: Record<string, 'MILLIS' | 'MICROS' | 'NANOS'>;
}

const INT = /^-?\d+$/;
const INT32_MAX = 2 ** 31 - 1;

/**
 * A table of text cells as Parquet columns: a column of integers becomes INT32 (INT64 past 2^31), of other numbers
 * DOUBLE, anything else STRING; an empty cell is null. Named time columns become TIMESTAMP of the given unit.
 */
export function tableToParquet(header: string[], rows: string[][], options: ParquetOptions = {}): Uint8Array {
  const columnData: ColumnSource[] = [];
  const schema: SchemaElement[] = [{ name: 'root', num_children: header.length }];
  header.forEach((name, c) => {
    const cells = rows.map((r) => r[c] ?? '');
    const filled = cells.filter((x) => x !== '');
    const unit = options.timestamps?.[name];
    const field = { name, repetition_type: 'OPTIONAL' as const };
    if (unit) {
      const perSecond = { MILLIS: 1000n, MICROS: 1_000_000n, NANOS: 1_000_000_000n }[unit];
      const data = cells.map((x) => (x === '' ? null : toUnits(parseIsoLike(x), perSecond)));
      columnData.push({ name, data });
      schema.push({ ...field, type: 'INT64', logical_type: { type: 'TIMESTAMP', isAdjustedToUTC: true, unit } });
    } else if (filled.length && filled.every((x) => INT.test(x))) {
      const wide = filled.some((x) => Math.abs(Number(x)) > INT32_MAX);
      columnData.push({ name, data: cells.map((x) => (x === '' ? null : wide ? BigInt(x) : Number(x))) });
      schema.push({ ...field, type: wide ? 'INT64' : 'INT32' });
    } else if (filled.length && filled.every((x) => Number.isFinite(Number(x)))) {
      columnData.push({ name, data: cells.map((x) => (x === '' ? null : Number(x))) });
      schema.push({ ...field, type: 'DOUBLE' });
    } else {
      columnData.push({ name, data: cells.map((x) => (x === '' ? null : x)) });
      schema.push({ ...field, type: 'BYTE_ARRAY', converted_type: 'UTF8' });
    }
  });
  const buffer = parquetWriteBuffer({
    columnData,
    schema,
    codec: options.codec ?? 'SNAPPY',
    compressors: { GZIP: (input: Uint8Array) => gzipSync(input) },
    ...(options.rowGroupSize ? { rowGroupSize: options.rowGroupSize } : {}),
    ...(options.pageSize ? { pageSize: options.pageSize } : {}),
  });
  return new Uint8Array(buffer);
}

/** Seconds (with up to microsecond fractions, as the ISO reader keeps) in whole units of `perSecond`. */
function toUnits(seconds: number, perSecond: bigint): bigint {
  const whole = Math.floor(seconds);
  const micros = Math.round((seconds - whole) * 1e6);
  return BigInt(whole) * perSecond + (BigInt(micros) * perSecond) / 1_000_000n;
}

/** Delimited text (no quoted fields) as a header and rows; a headerless file takes the names given. */
export function splitDelimited(text: string, delimiter: string, names?: string[]): { header: string[]; rows: string[][] } {
  const lines = text.split(/\r?\n/).filter((l) => l !== '');
  const rows = lines.map((l) => l.split(delimiter));
  return names ? { header: names, rows } : { header: rows[0], rows: rows.slice(1) };
}
