// Splitting decoded text into rows and fields: a projecting scanner for quote-free text and a small RFC-4180 state
// machine for text with quotes. Both stop at the last complete row, count every physical line, and reject (rather
// than follow) a line over the length limit, a quote that is not closed within its limits, and invalid UTF-8.

/** Why the reader could not give a row its fields: the row is rejected whole, at its first line. */
export interface RowProblem {
  kind: string;
  /** 1-based field the problem was found in. */
  column: number;
  reason: string;
  /** Byte offset in the part read (invalid UTF-8 only): the report shifts it to a file offset. */
  byte?: number;
}

export interface ReadStats {
  blankLines: number;
  /** Physical lines read so far (a part of a file needs it to number the next part's lines). */
  lines?: number;
  /** 1 once a header row has been read (0 or absent otherwise). */
  headerLines?: number;
  /** Lines that continue a row: the line breaks inside its quoted fields. */
  continuationLines?: number;
  /** A quote character was seen: a file split at line breaks may have cut a quoted field, so parts are unsafe. */
  sawQuote?: boolean;
}

/** Limits that keep one hostile line or quote from holding the rest of a file (and memory) hostage. */
export interface ReadLimits {
  /** A physical line longer than this many bytes is rejected whole; a row may not span more characters either. */
  maxLineBytes?: number;
  /** A quoted field may run over at most this many line breaks. */
  maxQuotedLines?: number;
}

export const DEFAULT_MAX_LINE_BYTES = 1 << 20;
export const DEFAULT_MAX_QUOTED_LINES = 10_000;

/** The reader's position and settings, shared by both scanners across chunks. */
export interface ScanState {
  /** The next physical line (1-based). */
  line: number;
  headerPending: boolean;
  readonly delimiter: string;
  readonly newline: string;
  /** Column index → slot in the batch (−1: not requested). */
  readonly slotOf: Int32Array;
  readonly maxLineBytes: number;
  readonly maxQuotedLines: number;
  /** Text is UTF-8 (a line's bytes may exceed its UTF-16 length); else one byte per character. */
  readonly utf8: boolean;
  readonly stats: ReadStats;
  /** Invalid UTF-8 in the current text: ascending positions of its U+FFFD, with their byte offsets and values. */
  marks: number[];
  markBytes: number[];
  markValues: number[];
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
  /** Rows the reader rejects whole (row → problem): over-long lines, unterminated or malformed quotes, invalid UTF-8. */
  readonly problems = new Map<number, RowProblem>();

  /** Bytes of the file read up to and including this batch. */
  bytesRead = 0;
  /** The batch ends a chunk of the source (the text reader cuts chunks into slices): readers report progress here. */
  chunkEnd = true;

  constructor(
    readonly slots: number,
    capacity: number,
  ) {
    this.bounds = new Int32Array(2 * slots * capacity);
    this.widths = new Int32Array(capacity);
    this.lines = new Int32Array(capacity);
  }

  /** Empties the batch for the next chunk, keeping its buffers. */
  reset(text: string, bytesRead: number): void {
    this.count = 0;
    this.text = text;
    this.bytesRead = bytesRead;
    this.problems.clear();
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

  /** Appends a row rejected whole. */
  addProblem(line: number, problem: RowProblem): void {
    this.problems.set(this.addRow(0, line), problem);
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

export const lineTooLong = (maxLineBytes: number): RowProblem => ({
  kind: 'line too long',
  column: 1,
  reason: `line longer than ${maxLineBytes} bytes`,
});

/** UTF-8 bytes of text[from, to) (no lone surrogates: the text came out of a decoder). */
function utf8Bytes(text: string, from: number, to: number): number {
  let n = to - from;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x80) n += c < 0x800 ? 1 : c >= 0xd800 && c <= 0xdfff ? 1 : 2;
  }
  return n;
}

/** Whether text[from, to) is over the line limit in bytes; measured only when its length leaves it in doubt. */
function overLimit(text: string, from: number, to: number, st: ScanState): boolean {
  const units = to - from;
  if (units <= (st.utf8 ? st.maxLineBytes / 3 : st.maxLineBytes)) return false;
  return units > st.maxLineBytes || (st.utf8 && utf8Bytes(text, from, to) > st.maxLineBytes);
}

/** The first invalid-UTF-8 mark at or after `from` (marks.length when none). */
function firstMark(marks: number[], from: number): number {
  let lo = 0,
    hi = marks.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (marks[mid] < from) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function invalidUtf8(st: ScanState, m: number, column: number): RowProblem {
  return {
    kind: 'invalid UTF-8',
    column,
    reason: `invalid UTF-8 (byte 0x${st.markValues[m].toString(16).toUpperCase().padStart(2, '0')})`,
    byte: st.markBytes[m],
  };
}

function countOf(text: string, needle: string, from: number, to: number): number {
  let n = 0;
  for (let i = text.indexOf(needle, from); i >= 0 && i + needle.length <= to; i = text.indexOf(needle, i + needle.length)) n++;
  return n;
}

/** The header row is read once; whatever is wrong with it, it is the header (its names came from the sample). */
function takeHeader(st: ScanState): void {
  st.headerPending = false;
  st.stats.headerLines = 1;
}

/** Quote-free text: walk lines and fields with indexOf, recording where the requested fields lie. Returns chars consumed. */
export function scanPlain(text: string, last: boolean, st: ScanState, batch: RowBatch): number {
  const { delimiter, newline, slotOf, marks } = st;
  const dLen = delimiter.length,
    nLen = newline.length,
    slots = slotOf.length,
    perRow = 2 * batch.slots;
  // Lines shorter than this cannot be over the byte limit: the common case costs one comparison.
  const quick = st.utf8 ? st.maxLineBytes / 3 : st.maxLineBytes;
  const length = text.length;
  let m = 0;
  let nextMark = marks.length ? marks[0] : Infinity;
  let start = 0;
  while (start < length) {
    let end = text.indexOf(newline, start);
    if (end < 0) {
      if (!last) break; // incomplete line: carried to the next chunk
      end = length;
    }
    const line = st.line++;
    if (end === start) st.stats.blankLines++;
    else if (st.headerPending) takeHeader(st);
    else if (end - start > quick && overLimit(text, start, end, st)) batch.addProblem(line, lineTooLong(st.maxLineBytes));
    else if (nextMark < end) batch.addProblem(line, invalidUtf8(st, m, 1 + countOf(text, delimiter, start, nextMark)));
    else {
      const r = batch.addRow(0, line);
      const bounds = batch.bounds,
        base = r * perRow;
      let f = 0,
        from = start;
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
    if (nextMark < end) {
      while (m < marks.length && marks[m] < end) m++;
      nextMark = m < marks.length ? marks[m] : Infinity;
    }
    start = end < length ? end + nLen : length;
  }
  // Nothing but a local after the loop, on purpose. V8 compiles this loop on stack replacement during the first call,
  // before the code after it has ever run; a property load there (it was `Math.min(start, text.length)`) then has no
  // type feedback, and Chromium 156 deoptimized the compiled loop at the end of every slice (--trace-deopt: 290 times
  // in one 2M-row parse). No change in rows/s was measured (10 alternated pairs in a worker), only in the log.
  return start;
}

const QUOTE = 34;

/**
 * Text with quotes (RFC 4180): a field that starts with `"` runs to the next `"` not doubled, which must be followed
 * by a delimiter, a line break or the end of the file. Requested fields are ranges of the text, or of unescaped
 * copies appended after it. A quote not closed within the limits (or before the end of the file) rejects the row
 * that opened it, as does text after a closing quote; either way reading goes on at the line after the row's first,
 * so one stray quote costs one row. Returns chars consumed.
 */
export function scanQuoted(text: string, last: boolean, st: ScanState, batch: RowBatch): number {
  const { delimiter, newline, slotOf, marks, stats } = st;
  const dLen = delimiter.length,
    nLen = newline.length,
    slots = slotOf.length,
    perRow = 2 * batch.slots;
  const maxChars = st.maxLineBytes;
  const extras: string[] = [];
  let extraEnd = text.length;
  let pos = 0;
  // The row being read, so that stopping for more text can take it back.
  let r = -1,
    extrasAt = 0,
    extraEndAt = 0,
    open = false;
  rows: while (pos < text.length) {
    const rowStart = pos,
      startLine = st.line;
    let lineEnd = text.indexOf(newline, pos);
    if (lineEnd < 0) {
      if (!last) break;
      lineEnd = text.length;
    }
    const nextLine = Math.min(lineEnd + nLen, text.length);
    if (lineEnd === pos) {
      st.line++;
      stats.blankLines++;
      pos = nextLine;
      continue;
    }
    const header = st.headerPending;
    if (overLimit(text, pos, lineEnd, st)) {
      st.line++;
      if (header) takeHeader(st);
      else batch.addProblem(startLine, lineTooLong(st.maxLineBytes));
      pos = nextLine;
      continue;
    }
    r = header ? -1 : batch.addRow(0, startLine);
    [extrasAt, extraEndAt, open] = [extras.length, extraEnd, true];
    const base = r * perRow;
    const m = firstMark(marks, rowStart);
    let problem: RowProblem | null = null;
    let f = 0,
      p = pos,
      end = lineEnd,
      breaks = 0,
      rowEnd = -1;
    fields: while (rowEnd < 0) {
      let from = p,
        to: number,
        next: number;
      let done = false;
      if (text.charCodeAt(p) === QUOTE) {
        let q = p + 1,
          segment = q;
        let pieces: string[] | null = null;
        const breaksBefore = breaks;
        for (;;) {
          const close = text.indexOf('"', q);
          const stop = close < 0 ? text.length : close;
          breaks += countOf(text, newline, q, stop);
          if (breaks > st.maxQuotedLines || stop - rowStart > maxChars) {
            problem = {
              kind: 'unterminated quote',
              column: f + 1,
              reason: `quote opened in column ${f + 1} is not closed within ${st.maxQuotedLines} lines or ${maxChars} characters`,
            };
            break fields;
          }
          if (close < 0) {
            if (!last) break rows;
            problem = {
              kind: 'unterminated quote',
              column: f + 1,
              reason: `quote opened in column ${f + 1} is not closed before the end of the file`,
            };
            break fields;
          }
          if (close + 1 === text.length && !last) break rows; // a doubled quote may follow
          if (text.charCodeAt(close + 1) === QUOTE) {
            (pieces ??= []).push(text.slice(segment, close + 1));
            q = segment = close + 2;
            continue;
          }
          const after = close + 1;
          if (after === text.length) [next, done] = [after, true];
          else if (text.startsWith(delimiter, after)) next = after + dLen;
          else if (text.startsWith(newline, after)) [next, done] = [after + nLen, true];
          else if (
            !last &&
            text.length - after < Math.max(dLen, nLen) &&
            (delimiter.startsWith(text.slice(after)) || newline.startsWith(text.slice(after)))
          )
            break rows;
          else {
            // On a later line, this quote more likely opens another field than closes the one opened here.
            problem =
              breaks > breaksBefore
                ? {
                    kind: 'unterminated quote',
                    column: f + 1,
                    reason: `quote opened in column ${f + 1} is not closed (the next quote, ${breaks - breaksBefore} line(s) on, is followed by other text)`,
                  }
                : { kind: 'malformed quotes', column: f + 1, reason: `text after the closing quote of column ${f + 1}` };
            break fields;
          }
          if (pieces && !header && f < slots && slotOf[f] >= 0) {
            pieces.push(text.slice(segment, close));
            const value = pieces.join('');
            extras.push(value);
            [from, to] = [extraEnd, extraEnd + value.length];
            extraEnd = to;
          } else [from, to] = [p + 1, close];
          break;
        }
      } else {
        if (p > end) {
          // A quoted line break earlier in the row moved it onto a later line.
          end = text.indexOf(newline, p);
          if (end < 0) {
            if (!last && text.length - rowStart <= maxChars) break rows;
            end = text.length;
          }
        }
        to = text.indexOf(delimiter, p);
        if (to < 0 || to > end) [to, next, done] = [end, end + nLen, true];
        else next = to + dLen;
        if (to - rowStart > maxChars) {
          problem = {
            kind: 'line too long',
            column: f + 1,
            reason: `row longer than ${maxChars} characters across its quoted line breaks`,
          };
          break fields;
        }
      }
      if (!header && f < slots && slotOf[f] >= 0) {
        const k = base + 2 * slotOf[f];
        batch.bounds[k] = from;
        batch.bounds[k + 1] = to;
      }
      if (!problem && m < marks.length && marks[m] < next) problem = invalidUtf8(st, m, f + 1);
      f++;
      if (done) rowEnd = Math.min(next, text.length);
      else p = next;
    }
    open = false;
    if (rowEnd < 0) {
      // Unterminated or malformed: the row is rejected at its first line and reading resumes on the next one.
      extras.length = extrasAt;
      extraEnd = extraEndAt;
      st.line = startLine + 1;
      if (header) takeHeader(st);
      else batch.problems.set(r, problem!);
      pos = nextLine;
      continue;
    }
    st.line = startLine + 1 + breaks;
    stats.continuationLines = (stats.continuationLines ?? 0) + breaks;
    if (header) takeHeader(st);
    else {
      batch.widths[r] = problem ? 0 : f;
      if (problem) batch.problems.set(r, problem);
    }
    pos = rowEnd;
  }
  if (open) {
    // Stopped for more text inside a row: it is read again from its start with the next chunk.
    if (r >= 0) batch.count--;
    extras.length = extrasAt;
  }
  batch.text = extras.length ? text + extras.join('') : text;
  return pos;
}
