// Per-user (or per-session) causal variables from an EventLog; the default set is the demo's planted variables.
import { fail, ok, type Result } from '../lib/result';
import { catalogRows, userEvents, type EventLog, type ItemCatalog } from '../data/eventLog';
import type { DataTable, VariableKind } from './table';
import { asUserIdx } from '../lib/ids';

export const DEFAULT_VARIABLES = ['sessions', 'exposed', 'views', 'clicks', 'carts', 'purchased'] as const;

/** Gap that starts a new session when the log carries no session ids (the usual web-analytics convention). */
export const SESSION_GAP_SECONDS = 30 * 60;

export interface VariableOptions {
  /** 'session': one row per (user, session); `sessions` becomes `priorSessions`, the user's earlier session count. */
  unit?: 'user' | 'session';
  /** A count column per event type present in the log, named `n_<type>`. */
  eventTypeCounts?: boolean;
  /** Days from the user's last event to the end of the log, and days between first and last event. */
  recency?: boolean;
  /** Share of the user's events in each of the `categories` most common catalog categories (`cat_<name>`). */
  categories?: number;
  /** Mean catalog price of the items the user touched (`price_level`), where the catalog has prices. */
  price?: boolean;
  /** `events` (the unit's event count) and `popularity` (mean ln(1 + log-wide event count) of the items it touched). */
  activity?: boolean;
  /** `rating_mean` and `rating_sd` of the unit's numeric values (ratings); units without values get the log's mean and 0. */
  rating?: boolean;
  /**
   * Like `categories`, but a multi-valued category ("Action|Comedy", MovieLens genres) counts for each of its parts:
   * `cat_<genre>` is the share of the unit's events whose item carries that genre.
   */
  genres?: number;
}

export interface UnitTable {
  table: DataTable;
  /** Row labels: user ids, or `user#session` for the session unit. */
  ids: string[];
}

interface Acc {
  names: string[];
  kinds: VariableKind[];
  values: number[][];
}

/**
 * The behavior variables the app and `reclens causal` analyse for an event log: per-type counts, recency and (with a
 * catalog that has prices) price level, one row per user or per session.
 */
export function behaviorVariables(log: EventLog, catalog: ItemCatalog | null, unit: 'user' | 'session'): Result<UnitTable> {
  return buildVariables(log, catalog, { unit, eventTypeCounts: true, recency: true, price: true });
}

export function buildVariables(log: EventLog, catalog: ItemCatalog | null = null, options: VariableOptions = {}): Result<UnitTable> {
  if (log.length === 0) return fail('the event log is empty');
  const typeIndex = (t: string) => log.eventTypes.indexOf(t);
  const ev = {
    exposure: typeIndex('exposure'),
    view: typeIndex('view'),
    click: typeIndex('click'),
    cart: typeIndex('cart'),
    purchase: typeIndex('purchase'),
  };
  const sessionUnit = options.unit === 'session';
  const base: [string, VariableKind][] = [
    [sessionUnit ? 'priorSessions' : 'sessions', 'continuous'],
    ['exposed', 'binary'],
    ['views', 'continuous'],
    ['clicks', 'continuous'],
    ['carts', 'continuous'],
    ['purchased', 'binary'],
  ];
  const acc: Acc = { names: base.map((b) => b[0]), kinds: base.map((b) => b[1]), values: [] };
  const extra = extraColumns(log, catalog, options);
  for (const [name, kind] of extra.columns) {
    acc.names.push(name);
    acc.kinds.push(kind);
  }
  const ids: string[] = [];
  const logEnd = maxOf(log.time);
  for (let u = 0; u < log.users.length; u++) {
    const rows = userEvents(log, asUserIdx(u));
    if (!rows.length) continue;
    const groups = sessionsOf(log, rows);
    const units = sessionUnit ? groups : [Array.from(rows)];
    units.forEach((events, s) => {
      const count = (t: number) => (t < 0 ? 0 : events.reduce((k, r) => k + (log.event[r] === t ? 1 : 0), 0));
      const row = [
        sessionUnit ? s : groups.length,
        count(ev.exposure) > 0 ? 1 : 0,
        count(ev.view),
        count(ev.click),
        count(ev.cart),
        count(ev.purchase) > 0 ? 1 : 0,
      ];
      row.push(...extra.values(events, logEnd));
      acc.values.push(row);
      ids.push(sessionUnit ? `${log.users[u]}#${s + 1}` : log.users[u]);
    });
  }
  const columns = acc.names.map((_, j) => Float64Array.from(acc.values, (r) => r[j]));
  return ok({ table: { names: acc.names, columns, kinds: acc.kinds }, ids });
}

function maxOf(time: Float64Array): number {
  let m = -Infinity;
  for (let i = 0; i < time.length; i++) if (time[i] > m) m = time[i];
  return m;
}

/** Event rows split into sessions: by session id where the log has them, else by 30-minute gaps (needs times). */
function sessionsOf(log: EventLog, rows: Uint32Array): number[][] {
  const hasIds = Array.prototype.some.call(rows, (r: number) => log.session[r] >= 0);
  if (hasIds) {
    const byId = new Map<number, number[]>();
    for (const r of rows) {
      const s = log.session[r];
      byId.set(s, [...(byId.get(s) ?? []), r]);
    }
    return [...byId.values()];
  }
  // Without timestamps the row order is the only clock: the whole history is one session.
  if (!log.hasTime) return [Array.from(rows)];
  const out: number[][] = [];
  let prev = -Infinity;
  for (const r of rows) {
    if (log.time[r] - prev > SESSION_GAP_SECONDS || !out.length) out.push([]);
    out[out.length - 1].push(r);
    prev = log.time[r];
  }
  return out;
}

function extraColumns(log: EventLog, catalog: ItemCatalog | null, options: VariableOptions) {
  const columns: [string, VariableKind][] = [];
  const parts: ((events: number[], logEnd: number) => number[])[] = [];
  if (options.eventTypeCounts) {
    log.eventTypes.forEach((t) => columns.push([`n_${t}`, 'continuous']));
    parts.push((events) => log.eventTypes.map((_, k) => events.reduce((s, r) => s + (log.event[r] === k ? 1 : 0), 0)));
  }
  if (options.recency && log.hasTime) {
    columns.push(['recencyDays', 'continuous'], ['spanDays', 'continuous']);
    parts.push((events, logEnd) => {
      const times = events.map((r) => log.time[r]);
      const first = Math.min(...times),
        last = Math.max(...times);
      return [(logEnd - last) / 86400, (last - first) / 86400];
    });
  }
  if (options.activity) {
    columns.push(['events', 'continuous'], ['popularity', 'continuous']);
    const counts = new Float64Array(log.items.length);
    for (let i = 0; i < log.length; i++) counts[log.item[i]]++;
    parts.push((events) => [events.length, events.reduce((s, r) => s + Math.log1p(counts[log.item[r]]), 0) / events.length]);
  }
  if (options.rating) {
    columns.push(['rating_mean', 'continuous'], ['rating_sd', 'continuous']);
    let sum = 0,
      n = 0;
    for (const v of log.value) {
      if (!Number.isFinite(v)) continue;
      sum += v;
      n++;
    }
    const logMean = n ? sum / n : 0;
    parts.push((events) => {
      const vs = events.map((r) => log.value[r]).filter(Number.isFinite);
      if (!vs.length) return [logMean, 0];
      const m = vs.reduce((a, b) => a + b, 0) / vs.length;
      return [m, Math.sqrt(vs.reduce((a, b) => a + (b - m) ** 2, 0) / vs.length)];
    });
  }
  const rowOf = catalog ? catalogRows(log, catalog) : null;
  if (catalog && rowOf && (options.genres ?? 0) > 0) genreColumns(log, catalog, rowOf, options.genres ?? 0, columns, parts);
  if (catalog && rowOf && (options.categories ?? 0) > 0) {
    const freq = new Map<string, number>();
    for (let i = 0; i < log.length; i++) {
      const c = rowOf[log.item[i]] >= 0 ? catalog.category[rowOf[log.item[i]]] : '';
      if (c) freq.set(c, (freq.get(c) ?? 0) + 1);
    }
    const top = [...freq.entries()]
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .slice(0, options.categories)
      .map((e) => e[0]);
    top.forEach((c) => columns.push([`cat_${c}`, 'continuous']));
    parts.push((events) =>
      top.map((c) => events.filter((r) => rowOf[log.item[r]] >= 0 && catalog.category[rowOf[log.item[r]]] === c).length / events.length),
    );
  }
  if (catalog && rowOf && options.price && catalog.price.some((p) => Number.isFinite(p))) {
    columns.push(['price_level', 'continuous']);
    let sum = 0,
      n = 0;
    for (const p of catalog.price) {
      if (!Number.isFinite(p)) continue;
      sum += p;
      n++;
    }
    const globalMean = sum / n;
    parts.push((events) => {
      const prices = events.map((r) => (rowOf[log.item[r]] >= 0 ? catalog.price[rowOf[log.item[r]]] : NaN)).filter(Number.isFinite);
      // A user who touched no priced item gets the catalog mean, so the column has no holes.
      return [prices.length ? prices.reduce((a, b) => a + b, 0) / prices.length : globalMean];
    });
  }
  return { columns, values: (events: number[], logEnd: number) => parts.flatMap((f) => f(events, logEnd)) };
}

const genresOf = (category: string) =>
  category
    .split('|')
    .map((g) => g.trim())
    .filter(Boolean);

/** The `genres` most frequent genres over the log's events, each a share column (see VariableOptions.genres). */
function genreColumns(
  log: EventLog,
  catalog: ItemCatalog,
  rowOf: Int32Array,
  k: number,
  columns: [string, VariableKind][],
  parts: ((events: number[], logEnd: number) => number[])[],
) {
  const itemGenres = Array.from(log.items, (_, i) => (rowOf[i] >= 0 ? genresOf(catalog.category[rowOf[i]]) : []));
  const freq = new Map<string, number>();
  for (let i = 0; i < log.length; i++) for (const g of itemGenres[log.item[i]]) freq.set(g, (freq.get(g) ?? 0) + 1);
  const top = [...freq.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, k)
    .map((e) => e[0]);
  top.forEach((g) => columns.push([`cat_${g}`, 'continuous']));
  parts.push((events) => top.map((g) => events.filter((r) => itemGenres[log.item[r]].includes(g)).length / events.length));
}
