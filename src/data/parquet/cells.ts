// Parquet values as the cell text the CSV path reads, so one row pipeline (mapping, validation, sampling) serves both.
import type { ParquetParsers } from 'hyparquet';

const NS_PER_MS = 1_000_000n;

/**
 * An instant in nanoseconds since 1970 as the ISO text a CSV would hold (`2019-10-01T00:00:00.123456Z`): the CSV
 * path's ISO reader keeps six fractional digits, so micro- and nanosecond timestamps give the same times as their text.
 * An instant a JS Date cannot hold becomes text that no time format reads, so its row is rejected as a bad timestamp.
 */
export function isoFromNanos(nanos: bigint, fraction: 3 | 6): string {
  let ms = nanos / NS_PER_MS;
  if (nanos % NS_PER_MS < 0n) ms -= 1n; // floor, not truncation, before 1970
  const date = new Date(Number(ms));
  if (Number.isNaN(date.getTime())) return `${nanos} ns`;
  const iso = date.toISOString();
  if (fraction === 3) return iso;
  const micros = (nanos - ms * NS_PER_MS) / 1000n;
  return `${iso.slice(0, -1)}${micros.toString().padStart(3, '0')}Z`;
}

/** Parquet DATE (days since 1970) as `YYYY-MM-DD`, the text the CSV path reads as midnight UTC. */
export function isoDate(days: number): string {
  const date = new Date(days * 86_400_000);
  return Number.isNaN(date.getTime()) ? `${days} days` : date.toISOString().slice(0, 10);
}

/** hyparquet's parsers for time types, returning cell text rather than Date objects. */
export const TEXT_PARSERS: Partial<ParquetParsers> = {
  timestampFromMilliseconds: (ms: bigint) => isoFromNanos(ms * NS_PER_MS, 3),
  timestampFromMicroseconds: (us: bigint) => isoFromNanos(us * 1000n, 6),
  timestampFromNanoseconds: (ns: bigint) => isoFromNanos(ns, 6),
  dateFromDays: (days: number) => isoDate(days),
};

const utf8 = new TextDecoder();

/** One value as cell text: null is the empty cell (a missing value, as in CSV), BigInt its decimal digits. */
export function cellText(v: unknown): string {
  switch (typeof v) {
    case 'string':
      return v;
    case 'number':
    case 'bigint':
    case 'boolean':
      return String(v);
    case 'undefined':
      return '';
    default:
      if (v === null) return '';
      if (v instanceof Date) return Number.isNaN(v.getTime()) ? 'Invalid Date' : v.toISOString();
      if (v instanceof Uint8Array) return utf8.decode(v);
      return JSON.stringify(v, (_, x: unknown) => (typeof x === 'bigint' ? String(x) : x));
  }
}
