// Parquet logs, read with hyparquet one row group at a time over ranges of the file (a Blob slice in the browser, a file
// read at an offset in Node): the footer first, then only the mapped columns of each row group. Each row group becomes
// the RowBatches the CSV reader yields, so mapping, validation, sampling, progress and Cancel are the CSV path's own.
import { parquetMetadataAsync, parquetRead, parquetSchema, type AsyncBuffer, type FileMetaData, type RowGroup } from 'hyparquet';
import { compressors } from 'hyparquet-compressors';
import { fail, ok, type Result } from '../../lib/result';
import { throwIfAborted } from '../../lib/progress';
import { RowBatch, type FileShape, type RowReader } from '../csv/reader';
import { readRange, ReadError, type ByteSource } from '../csv/source';
import { cellText, TEXT_PARSERS } from './cells';

/** Rows per batch handed to ingestion: a row group (often a million rows) is cut so one batch's text stays small. */
export const BATCH_ROWS = 65_536;
/** Rows read to detect the column mapping, as the CSV path reads the first rows of its sample. */
const SAMPLE_ROWS = 50;

/** hyparquet's view of a source: byte ranges read on demand, never the whole file at once. */
export function asyncBuffer(source: ByteSource): AsyncBuffer {
  return {
    byteLength: source.size,
    slice: async (start, end = source.size) => {
      const bytes = await readRange(source, start, end);
      if (bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength) return bytes.buffer as ArrayBuffer;
      const copy = new Uint8Array(bytes.length);
      copy.set(bytes);
      return copy.buffer;
    },
  };
}

export interface ParquetTable {
  shape: FileShape;
  metadata: FileMetaData;
  file: AsyncBuffer;
}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** Footer, flat schema and first rows of a Parquet file, as the shape the import panel and the mapping work from. */
export async function openParquet(source: ByteSource): Promise<Result<ParquetTable>> {
  const name = source.name;
  const file = asyncBuffer(source);
  let metadata: FileMetaData;
  try {
    metadata = await parquetMetadataAsync(file, { parsers: TEXT_PARSERS });
  } catch (e) {
    return fail(`${name} is not a readable Parquet file: ${message(e)} (truncated or corrupt?)`);
  }
  const columns = parquetSchema(metadata).children;
  const nested = columns.find((c) => c.children.length > 0 || c.element.repetition_type === 'REPEATED');
  if (nested)
    return fail(
      `${name}: column "${nested.element.name}" is nested (a list, map or struct); RecLens reads flat tables, one value per cell`,
    );
  if (columns.length === 0) return fail(`${name} has no columns`);
  const header = columns.map((c) => c.element.name);
  const rows = Number(metadata.num_rows);
  const shape: FileShape = {
    file: name,
    bytes: source.size,
    encoding: 'utf-8',
    // Parquet has neither delimiter nor lines; the dialect only records that the column names are known.
    dialect: { delimiter: ',', newline: '\n', hasHeader: true },
    header,
    width: header.length,
    sample: [],
    warnings: [],
    estimatedRows: rows,
    format: 'parquet',
  };
  if (rows > 0) {
    try {
      const n = Math.min(SAMPLE_ROWS, rows);
      const values = await readColumns(file, metadata, header, 0, n);
      shape.sample = Array.from({ length: n }, (_, r) => values.map((column) => cellText(column[r])));
    } catch (e) {
      return fail(`${name}: its first rows could not be read: ${message(e)}`);
    }
  }
  return ok({ shape, metadata, file });
}

/**
 * Columns `names` of rows [rowStart, rowEnd), as decoded (numbers, BigInts, strings, null; times already as ISO text).
 * A column that arrives as one chunk covering the rows is used as it is; one in several pages is gathered.
 */
async function readColumns(
  file: AsyncBuffer,
  metadata: FileMetaData,
  names: string[],
  rowStart: number,
  rowEnd: number,
): Promise<ArrayLike<unknown>[]> {
  const n = rowEnd - rowStart;
  const out = new Map<string, ArrayLike<unknown>>();
  await parquetRead({
    file,
    metadata,
    columns: names,
    rowStart,
    rowEnd,
    compressors,
    parsers: TEXT_PARSERS,
    // Pages may reach outside the rows asked for: only those inside are kept.
    onChunk: ({ columnName, columnData, rowStart: at }) => {
      if (at === rowStart && columnData.length === n && !out.has(columnName)) {
        out.set(columnName, columnData);
        return;
      }
      let values = out.get(columnName) as unknown[] | undefined;
      if (!values || !Array.isArray(values) || values.length !== n) {
        const before = values;
        values = new Array<unknown>(n).fill(null);
        if (before) for (let i = 0; i < n; i++) values[i] = before[i];
        out.set(columnName, values);
      }
      const from = Math.max(0, rowStart - at),
        to = Math.min(columnData.length, rowEnd - at);
      for (let i = from; i < to; i++) values[at + i - rowStart] = columnData[i];
    },
  });
  return names.map((c) => out.get(c) ?? new Array<unknown>(n).fill(null));
}

/** Where a row group's data ends in the file: progress counts the file's bytes, as it does for text. */
function groupEnd(group: RowGroup): number {
  let end = 0;
  for (const c of group.columns) {
    const m = c.meta_data;
    if (m) end = Math.max(end, Number(m.dictionary_page_offset ?? m.data_page_offset) + Number(m.total_compressed_size));
  }
  return end;
}

/**
 * The rows of a Parquet table as RowBatches holding the requested columns (indices into the header). A row's line is
 * its 1-based row number (there is no header line), so a rejected row is named by file, row and column.
 */
export function parquetRows(table: ParquetTable): RowReader {
  const { shape, metadata, file } = table;
  return async function* (columns, stats, signal) {
    const names = [...new Set(columns)].map((c) => shape.header![c]);
    const bySlot = (values: ArrayLike<unknown>[]) => columns.map((c) => values[names.indexOf(shape.header![c])]);
    const batch = new RowBatch(columns.length, 1024);
    let rowStart = 0,
      bytesBefore = 0;
    for (const [g, group] of metadata.row_groups.entries()) {
      throwIfAborted(signal);
      const n = Number(group.num_rows);
      let values: ArrayLike<unknown>[];
      try {
        values = bySlot(await readColumns(file, metadata, names, rowStart, rowStart + n));
      } catch (e) {
        throw new ReadError(`${shape.file}: row group ${g + 1} of ${metadata.row_groups.length} could not be read: ${message(e)}`);
      }
      const bytesAfter = Math.max(bytesBefore, groupEnd(group));
      for (let from = 0; from < n; from += BATCH_ROWS) {
        throwIfAborted(signal);
        const to = Math.min(n, from + BATCH_ROWS);
        batch.reset('', Math.round(bytesBefore + ((bytesAfter - bytesBefore) * to) / n));
        // Concatenation (a rope V8 flattens once, on the first read) is faster here than joining an array of parts.
        let text = '';
        for (let i = from; i < to; i++) {
          const r = batch.addRow(shape.width, rowStart + i + 1);
          const bounds = batch.bounds;
          for (let k = 0; k < values.length; k++) {
            bounds[2 * (r * columns.length + k)] = text.length;
            text += cellText(values[k][i]);
            bounds[2 * (r * columns.length + k) + 1] = text.length;
          }
        }
        batch.text = text;
        stats.lines = rowStart + to;
        yield batch;
      }
      rowStart += n;
      bytesBefore = bytesAfter;
    }
    stats.lines = rowStart;
  };
}
