// Parses timestamps found in behavior logs (unix seconds, unix milliseconds, ISO-like text) into unix seconds.
import { simpleDecimal } from './cells';
export type TimeFormat = 'unix-s' | 'unix-ms' | 'iso';

/** Unix seconds from a cell, or NaN when it cannot be read as the given format. */
export function parseTime(text: string, format: TimeFormat): number {
  if (format === 'iso') return parseIsoLike(text);
  return text === '' ? NaN : unixSeconds(Number(text), format);
}

/** The latest instant a JS Date can hold (year 275760), in seconds: a number past it cannot be shown as a date. */
export const MAX_UNIX_SECONDS = 8.64e12;

/** A number read as a unix time: seconds, or NaN when it is not finite, negative or past MAX_UNIX_SECONDS. */
export function unixSeconds(n: number, format: 'unix-s' | 'unix-ms'): number {
  const s = format === 'unix-ms' ? n / 1000 : n;
  return s >= 0 && s <= MAX_UNIX_SECONDS ? s : NaN;
}

/** Guess the format of a column from sample cells: null when fewer than `minShare` of them read as one format. */
export function detectTimeFormat(cells: readonly string[], minShare = 0): TimeFormat | null {
  let seconds = 0,
    millis = 0,
    iso = 0;
  for (const c of cells) {
    const n = Number(c);
    if (c !== '' && Number.isFinite(n)) {
      if (n >= 1e8 && n < 1e10) seconds++;
      else if (n >= 1e11 && n < 1e13) millis++;
    } else if (!Number.isNaN(parseIsoLike(c))) iso++;
  }
  // The most common readable format wins: a sample may hold broken cells, which ingestion then rejects row by row.
  const best = Math.max(seconds, millis, iso);
  if (best === 0 || best < minShare * cells.length) return null;
  return best === seconds ? 'unix-s' : best === millis ? 'unix-ms' : 'iso';
}

const GREGORIAN_CYCLE_MS = 146_097 * 86_400_000;
const digit = (s: string, i: number) => s.charCodeAt(i) - 48;
function num(s: string, from: number, len: number): number {
  let v = 0;
  for (let i = from; i < from + len; i++) {
    const d = digit(s, i);
    if (d < 0 || d > 9) return NaN;
    v = v * 10 + d;
  }
  return v;
}

/**
 * `YYYY-MM-DD`, optionally followed by `[T ]HH:MM[:SS[.fff]]` and a zone (`Z`, `UTC`, `+HH:MM`, `+HHMM`).
 * Text without a zone is read as UTC, so the same file gives the same numbers on every machine.
 * Hand-written because Date.parse is slow and its acceptance of non-ISO text differs between engines.
 */
export function parseIsoLike(raw: string): number {
  const s = raw.trim();
  if (s.length < 10 || s[4] !== '-' || s[7] !== '-') return NaN;
  const y = num(s, 0, 4),
    mo = num(s, 5, 2),
    d = num(s, 8, 2);
  if (!(mo >= 1 && mo <= 12 && d >= 1 && d <= 31)) return NaN;
  let h = 0,
    mi = 0,
    sec = 0,
    i = 10;
  if (i < s.length && (s[i] === 'T' || s[i] === ' ')) {
    h = num(s, i + 1, 2);
    if (s[i + 3] !== ':') return NaN;
    mi = num(s, i + 4, 2);
    i += 6;
    if (s[i] === ':') {
      sec = num(s, i + 1, 2);
      i += 3;
      if (s[i] === '.' || s[i] === ',') {
        let j = i + 1,
          frac = 0,
          scale = 1;
        while (j < s.length && digit(s, j) >= 0 && digit(s, j) <= 9) {
          if (scale < 1e6) {
            frac = frac * 10 + digit(s, j);
            scale *= 10;
          }
          j++;
        }
        sec += frac / scale;
        i = j;
      }
    }
    if (!(h <= 23 && mi <= 59 && sec < 61)) return NaN;
  }
  let offsetMin = 0;
  const zone = s.slice(i).trim();
  if (zone === '' || zone === 'Z' || zone === 'UTC' || zone === 'GMT') offsetMin = 0;
  else {
    const m = /^([+-])(\d{2}):?(\d{2})$/.exec(zone);
    if (!m) return NaN;
    offsetMin = (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3]));
  }
  // Date.UTC reads years 0–99 as 1900–1999; 400 Gregorian years later the calendar repeats, so shift and shift back.
  const ms = Date.UTC(y + 400, mo - 1, d, h, mi, 0) - GREGORIAN_CYCLE_MS + sec * 1000;
  if (!Number.isFinite(ms) || new Date(Date.UTC(y + 400, mo - 1, d)).getUTCDate() !== d) return NaN;
  return ms / 1000 - offsetMin * 60;
}

/** parseTime of text[from, to) (already trimmed), reading plain unix times in place. */
export function parseTimeRange(text: string, from: number, to: number, format: TimeFormat): number {
  if (format !== 'iso') {
    const n = simpleDecimal(text, from, to);
    if (n === n) return unixSeconds(n, format);
  }
  return parseTime(text.substring(from, to), format);
}
