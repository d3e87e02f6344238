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
/** s[from, from + len) read as decimal digits, or NaN when one is not a digit. */
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

/** parseTime of text[from, to) (already trimmed), reading plain unix times and common ISO times in place. */
export function parseTimeRange(text: string, from: number, to: number, format: TimeFormat): number {
  const n = format === 'iso' ? isoInPlace(text, from, to) : simpleDecimal(text, from, to);
  if (n === n) return format === 'iso' ? n : unixSeconds(n, format);
  return parseTime(text.substring(from, to), format);
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Days from 1970-01-01 to a proleptic Gregorian date (H. Hinnant's days_from_civil): what Date.UTC counts, in days. */
function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  return era * 146_097 + yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy - 719_468;
}

/**
 * parseIsoLike of text[from, to) without cutting a string, for the shapes logs use — `YYYY-MM-DD`, then optionally
 * `[T ]HH:MM[:SS[.fff]]` and `Z`, `UTC`, `GMT` or nothing (with or without a space) — else NaN, and the caller asks
 * parseIsoLike, whose answer (a time, or NaN) stands. The same arithmetic on the same integers as parseIsoLike, so
 * the same number: cutting, trimming and Date.UTC per row were most of the parse of an ISO-timed log.
 */
function isoInPlace(text: string, from: number, to: number): number {
  if (to - from < 10 || text.charCodeAt(from + 4) !== 45 || text.charCodeAt(from + 7) !== 45) return NaN;
  const y = num(text, from, 4),
    mo = num(text, from + 5, 2),
    d = num(text, from + 8, 2);
  if (!(mo >= 1 && mo <= 12 && d >= 1)) return NaN;
  const leap = y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
  if (d > DAYS_IN_MONTH[mo - 1] + (mo === 2 && leap ? 1 : 0)) return NaN;
  let h = 0,
    mi = 0,
    sec = 0,
    i = from + 10;
  const sep = text.charCodeAt(i);
  if (i < to && (sep === 84 || sep === 32)) {
    // As in parseIsoLike, a T or a space after the date must start a time.
    if (i + 6 > to || text.charCodeAt(i + 3) !== 58) return NaN;
    h = num(text, i + 1, 2);
    mi = num(text, i + 4, 2);
    i += 6;
    if (i + 3 <= to && text.charCodeAt(i) === 58) {
      sec = num(text, i + 1, 2);
      i += 3;
      const dot = text.charCodeAt(i);
      if (i < to && (dot === 46 || dot === 44)) {
        let j = i + 1,
          frac = 0,
          scale = 1;
        for (let c = text.charCodeAt(j) - 48; j < to && c >= 0 && c <= 9; c = text.charCodeAt(++j) - 48) {
          if (scale < 1e6) {
            frac = frac * 10 + c;
            scale *= 10;
          }
        }
        sec += frac / scale;
        i = j;
      }
    }
    if (!(h <= 23 && mi <= 59 && sec < 61)) return NaN;
  }
  if (i < to && text.charCodeAt(i) === 32) i++;
  const zone = to - i;
  if (!(zone === 0 || (zone === 1 && text.charCodeAt(i) === 90) || (zone === 3 && isUtcName(text, i)))) return NaN;
  const ms = ((daysFromCivil(y, mo, d) * 24 + h) * 60 + mi) * 60_000 + sec * 1000;
  return ms / 1000;
}

/** text[i, i + 3) is `UTC` or `GMT`. */
const isUtcName = (text: string, i: number) =>
  (text.charCodeAt(i) === 85 && text.charCodeAt(i + 1) === 84 && text.charCodeAt(i + 2) === 67) ||
  (text.charCodeAt(i) === 71 && text.charCodeAt(i + 1) === 77 && text.charCodeAt(i + 2) === 84);
