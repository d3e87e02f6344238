// Streams a delimited text file as rows with their physical line numbers: decoding, dialect, header, blank lines.
import Papa from 'papaparse';
import { fail, ok, type Result } from '../../lib/result';
import { throwIfAborted } from '../../lib/progress';
import { ChunkDecoder, detectEncoding, looksBinary, type TextEncodingName } from './decode';
import { dedupeHeader } from './columns';
import { sampleRows, sniffDialect, type Dialect } from './sniff';
import { estimateRows } from './memoryEstimate';

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
  /** Data rows the whole file likely holds, from the sample's bytes per line (for the memory estimate). */
  estimatedRows?: number;
}

export const SAMPLE_BYTES = 256 * 1024;

/** Reads the shape of a file from its first bytes. Fails for empty and binary files with a reason. */
export function inspectSample(file: string, sampleBytes: Uint8Array, totalBytes: number, overrides: Partial<Pick<FileShape, 'encoding'>> & { dialect?: Partial<Dialect> } = {}): Result<FileShape> {
  if (totalBytes === 0 || sampleBytes.length === 0) return fail(`${file} is empty`);
  // UTF-16 (Excel's "Unicode text") is full of NUL bytes: name it rather than call it binary.
  if ((sampleBytes[0] === 0xff && sampleBytes[1] === 0xfe) || (sampleBytes[0] === 0xfe && sampleBytes[1] === 0xff)) {
    return fail(`${file} is UTF-16 text; save it as UTF-8 (e.g. "CSV UTF-8") and load it again`);
  }
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
  const estimatedRows = estimateRows(totalBytes, sampleBytes.length, countOf(text, dialect.newline), dialect.hasHeader);
  return ok({ file, bytes: totalBytes, encoding, dialect, header, width, sample: data.slice(0, 50), warnings, estimatedRows });
}

function countOf(text: string, needle: string): number {
  let n = 0;
  for (let i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + needle.length)) n++;
  return n;
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

/**
 * A batch of rows, keeping only the requested columns. Cells are ranges of one text rather than strings of their
 * own, so the hot path (ingesting events) can read ids and numbers in place without allocating a string per cell.
 */
export class RowBatch {
  count = 0;
  /** The text the cell ranges point into. */
  text = '';
  /** Cell (k, r) — the k-th requested column of row r — is text[bounds[2i], bounds[2i + 1]) with i = r·slots + k; empty when the row is shorter. */
  bounds: Int32Array;
  /** Number of fields in each row, for field-count validation. */
  widths: Int32Array;
  /** Physical line (1-based) where each row starts. */
  lines: Int32Array;
  /** Rows papaparse flagged as malformed (row → reason), e.g. unterminated quotes. */
  readonly malformed = new Map<number, string>();

  /** Bytes of the file read up to and including this batch. */
  bytesRead = 0;

  constructor(readonly slots: number, capacity: number) {
    this.bounds = new Int32Array(2 * slots * capacity);
    this.widths = new Int32Array(capacity);
    this.lines = new Int32Array(capacity);
  }

  /** Empties the batch for the next chunk, keeping its buffers. */
  reset(text: string, bytesRead: number): void {
    this.count = 0;
    this.text = text;
    this.bytesRead = bytesRead;
    this.malformed.clear();
  }

  /** Appends a row whose cells are all empty until set; returns its index. */
  addRow(width: number, line: number): number {
    const r = this.count++;
    if (r === this.widths.length) {
      this.bounds = grown(this.bounds, 2 * this.bounds.length);
      this.widths = grown(this.widths, 2 * r);
      this.lines = grown(this.lines, 2 * r);
    }
    this.widths[r] = width;
    this.lines[r] = line;
    const bounds = this.bounds;
    for (let i = 2 * r * this.slots, end = i + 2 * this.slots; i < end; i++) bounds[i] = 0;
    return r;
  }

  start(k: number, r: number): number {
    return this.bounds[2 * (r * this.slots + k)];
  }

  end(k: number, r: number): number {
    return this.bounds[2 * (r * this.slots + k) + 1];
  }

  /** Cell (k, r) as a string. */
  cell(k: number, r: number): string {
    const i = 2 * (r * this.slots + k);
    return this.text.substring(this.bounds[i], this.bounds[i + 1]);
  }
}

function grown(a: Int32Array, size: number): Int32Array {
  const b = new Int32Array(size);
  b.set(a);
  return b;
}

export interface ReadStats {
  blankLines: number;
  /** Physical lines read so far (a part of a file needs it to number the next part's lines). */
  lines?: number;
  /** A quote character was seen: a file split at line breaks may have cut a quoted field, so parts are unsafe. */
  sawQuote?: boolean;
}

/** Row-by-row cursor state shared by both parsing paths. */
interface Cursor {
  line: number;
  headerPending: boolean;
  /** The character that ends a physical line: CR in old-Mac files, else LF (CRLF has one LF). */
  lineBreak: '\n' | '\r';
}

/**
 * Yields batches of data rows, keeping only the requested columns. The header row and blank lines are skipped
 * (blank lines counted in `stats`). Line numbers stay exact across quoted fields with embedded newlines and across
 * chunk boundaries. Chunks without a quote character take a projecting scanner that only records where the requested
 * fields lie (4× faster than splitting whole rows, measured in bench:ingest); chunks with quotes go through papaparse.
 * A batch is valid until the next one is requested.
 */
export async function* readRows(chunks: AsyncIterable<Uint8Array>, shape: FileShape, columns: readonly number[], stats: ReadStats, signal?: AbortSignal): AsyncGenerator<RowBatch> {
  const { delimiter, newline } = shape.dialect;
  const decoder = new ChunkDecoder(shape.encoding);
  const parser = new Papa.Parser({ delimiter, newline, quoteChar: '"' });
  const cursor: Cursor = { line: 1, headerPending: shape.dialect.hasHeader, lineBreak: newline === '\r' ? '\r' : '\n' };
  const slotOf = new Int32Array(Math.max(0, ...columns) + 1).fill(-1);
  columns.forEach((c, k) => (slotOf[c] = k));
  // One batch, reused: its buffers grow to the largest chunk's rows and are not reallocated per chunk.
  const batch = new RowBatch(columns.length, 1024);
  let carry = '';
  let bytesRead = 0;
  let first = true;
  const iterator = chunks[Symbol.asyncIterator]();
  let next = await iterator.next();
  while (!next.done) {
    throwIfAborted(signal);
    bytesRead += next.value.length;
    const following = await iterator.next();
    const last = following.done === true;
    let text = carry + decoder.decode(next.value, last);
    if (first && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    first = false;
    batch.reset(text, bytesRead);
    const quoted = text.includes('"');
    if (quoted) stats.sawQuote = true;
    const consumed = quoted ? parseQuoted(text, last, parser, batch, columns, cursor, stats) : scanPlain(text, last, delimiter, newline, slotOf, batch, cursor, stats);
    stats.lines = cursor.line - 1;
    carry = last ? '' : text.slice(consumed);
    yield batch;
    next = following;
  }
}

/** Quote-free text: walk lines and fields with indexOf, recording where the requested fields lie. Returns chars consumed. */
function scanPlain(text: string, last: boolean, delimiter: string, newline: string, slotOf: Int32Array, batch: RowBatch, cursor: Cursor, stats: ReadStats): number {
  const dLen = delimiter.length, nLen = newline.length, slots = slotOf.length, perRow = 2 * batch.slots;
  let start = 0;
  while (start < text.length) {
    let end = text.indexOf(newline, start);
    if (end < 0) {
      if (!last) break; // incomplete line: carried to the next chunk
      end = text.length;
    }
    const line = cursor.line++;
    if (end === start) stats.blankLines++;
    else if (cursor.headerPending) cursor.headerPending = false;
    else {
      const r = batch.addRow(0, line);
      const bounds = batch.bounds, base = r * perRow;
      let f = 0, from = start;
      for (;;) {
        let to = text.indexOf(delimiter, from);
        if (to < 0 || to > end) to = end;
        if (f < slots) {
          const k = slotOf[f];
          if (k >= 0) {
            bounds[base + 2 * k] = from;
            bounds[base + 2 * k + 1] = to;
          }
        }
        f++;
        if (to === end) break;
        from = to + dLen;
      }
      batch.widths[r] = f;
    }
    start = end + nLen;
  }
  return Math.min(start, text.length);
}

/** Text with quotes: papaparse handles quoting; the requested fields are then laid end to end as the batch's text. Returns chars consumed. */
function parseQuoted(text: string, last: boolean, parser: Papa.Parser, batch: RowBatch, columns: readonly number[], cursor: Cursor, stats: ReadStats): number {
  const result = parser.parse(text, 0, !last) as unknown as Papa.ParseResult<string[]>;
  const errorsByRow = new Map<number, string>();
  for (const e of result.errors) if (e.row !== undefined && !errorsByRow.has(e.row)) errorsByRow.set(e.row, describeParseError(e));
  const data = result.data;
  const pieces: string[] = [];
  let length = 0;
  for (let r = 0; r < data.length; r++) {
    const row = data[r];
    const startLine = cursor.line;
    cursor.line += 1;
    for (const field of row) cursor.line += countLineBreaks(field, cursor.lineBreak);
    if (row.length === 1 && row[0] === '') {
      // The empty string after a final line break is the end of the file, not a blank line.
      if (!(last && r === data.length - 1)) stats.blankLines++;
      continue;
    }
    if (cursor.headerPending) {
      cursor.headerPending = false;
      continue;
    }
    const err = errorsByRow.get(r);
    const at = batch.addRow(row.length, startLine);
    if (err) batch.malformed.set(at, err);
    const base = 2 * at * batch.slots;
    for (let k = 0; k < columns.length; k++) {
      const field = row[columns[k]] ?? '';
      pieces.push(field);
      batch.bounds[base + 2 * k] = length;
      length += field.length;
      batch.bounds[base + 2 * k + 1] = length;
    }
  }
  batch.text = pieces.join('');
  return last ? text.length : result.meta.cursor;
}
/**
 * Line breaks inside a field, counted as the file's own line ending counts them: a stray CR in an LF or CRLF file
 * (or a stray LF in a CR file) is not a line, so line numbers after it stay the same as the quote-free path gives.
 */
function countLineBreaks(field: string, lineBreak: '\n' | '\r'): number {
  let n = 0;
  for (let i = field.indexOf(lineBreak); i >= 0; i = field.indexOf(lineBreak, i + 1)) n++;
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
