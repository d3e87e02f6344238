// Streams a delimited text file as rows with their physical line numbers: decoding, dialect, header, blank lines.
import Papa from 'papaparse';
import { fail, ok, type Result } from '../../lib/result';
import { throwIfAborted } from '../../lib/progress';
import { ChunkDecoder, detectEncoding, looksBinary, type TextEncodingName } from './decode';
import { dedupeHeader } from './columns';
import { sampleRows, sniffDialect, type Dialect } from './sniff';

/** What a file looks like, read from its first bytes; the analyst may override any of it before ingesting. */
export interface FileShape {
  file: string;
  bytes: number;
  encoding: TextEncodingName;
  dialect: Dialect;
  /** Column names (duplicates renamed), or null for headerless files. */
  header: string[] | null;
  /** Fields per row: the header's width, or the most common width in the sample. */
  width: number;
  /** The first data rows, for previews and mapping detection. */
  sample: string[][];
  warnings: string[];
}

export const SAMPLE_BYTES = 256 * 1024;

/** Reads the shape of a file from its first bytes. Fails for empty and binary files with a reason. */
export function inspectSample(file: string, sampleBytes: Uint8Array, totalBytes: number, overrides: Partial<Pick<FileShape, 'encoding'>> & { dialect?: Partial<Dialect> } = {}): Result<FileShape> {
  if (totalBytes === 0 || sampleBytes.length === 0) return fail(`${file} is empty`);
  if (looksBinary(sampleBytes)) return fail(`${file} looks like a binary file, not delimited text (line 1, column 1)`);
  const encoding = overrides.encoding ?? detectEncoding(sampleBytes);
  let text = new ChunkDecoder(encoding).decode(sampleBytes, sampleBytes.length >= totalBytes);
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const sniffed = sniffDialect(text);
  const dialect: Dialect = { ...sniffed, ...overrides.dialect };
  // Cut at the last complete line unless the sample is the whole file.
  const complete = sampleBytes.length >= totalBytes ? text : text.slice(0, Math.max(text.lastIndexOf(dialect.newline), 0));
  const rows = sampleRows(complete || text, dialect.delimiter, dialect.newline, 200);
  if (rows.length === 0) return fail(`${file} has no rows`);
  const warnings: string[] = [];
  let header: string[] | null = null;
  let data = rows;
  if (dialect.hasHeader) {
    const { names, duplicates } = dedupeHeader(rows[0]);
    header = names;
    data = rows.slice(1);
    if (duplicates.length) warnings.push(`${file}: duplicate column names renamed (${duplicates.join(', ')})`);
  }
  const width = header?.length ?? modal(data.map((r) => r.length));
  if (encoding === 'iso-8859-1') warnings.push(`${file}: not valid UTF-8, read as ISO-8859-1 (Latin-1)`);
  return ok({ file, bytes: totalBytes, encoding, dialect, header, width, sample: data.slice(0, 50), warnings });
}

function modal(xs: number[]): number {
  const freq = new Map<number, number>();
  let best = 0, bestF = 0;
  for (const x of xs) {
    const f = (freq.get(x) ?? 0) + 1;
    freq.set(x, f);
    if (f > bestF) [best, bestF] = [x, f];
  }
  return best;
}

export interface RowBatch {
  rows: string[][];
  /** Physical line (1-based) where each row starts. */
  lines: number[];
  /** Rows papaparse flagged as malformed (index into rows → reason), e.g. unterminated quotes. */
  malformed: Map<number, string>;
  bytesRead: number;
}

export interface ReadStats {
  blankLines: number;
}

/**
 * Yields batches of data rows. The header row and blank lines are skipped (blank lines counted in `stats`).
 * Line numbers stay exact across quoted fields with embedded newlines and across chunk boundaries.
 */
export async function* readRows(chunks: AsyncIterable<Uint8Array>, shape: FileShape, stats: ReadStats, signal?: AbortSignal): AsyncGenerator<RowBatch> {
  const { delimiter, newline } = shape.dialect;
  const decoder = new ChunkDecoder(shape.encoding);
  const parser = new Papa.Parser({ delimiter, newline, quoteChar: '"' });
  let carry = '';
  let line = 1;
  let headerPending = shape.dialect.hasHeader;
  let bytesRead = 0;
  let first = true;
  const iterator = chunks[Symbol.asyncIterator]();
  let next = await iterator.next();
  while (!next.done) {
    throwIfAborted(signal);
    const bytes = next.value;
    bytesRead += bytes.length;
    const following = await iterator.next();
    const last = following.done === true;
    let text = carry + decoder.decode(bytes, last);
    if (first && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    first = false;
    const result = parser.parse(text, 0, !last) as unknown as Papa.ParseResult<string[]>;
    carry = last ? '' : text.slice(result.meta.cursor);
    const hasQuotes = text.includes('"');
    const batch: RowBatch = { rows: [], lines: [], malformed: new Map(), bytesRead };
    const errorsByRow = new Map<number, string>();
    for (const e of result.errors) if (e.row !== undefined && !errorsByRow.has(e.row)) errorsByRow.set(e.row, describeParseError(e));
    const data = result.data;
    for (let r = 0; r < data.length; r++) {
      const row = data[r];
      const startLine = line;
      line += 1;
      if (hasQuotes) for (const field of row) line += countNewlines(field);
      if (row.length === 1 && row[0] === '') {
        // The empty string after a final line break is the end of the file, not a blank line.
        if (!(last && r === data.length - 1)) stats.blankLines++;
        continue;
      }
      if (headerPending) {
        headerPending = false;
        continue;
      }
      const err = errorsByRow.get(r);
      if (err) batch.malformed.set(batch.rows.length, err);
      batch.rows.push(row);
      batch.lines.push(startLine);
    }
    yield batch;
    next = following;
  }
}

function countNewlines(field: string): number {
  let n = 0;
  for (let i = field.indexOf('\n'); i >= 0; i = field.indexOf('\n', i + 1)) n++;
  // A lone CR (old Mac line ending) inside a quoted field also starts a new physical line.
  if (n === 0 && field.includes('\r')) for (let i = field.indexOf('\r'); i >= 0; i = field.indexOf('\r', i + 1)) n++;
  return n;
}

function describeParseError(e: Papa.ParseError): string {
  switch (e.code) {
    case 'MissingQuotes':
      return 'unterminated quoted field';
    case 'InvalidQuotes':
      return 'malformed quotes';
    default:
      return e.message;
  }
}
