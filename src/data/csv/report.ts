// What ingestion tells the analyst: every row is either accepted or rejected with file, line, column and reason.
import type { TextEncodingName } from './decode';
import type { Dialect } from './sniff';
import type { ColumnMapping } from './columns';

export interface RejectedRow {
  file: string;
  /** 1-based physical line where the row starts. */
  line: number;
  /** 1-based column (field) number the problem was found in. */
  column: number;
  reason: string;
  /** Byte offset in the file, where the problem is a byte (invalid UTF-8). */
  byte?: number;
}

export interface IngestReport {
  file: string;
  encoding: TextEncodingName;
  dialect: Dialect;
  header: string[] | null;
  mapping: ColumnMapping;
  /** Data rows read (header and blank lines excluded); rows = accepted + rejected (+ sample.sampledOut when sampled). */
  rows: number;
  accepted: number;
  rejected: number;
  /** Blank lines skipped (not rows). */
  blankLines: number;
  /**
   * Every line of the file, counted once: physicalLines = headerLines + blankLines + continuationLines + rows. A line
   * ends at the dialect's line break (LF, CRLF or CR); a final line break does not begin another line.
   */
  physicalLines: number;
  /** 1 when the first row was read as the header. */
  headerLines: number;
  /** Lines that continue a row above them, through line breaks inside its quoted fields. */
  continuationLines: number;
  /** The first MAX_REJECTED_DETAILS rejected rows in file order. */
  rejectedRows: RejectedRow[];
  /** Every rejection counted by kind of reason, so nothing is lost beyond the first details. */
  rejectedByReason: Record<string, number>;
  warnings: string[];
  bytes: number;
  seconds: number;
  /** Parts the file was parsed in at once (1 unless a large file was split across workers). */
  parts?: number;
  /** Not plain delimited text: Parquet (a rejected row's `line` is then its 1-based row number) or gzip-compressed text. */
  format?: 'parquet' | 'gzip';
  /** Set when the log was sampled by users: the share kept, the hash seed, and the rows of other users left out. */
  sample?: { fraction: number; seed: number; sampledOut: number };
}

export const MAX_REJECTED_DETAILS = 100;

/** Collects rejections: keeps the first details and counts every one by reason kind. */
export class RejectionLog {
  readonly details: RejectedRow[] = [];
  readonly byReason: Record<string, number> = {};
  count = 0;
  constructor(private readonly file: string) {}
  add(line: number, column: number, kind: string, reason: string, byte?: number): void {
    this.count++;
    this.byReason[kind] = (this.byReason[kind] ?? 0) + 1;
    if (this.details.length < MAX_REJECTED_DETAILS)
      this.details.push(byte === undefined ? { file: this.file, line, column, reason } : { file: this.file, line, column, reason, byte });
  }
}

/**
 * A rejected row of a part, placed in the whole file: its line and byte offset shifted past the parts before it.
 * A byte offset is only final here, so this is where the reason gains it.
 */
export function placeRejected(d: RejectedRow, lineOffset: number, byteOffset: number): RejectedRow {
  if (d.byte === undefined) return lineOffset ? { ...d, line: d.line + lineOffset } : d;
  const byte = d.byte + byteOffset;
  return { ...d, line: d.line + lineOffset, byte, reason: `${d.reason} at byte ${byte}` };
}
