// Numeric settings as data: one {min, max, integer} table per model, method or config, read by the checks, `reclens help` and the README.
import { fail, ok, type Result } from './result';

export interface Range {
  min: number;
  max: number;
  integer?: boolean;
  /** The bound itself is outside the range: (min, …] or […, max). */
  minOpen?: boolean;
  maxOpen?: boolean;
  /** Restored from a checkpoint rather than set by hand: checked, but left out of the lists shown to users. */
  internal?: boolean;
}

export type RangeTable = Readonly<Record<string, Range>>;

/** Keys that reach Object.prototype through a plain object and must never be taken for a setting. */
const PROTOTYPE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** 1e6 rather than 1000000 where a bound is a round power of ten; other numbers as they are. */
const bound = (n: number): string => {
  const e = Math.abs(n) >= 1e6 ? n.toExponential() : '';
  return /^-?\de\+\d+$/.test(e) ? e.replace('+', '') : String(n);
};

/** "[1, 4096]", "(0, 1]", "[0, 1)", "[0, 1e6]". */
export function intervalText(r: Range): string {
  return `${r.minOpen ? '(' : '['}${bound(r.min)}, ${bound(r.max)}${r.maxOpen ? ')' : ']'}`;
}

/** "1–4096" for usage lines. */
export const span = (r: Range): string => `${bound(r.min)}–${bound(r.max)}`;

/** "an integer in [1, 4096]" or "a number in (0, 1]". */
export function rangeText(r: Range): string {
  return `${r.integer ? 'an integer' : 'a number'} in ${intervalText(r)}`;
}

export function inRange(v: unknown, r: Range): v is number {
  if (typeof v !== 'number' || !Number.isFinite(v)) return false;
  if (r.integer && !Number.isInteger(v)) return false;
  return (r.minOpen ? v > r.min : v >= r.min) && (r.maxOpen ? v < r.max : v <= r.max);
}

const shown = (v: unknown) => (typeof v === 'number' ? String(v) : (JSON.stringify(v) ?? String(v)));

/** Null when `v` lies in the range, else "steps must be an integer in [1, 4096] (got 1000000000)". */
export function checkValue(name: string, v: unknown, r: Range): string | null {
  return inRange(v, r) ? null : `${name} must be ${rangeText(r)} (got ${shown(v)})`;
}

/** Own-property look-up: a name from a file or a flag must never read Object.prototype ("constructor", "__proto__"). */
export function own<T>(table: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(table, key) && !PROTOTYPE_KEYS.has(key) ? table[key] : undefined;
}

/** The user-facing names of a table (internal ones left out). */
export const settingNames = (table: RangeTable): string[] => Object.keys(table).filter((k) => !table[k].internal);

export interface CheckOptions {
  /** Known keys that are not numbers (checked by their owner), e.g. a mode or an enum. */
  other?: readonly string[];
  /** What the settings belong to, for messages ("itemknn"). */
  owner?: string;
}

/**
 * Every own key of `settings` must be in the table (or `other`), every table value in range; unset keys keep their
 * defaults. `__proto__`, `constructor` and `prototype` are refused even where they would otherwise slip through.
 */
export function checkSettings(table: RangeTable, settings: unknown, options: CheckOptions = {}): Result<true> {
  if (settings === undefined || settings === null) return ok(true);
  if (typeof settings !== 'object' || Array.isArray(settings)) return fail(`settings must be an object of name → value`);
  const other = options.other ?? [];
  const of = options.owner ? ` for ${options.owner}` : '';
  const known = [...settingNames(table), ...other];
  const keys = Object.keys(settings);
  const unknown = keys.filter((k) => PROTOTYPE_KEYS.has(k) || (!Object.hasOwn(table, k) && !other.includes(k)));
  if (unknown.length) {
    const list = unknown.map((k) => `"${k}"`).join(', ');
    return fail(`unknown setting${unknown.length > 1 ? 's' : ''} ${list}${of}; known: ${known.length ? known.join(', ') : '(none)'}`);
  }
  for (const k of keys) {
    const r = own(table, k);
    const v = (settings as Record<string, unknown>)[k];
    if (!r || v === undefined) continue;
    const why = checkValue(k, v, r);
    if (why) return fail(`${why}${of}`);
  }
  return ok(true);
}

/** One line per setting for help texts: "steps: an integer in [1, 4096]". */
export function describeRanges(table: RangeTable): string[] {
  return settingNames(table).map((k) => `${k}: ${rangeText(table[k])}`);
}
