// A dataset in columnar form, as IndexedDB and the workspace file keep it: the event-log arrays (eventLogSchema.ts)
// as they are, dictionaries packed, and every column checked on the way back in.
import { fail, ok, type Result } from '../lib/result';
import { packStrings, unpackStrings, type PackedStrings } from '../lib/packedStrings';
import type { EventLog, ItemCatalog } from './eventLog';
import { summarise, type LogSummary } from './summary';
import type { IngestReport } from './csv/report';
import type { DemoTruth } from './demo';
import type { DatasetPayload } from './dataset';
import {
  arrayLength,
  DICTIONARIES,
  LOG_ARRAY_NAMES,
  LOG_ARRAYS,
  logArrays,
  PER_EVENT_ARRAYS,
  type Dictionary,
  type LogArrays,
} from './eventLogSchema';

/** The columnar form written to IndexedDB (and, encoded, into a workspace file). */
export interface StoredColumns {
  format: 'reclens-dataset';
  version: 1;
  name: string;
  summary: LogSummary;
  reports: IngestReport[];
  truth: DemoTruth | null;
  /** The log's arrays (eventLogSchema.ts) and its dictionaries, packed. */
  log: { length: number; hasTime: boolean; eventTypes: string[] } & Record<Dictionary, PackedStrings> & LogArrays;
  catalog: { ids: PackedStrings; title: PackedStrings; description: PackedStrings; category: PackedStrings; price: Float64Array } | null;
}

/** The log's per-event arrays, stored apart from the rest in pieces of at most PIECE elements. */
const PIECE_COLUMNS = PER_EVENT_ARRAYS;
const PIECE = 1 << 20;
// Zero-padded indices keep a column's pieces in order when sorted by key.
export const pieceKey = (id: string, column: string, index: number) => `${id}\u0001${column}\u0001${String(index).padStart(6, '0')}`;
/** Keys of a stored head's pieces (none for a head that is not an object). */
export const pieceKeysOf = (head: unknown): string[] =>
  isObj(head) && Array.isArray(head.pieceKeys) ? head.pieceKeys.filter((k): k is string => typeof k === 'string') : [];

/** A piece of a column; `data()` copies it out only when it is about to be written (one copy per task). */
export type Piece = { column: string; index: number; data: () => ArrayBufferView };

/** The columns without the per-event arrays (those become `pieces`, each a copy of its own so it clones alone). */
export function splitColumns(id: string, columns: StoredColumns): { head: StoredColumns; pieces: Piece[] } {
  const log: Record<string, unknown> = { ...columns.log };
  const pieces: Piece[] = [];
  for (const column of PIECE_COLUMNS) {
    const a = columns.log[column] as unknown as Uint32Array;
    // A column that is one piece and owns its whole buffer is written as it is; otherwise each piece is a copy, since
    // cloning a view would write its whole underlying buffer.
    const whole = a.length <= PIECE && a.byteOffset === 0 && a.byteLength === a.buffer.byteLength;
    for (let i = 0, k = 0; i < a.length || (i === 0 && k === 0); i += PIECE, k++) {
      const from = i;
      pieces.push({ column, index: k, data: () => (whole ? a : a.slice(from, from + PIECE)) });
    }
    log[column] = null;
  }
  return {
    head: {
      ...columns,
      log: log as unknown as StoredColumns['log'],
      pieceKeys: pieces.map((p) => pieceKey(id, p.column, p.index)),
    } as StoredColumns,
    pieces,
  };
}

/** Inverse of splitColumns: pieces (by key, in key order) are concatenated back into their columns. */
export function joinColumns(head: unknown, pieces: { key: string; data: unknown }[]): unknown {
  if (!isObj(head) || !isObj(head.log)) return head;
  const byColumn = new Map<string, unknown[]>();
  for (const p of pieces) {
    const column = p.key.split('\u0001')[1];
    byColumn.set(column, [...(byColumn.get(column) ?? []), p.data]);
  }
  const log: Record<string, unknown> = { ...head.log };
  for (const column of PIECE_COLUMNS) {
    const parts = byColumn.get(column);
    if (!parts || log[column] !== null) continue;
    // Checked by fromColumns: a piece of the wrong type makes the column the wrong type.
    const Ctor = (parts[0] as { constructor: new (n: number) => Uint32Array }).constructor;
    if (!parts.every((q) => ArrayBuffer.isView(q) && q.constructor === Ctor)) continue;
    const out = new Ctor(parts.reduce((n: number, q) => n + (q as Uint32Array).length, 0));
    let at = 0;
    for (const q of parts as Uint32Array[]) {
      out.set(q, at);
      at += q.length;
    }
    log[column] = out;
  }
  return { ...head, log };
}

export function toColumns(c: DatasetPayload): StoredColumns {
  const { log, catalog } = c;
  const arrays = Object.fromEntries(LOG_ARRAY_NAMES.map((a) => [a, log[a]])) as LogArrays;
  const dictionaries = Object.fromEntries(DICTIONARIES.map((d) => [d, packStrings(log[d])])) as Record<Dictionary, PackedStrings>;
  return {
    format: 'reclens-dataset',
    version: 1,
    name: c.name,
    summary: c.summary,
    reports: c.reports,
    truth: c.truth,
    log: { length: log.length, hasTime: log.hasTime, eventTypes: [...log.eventTypes], ...dictionaries, ...arrays },
    catalog: catalog
      ? {
          ids: packStrings(catalog.ids),
          title: packStrings(catalog.title),
          description: packStrings(catalog.description),
          category: packStrings(catalog.category),
          price: catalog.price,
        }
      : null,
  };
}

export const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isPacked = (v: unknown): v is PackedStrings => isObj(v) && v.bytes instanceof Uint8Array && v.ends instanceof Uint32Array;

/**
 * Check and rebuild a dataset from its columns. Everything is verified (types, lengths, every index inside its
 * dictionary), because columns may come from an imported file: a bad one is refused, never half-used.
 */
export function fromColumns(raw: unknown): Result<DatasetPayload> {
  if (!isObj(raw) || raw.format !== 'reclens-dataset' || raw.version !== 1)
    return fail('not a RecLens dataset (unknown format or version)');
  const l = raw.log;
  if (typeof raw.name !== 'string' || !isObj(raw.summary) || !Array.isArray(raw.reports) || !isObj(l))
    return fail('a saved dataset lacks its name, summary, reports or log');
  const n = l.length;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 0 || typeof l.hasTime !== 'boolean')
    return fail('a saved dataset has no valid length');
  if (!Array.isArray(l.eventTypes) || !l.eventTypes.every((e) => typeof e === 'string'))
    return fail('a saved dataset has no valid event types');
  if (!DICTIONARIES.every((d) => isPacked(l[d]))) return fail('a saved dataset has no valid id dictionaries');
  const userCount = (l.users as PackedStrings).ends.length;
  for (const name of LOG_ARRAY_NAMES) {
    const v = l[name];
    if (!(v instanceof LOG_ARRAYS[name]) || v.length !== arrayLength(name, n, userCount)) {
      return fail(`a saved dataset's column "${name}" is missing or has the wrong type or length`);
    }
  }
  const dictionaries = Object.fromEntries(DICTIONARIES.map((d) => [d, unpackStrings(l[d] as PackedStrings)])) as Record<
    Dictionary,
    string[]
  >;
  const arrays = Object.fromEntries(LOG_ARRAY_NAMES.map((a) => [a, l[a]])) as LogArrays;
  const log: EventLog = { length: n, hasTime: l.hasTime, eventTypes: l.eventTypes as string[], ...dictionaries, ...arrays };
  const bad = checkIndices(log);
  if (bad) return fail(`a saved dataset is inconsistent: ${bad}`);
  let catalog: ItemCatalog | null = null;
  if (raw.catalog !== null && raw.catalog !== undefined) {
    const c = raw.catalog;
    if (
      !isObj(c) ||
      !isPacked(c.ids) ||
      !isPacked(c.title) ||
      !isPacked(c.description) ||
      !isPacked(c.category) ||
      !(c.price instanceof Float64Array)
    )
      return fail('a saved dataset has an invalid item catalog');
    const rows = c.ids.ends.length;
    if ([c.title, c.description, c.category].some((p) => p.ends.length !== rows) || c.price.length !== rows)
      return fail("a saved dataset's item catalog columns differ in length");
    catalog = {
      ids: unpackStrings(c.ids),
      title: unpackStrings(c.title),
      description: unpackStrings(c.description),
      category: unpackStrings(c.category),
      price: c.price,
    };
  }
  // The summary is recomputed from the verified log (linear, cheap): a stored one may be from an older version or edited.
  return ok({
    name: raw.name,
    log,
    catalog,
    summary: summarise(log),
    reports: raw.reports as IngestReport[],
    truth: isObj(raw.truth) ? (raw.truth as unknown as DemoTruth) : null,
  });
}

function checkIndices(log: EventLog): string | null {
  const { users, items, eventTypes, sessions } = log;
  for (let i = 0; i < log.length; i++) {
    if (log.user[i] >= users.length || log.item[i] >= items.length || log.event[i] >= eventTypes.length)
      return `event ${i} points outside its dictionaries`;
    if (log.session[i] < -1 || log.session[i] >= sessions.length) return `event ${i} has an unknown session`;
    if (log.seqOrder[i] >= log.length) return 'the per-user order points outside the log';
  }
  if (log.seqOffsets[0] !== 0 || log.seqOffsets[users.length] !== log.length) return 'the per-user offsets do not cover the log';
  for (let u = 0; u < users.length; u++) if (log.seqOffsets[u] > log.seqOffsets[u + 1]) return 'the per-user offsets are not increasing';
  return null;
}

/** Bytes of the typed arrays and packed strings (what dominates the stored size). */
export function columnBytes(c: StoredColumns): number {
  const views: ArrayBufferView[] = logArrays(c.log);
  const packed = [
    ...DICTIONARIES.map((d) => c.log[d]),
    ...(c.catalog ? [c.catalog.ids, c.catalog.title, c.catalog.description, c.catalog.category] : []),
  ];
  for (const p of packed) views.push(p.bytes, p.ends);
  if (c.catalog) views.push(c.catalog.price);
  return views.reduce((a, v) => a + v.byteLength, 0);
}
