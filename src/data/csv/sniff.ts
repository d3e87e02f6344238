// Guesses the dialect of a delimited text file (delimiter, line ending, header row) from a sample of its start.
import Papa from 'papaparse';
import { looksLikeHeaderName } from './columns';

export interface Dialect {
  delimiter: string;
  newline: '\n' | '\r\n' | '\r';
  hasHeader: boolean;
}

export const DELIMITERS = [',', '\t', '|', ';', '::', ' '] as const;

export function detectNewline(sample: string): Dialect['newline'] {
  const crlf = sample.indexOf('\r\n');
  const lf = sample.indexOf('\n');
  if (crlf >= 0 && crlf < lf) return '\r\n';
  if (lf >= 0) return '\n';
  return sample.includes('\r') ? '\r' : '\n';
}

/** Rows of the sample (complete lines only) parsed with a delimiter. */
export function sampleRows(sample: string, delimiter: string, newline: Dialect['newline'], maxRows = 200): string[][] {
  const parser = new Papa.Parser({ delimiter, newline, quoteChar: '"', preview: maxRows });
  const result = parser.parse(sample, 0, true) as unknown as Papa.ParseResult<string[]>;
  return result.data.filter((r) => !(r.length === 1 && r[0] === ''));
}

function modalFieldCount(rows: string[][]): { count: number; share: number } {
  const freq = new Map<number, number>();
  for (const r of rows) freq.set(r.length, (freq.get(r.length) ?? 0) + 1);
  let count = 0,
    best = 0;
  for (const [c, f] of freq) if (f > best || (f === best && c > count)) [count, best] = [c, f];
  return { count, share: rows.length ? best / rows.length : 0 };
}

export function detectDelimiter(sample: string, newline: Dialect['newline']): string {
  let best: string = ',';
  let bestScore = -1;
  for (const d of DELIMITERS) {
    const rows = sampleRows(sample, d, newline, 100);
    if (rows.length === 0) continue;
    const { count, share } = modalFieldCount(rows);
    if (count < 2) continue;
    // Consistency matters most; among equally consistent delimiters, earlier candidates win (space is a last resort).
    const score = share;
    if (score > bestScore + 1e-9) [best, bestScore] = [d, score];
  }
  return best;
}

const isNumeric = (s: string) => s.trim() !== '' && Number.isFinite(Number(s));

/** A first row is a header when it names columns, or when it is text where the rest of the column is numeric. */
export function detectHeader(rows: string[][]): boolean {
  if (rows.length === 0) return false;
  const [first, ...rest] = rows;
  if (first.some(isNumeric)) return false;
  if (first.filter((c) => looksLikeHeaderName(c)).length >= Math.min(2, first.length)) return true;
  if (rest.length === 0) return false;
  for (let c = 0; c < first.length; c++) {
    const numericShare = rest.filter((r) => isNumeric(r[c] ?? '')).length / rest.length;
    if (numericShare >= 0.9) return true;
  }
  // All-text files: a header's cells are unique and never repeat further down the column.
  return first.every((cell, c) => rest.every((r) => r[c] !== cell)) && new Set(first).size === first.length && rest.length >= 5;
}

export function sniffDialect(sample: string): Dialect {
  const text = sample.charCodeAt(0) === 0xfeff ? sample.slice(1) : sample;
  const newline = detectNewline(text);
  const delimiter = detectDelimiter(text, newline);
  const hasHeader = detectHeader(sampleRows(text, delimiter, newline, 50));
  return { delimiter, newline, hasHeader };
}
