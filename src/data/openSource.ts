// Which reader a file needs, by its first bytes (names lie: a log renamed .csv may be Parquet, a .gz may be plain text):
// `PAR1` is Parquet, 1F 8B is gzip, anything else is delimited text.
import { fail, ok, type Result } from '../lib/result';
import { gunzipSource, isGzip } from './csv/gzip';
import type { RowReader } from './csv/reader';
import type { ByteSource, ProgressBytes } from './csv/source';
import type { ParquetTable } from './parquet/parquetSource';

/** The Parquet magic bytes, `PAR1`, which open (and close) every Parquet file. */
const isParquet = (head: Uint8Array): boolean =>
  head.length >= 4 && head[0] === 0x50 && head[1] === 0x41 && head[2] === 0x52 && head[3] === 0x31;

/** A file ready to read: text (maybe decompressed on the way) or a Parquet table with its own row reader. */
export interface OpenedSource {
  /** The text to read (the decompressed text for gzip); the file itself for Parquet. */
  source: ByteSource;
  parquet?: ParquetTable;
  rows?: RowReader;
  /** Progress in the file's own bytes where they are not the bytes parsed (gzip). */
  progress?: ProgressBytes;
  format: 'text' | 'parquet' | 'gzip';
}

/** Opens a file by its magic bytes; `headBytes`: the decompressed text a gzip file is read for up front (its sample). */
export async function openSource(source: ByteSource, headBytes: number): Promise<Result<OpenedSource>> {
  const magic = await source.head(4);
  const lower = source.name.toLowerCase();
  if (isParquet(magic)) {
    // Loaded on first use: hyparquet and its codecs stay out of the bundles (and CLI runs) that never meet Parquet.
    const { openParquet, parquetRows } = await import('./parquet/parquetSource');
    const table = await openParquet(source);
    return table.ok ? ok({ source, parquet: table.data, rows: parquetRows(table.data), format: 'parquet' }) : table;
  }
  if (lower.endsWith('.parquet') || lower.endsWith('.pq'))
    return fail(`${source.name} is named as Parquet but is not a Parquet file (it does not start with the bytes PAR1)`);
  if (isGzip(magic)) {
    try {
      const text = await gunzipSource(source, headBytes);
      return ok({ source: text, progress: text.progress, format: 'gzip' });
    } catch (e) {
      return fail(e instanceof Error ? e.message : String(e));
    }
  }
  if (lower.endsWith('.gz'))
    return fail(`${source.name} is named as gzip but is not gzip-compressed (it does not start with the bytes 1F 8B)`);
  return ok({ source, format: 'text' });
}
