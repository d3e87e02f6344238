// The columnar event log: dictionary-encoded ids in typed arrays (listed in eventLogSchema.ts), plus per-user
// time-ordered sequences.
import type { UserIdx } from '../lib/ids';
import type { LogArrays } from './eventLogSchema';
import { distinctNames } from './itemNames';

/**
 * One entry per event in each column of EVENT_COLUMNS (row order as loaded); `seqOffsets`/`seqOrder` are the CSR
 * index of per-user sequences: events of user u are seqOrder[seqOffsets[u] .. seqOffsets[u+1]), by time then row.
 */
export interface EventLog extends Readonly<LogArrays> {
  readonly length: number;
  /** Dictionaries: index → original id / normalised event type / session id. */
  readonly users: readonly string[];
  readonly items: readonly string[];
  readonly eventTypes: readonly string[];
  readonly sessions: readonly string[];
  readonly hasTime: boolean;
}

/** Item catalog rows (optional file): text fields are plain strings and are only ever rendered as text. */
export interface ItemCatalog {
  readonly ids: readonly string[];
  readonly title: readonly string[];
  readonly description: readonly string[];
  readonly category: readonly string[];
  /** Brand per row where the file maps a brand column ('' when a row has none); older catalogs lack it. */
  readonly brand?: readonly string[];
  /** NaN when unknown. */
  readonly price: Float64Array;
}

/** Event row indices of one user, in time order. */
export function userEvents(log: EventLog, user: UserIdx): Uint32Array {
  return log.seqOrder.subarray(log.seqOffsets[user], log.seqOffsets[user + 1]);
}

/** Map from log item index to catalog row (-1 when the catalog lacks it). */
export function catalogRows(log: EventLog, catalog: ItemCatalog | null): Int32Array {
  return catalogRowsOf(log.items, catalog);
}

/** Catalog row of each item id (a log's, or a checkpoint's item list), -1 when the catalog lacks it. */
export function catalogRowsOf(items: readonly string[], catalog: ItemCatalog | null): Int32Array {
  const rows = new Int32Array(items.length).fill(-1);
  if (!catalog) return rows;
  const byId = new Map<string, number>();
  catalog.ids.forEach((id, i) => byId.set(id, i));
  items.forEach((id, i) => {
    const r = byId.get(id);
    if (r !== undefined) rows[i] = r;
  });
  return rows;
}

/** Per log item: title (catalog title, else the id), category (or null) and the text a model embeds. */
export interface ItemLabels {
  titles: string[];
  /** What the UI and reasons call each item: its title, with the id after it where another item has the same title. */
  names: string[];
  categories: (string | null)[];
  texts: string[];
}

export function itemLabels(log: EventLog, catalog: ItemCatalog | null): ItemLabels {
  const rows = catalogRows(log, catalog);
  const at = <T>(i: number, pick: (r: number) => T | undefined, fallback: T): T => (rows[i] >= 0 ? pick(rows[i]) || fallback : fallback);
  const titles = log.items.map((id, i) => at(i, (r) => catalog!.title[r], id));
  return {
    titles,
    names: distinctNames(titles, log.items),
    categories: log.items.map((_, i) => at<string | null>(i, (r) => catalog!.category[r], null)),
    texts: log.items.map((id, i) =>
      rows[i] >= 0
        ? [catalog!.title[rows[i]], catalog!.category[rows[i]], catalog!.description[rows[i]]].filter(Boolean).join('. ') || id
        : id,
    ),
  };
}
