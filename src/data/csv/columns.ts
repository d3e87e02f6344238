// Column roles (user, item, event, time …) and their auto-detection from header names and cell contents.
import { fail, ok, type Result } from '../../lib/result';
import { CANONICAL_EVENTS, normaliseEventType } from '../eventTypes';
import { detectTimeFormat, type TimeFormat } from './timestamps';

export const EVENT_ROLES = ['user', 'item', 'event', 'time', 'value', 'session', 'title', 'category', 'brand', 'price'] as const;
export const ITEM_ROLES = ['item', 'title', 'description', 'category', 'brand', 'price'] as const;
export type Role = (typeof EVENT_ROLES)[number] | (typeof ITEM_ROLES)[number];

/** Which column (0-based) plays which role; roles absent from the file are left out. */
export interface ColumnMapping {
  roles: Partial<Record<Role, number>>;
  timeFormat: TimeFormat | null;
}

const key = (s: string) =>
  s
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');

// Ordered by preference: the first synonym found wins (category_code beats category_id for text).
const SYNONYMS: Record<Role, string[]> = {
  user: ['userid', 'user', 'uid', 'visitorid', 'customerid', 'reviewerid', 'memberid', 'clientid'],
  item: ['itemid', 'item', 'movieid', 'productid', 'product', 'sku', 'asin', 'iid', 'articleid', 'contentid', 'videoid', 'id'],
  event: ['eventtype', 'event', 'behaviortype', 'behavior', 'behaviour', 'action', 'actiontype', 'interaction', 'type'],
  time: ['timestamp', 'eventtime', 'time', 'ts', 'datetime', 'date', 'createdat', 'unixtime'],
  value: ['rating', 'value', 'score', 'stars'],
  session: ['usersession', 'sessionid', 'session'],
  title: ['title', 'name', 'productname', 'itemname', 'movietitle'],
  description: ['description', 'desc', 'summary', 'text', 'overview'],
  category: ['categorycode', 'category', 'genres', 'genre', 'categoryname', 'categoryid'],
  brand: ['brand', 'manufacturer'],
  price: ['price', 'cost', 'amount'],
};

const ALL_NAMES = new Set(Object.values(SYNONYMS).flat());
export const looksLikeHeaderName = (cell: string): boolean => ALL_NAMES.has(key(cell));

/** Rename duplicate header names (`user, user` → `user, user_2`) so every column stays addressable. */
export function dedupeHeader(header: readonly string[]): { names: string[]; duplicates: string[] } {
  const seen = new Map<string, number>();
  const duplicates: string[] = [];
  const names = header.map((raw, i) => {
    const name = raw.trim() || `column_${i + 1}`;
    const n = (seen.get(name) ?? 0) + 1;
    seen.set(name, n);
    if (n > 1) duplicates.push(name);
    return n > 1 ? `${name}_${n}` : name;
  });
  return { names, duplicates };
}

function byHeader(names: readonly string[], roles: readonly Role[]): Partial<Record<Role, number>> {
  const keys = names.map(key);
  const taken = new Set<number>();
  const out: Partial<Record<Role, number>> = {};
  for (const role of roles) {
    for (const syn of SYNONYMS[role]) {
      const i = keys.findIndex((k, idx) => !taken.has(idx) && k === syn);
      if (i >= 0) {
        out[role] = i;
        taken.add(i);
        break;
      }
    }
  }
  return out;
}

const isNum = (s: string) => s.trim() !== '' && Number.isFinite(Number(s));
const column = (rows: readonly string[][], c: number) => rows.map((r) => r[c] ?? '');

/** Content-based roles for headerless event logs: events by vocabulary, time by magnitude, ratings by range. */
function byContent(rows: readonly string[][], nCols: number, known: Partial<Record<Role, number>>): Partial<Record<Role, number>> {
  const out = { ...known };
  const used = new Set(Object.values(out));
  const free = () => Array.from({ length: nCols }, (_, c) => c).filter((c) => !used.has(c));
  const assign = (role: Role, c: number) => {
    out[role] = c;
    used.add(c);
  };
  const canonical = new Set<string>(CANONICAL_EVENTS);
  if (out.event === undefined) {
    const c = free().find((c) => {
      const cells = column(rows, c).filter((x) => x !== '');
      return cells.length > 0 && cells.filter((x) => canonical.has(normaliseEventType(x))).length / cells.length >= 0.8;
    });
    if (c !== undefined) assign('event', c);
  }
  if (out.time === undefined) {
    // Headerless: only a column that is almost all times (ids can be large numbers too, e.g. REES46 user ids).
    const c = free().find((c) => detectTimeFormat(column(rows, c), 0.9) !== null);
    if (c !== undefined) assign('time', c);
  }
  if (out.value === undefined && nCols > 2) {
    // Ratings follow the ids (user, item, rating): search from the right and never take the first two columns.
    const c = free()
      .filter((c) => c >= 2)
      .reverse()
      .find((c) => {
        const cells = column(rows, c);
        if (!cells.every(isNum)) return false;
        const xs = cells.map(Number);
        return Math.min(...xs) >= 0 && Math.max(...xs) <= 10 && new Set(xs).size <= 11;
      });
    if (c !== undefined) assign('value', c);
  }
  const rest = free();
  if (out.user === undefined && rest.length) assign('user', rest.shift()!);
  if (out.item === undefined && rest.length) assign('item', rest.shift()!);
  return out;
}

/** Proposes a mapping for an events file from its header (if any) and sample rows. */
export function detectEventMapping(header: readonly string[] | null, rows: readonly string[][]): ColumnMapping {
  const nCols = header?.length ?? Math.max(0, ...rows.map((r) => r.length));
  const named = header ? byHeader(header, EVENT_ROLES) : {};
  const roles = header && named.user !== undefined && named.item !== undefined ? named : byContent(rows, nCols, named);
  const timeFormat = roles.time !== undefined ? detectTimeFormat(column(rows, roles.time)) : null;
  return { roles, timeFormat };
}

/** The most common row length (the first to reach the top count), as the reader takes a headerless file's width. */
function modalLength(rows: readonly string[][]): number {
  const freq = new Map<number, number>();
  let best = 0,
    bestF = 0;
  for (const r of rows) {
    const f = (freq.get(r.length) ?? 0) + 1;
    freq.set(r.length, f);
    if (f > bestF) [best, bestF] = [r.length, f];
  }
  return best;
}

/** Proposes a mapping for an item catalog file: named columns, else id first and the longest text column as title. */
export function detectItemMapping(header: readonly string[] | null, rows: readonly string[][], width = modalLength(rows)): ColumnMapping {
  if (header) {
    const roles = byHeader(header, ITEM_ROLES);
    if (roles.item === undefined) roles.item = 0;
    return { roles, timeFormat: null };
  }
  // Only columns every well-formed row has: a few long rows must not put the title where ingestion finds no field.
  const nCols = width;
  const roles: Partial<Record<Role, number>> = { item: 0 };
  // The title is the first column of words: not numbers, not links, not dates (MovieLens u.item: id|title|date|…|url).
  const wordy = (x: string) =>
    x.trim() !== '' && !isNum(x) && !/^https?:\/\//i.test(x) && !/^\d{1,4}[-/.][\w]{2,3}[-/.]\d{2,4}$/.test(x.trim());
  for (let c = 1; c < nCols; c++) {
    const cells = column(rows, c);
    if (cells.filter(wordy).length * 2 > cells.length) {
      roles.title = c;
      break;
    }
  }
  return { roles, timeFormat: null };
}

/**
 * Parses an analyst's mapping such as `user=userId,item=movieId,time=4`: a column is a header name or a
 * 1-based column number. Unknown roles or columns are errors that name the offending part.
 */
export function parseMappingSpec(
  spec: string,
  header: readonly string[] | null,
  allowed: readonly Role[],
): Result<Partial<Record<Role, number>>> {
  const out: Partial<Record<Role, number>> = {};
  for (const part of spec
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const eq = part.indexOf('=');
    if (eq < 0) return fail(`mapping "${part}" must look like role=column`);
    const role = part.slice(0, eq).trim() as Role;
    const col = part.slice(eq + 1).trim();
    if (!allowed.includes(role)) return fail(`unknown role "${role}" (roles: ${allowed.join(', ')})`);
    let idx = header ? header.findIndex((h) => h === col) : -1;
    if (idx < 0 && header) idx = header.findIndex((h) => key(h) === key(col));
    if (idx < 0 && /^\d+$/.test(col)) idx = Number(col) - 1;
    const width = header?.length ?? Infinity;
    if (idx < 0 || idx >= width)
      return fail(`column "${col}" for role "${role}" is not in the file${header ? ` (columns: ${header.join(', ')})` : ''}`);
    out[role] = idx;
  }
  return ok(out);
}
