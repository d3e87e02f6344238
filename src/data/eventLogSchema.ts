// The event log's columns, listed once: the builder allocates them, the wire format transfers them, IndexedDB stores
// them in pieces and the workspace file encodes them, all by reading these tables. A new column role is a line here
// plus its mapping in the parser (data/csv/columns.ts).

/** Per-event columns a parser fills, one entry per row, with their typed-array types. */
export const EVENT_COLUMNS = {
  user: Uint32Array,
  item: Uint32Array,
  event: Uint8Array,
  /** Unix seconds; the row position when the log has no time column. */
  time: Float64Array,
  /** Rating or other numeric value; NaN when absent. */
  value: Float32Array,
  /** Session index, -1 when unknown. */
  session: Int32Array,
} as const;

/** Columns the builder derives: the CSR index of per-user, time-ordered sequences. */
export const INDEX_COLUMNS = {
  /** Per user (users + 1 entries). */
  seqOffsets: Uint32Array,
  /** Per event. */
  seqOrder: Uint32Array,
} as const;

/** String dictionaries (index → id) that travel and are stored packed; event types stay a short plain array. */
export const DICTIONARIES = ['users', 'items', 'sessions'] as const;

export type EventColumn = keyof typeof EVENT_COLUMNS;
export type IndexColumn = keyof typeof INDEX_COLUMNS;
export type LogArray = EventColumn | IndexColumn;
export type Dictionary = (typeof DICTIONARIES)[number];

export const EVENT_COLUMN_NAMES = Object.keys(EVENT_COLUMNS) as EventColumn[];
export const LOG_ARRAYS = { ...EVENT_COLUMNS, ...INDEX_COLUMNS } as const;
export const LOG_ARRAY_NAMES = Object.keys(LOG_ARRAYS) as LogArray[];

/** The array a constructor makes, over any buffer (a transferred or viewed one too). */
type ArrayOf<C> = C extends Uint8ArrayConstructor
  ? Uint8Array
  : C extends Uint32ArrayConstructor
    ? Uint32Array
    : C extends Int32ArrayConstructor
      ? Int32Array
      : C extends Float32ArrayConstructor
        ? Float32Array
        : C extends Float64ArrayConstructor
          ? Float64Array
          : never;
/** Arrays with one entry per event (stored in pieces); the rest (seqOffsets) has one per user plus one. */
export const PER_EVENT_ARRAYS: readonly LogArray[] = [...EVENT_COLUMN_NAMES, 'seqOrder'];

/** How long a log array must be in a log of `events` events and `users` users. */
export const arrayLength = (name: LogArray, events: number, users: number): number => (name === 'seqOffsets' ? users + 1 : events);

export type EventColumns = { [K in EventColumn]: ArrayOf<(typeof EVENT_COLUMNS)[K]> };
export type LogArrays = { [K in LogArray]: ArrayOf<(typeof LOG_ARRAYS)[K]> };
export type ColumnArray = LogArrays[LogArray];

/** Fresh zeroed columns for `rows` events. */
export function allocateEventColumns(rows: number): EventColumns {
  return Object.fromEntries(EVENT_COLUMN_NAMES.map((c) => [c, new EVENT_COLUMNS[c](rows)])) as EventColumns;
}

/** Each event column through `f` (resize, trim, adopt), in schema order. */
export function mapEventColumns(cols: EventColumns, f: <T extends ColumnArray>(a: T, name: EventColumn) => T): EventColumns {
  return Object.fromEntries(EVENT_COLUMN_NAMES.map((c) => [c, f(cols[c], c)])) as EventColumns;
}

/** Every typed array of a log (per-event and index columns), in schema order: what is transferred or stored. */
export function logArrays(log: LogArrays): ColumnArray[] {
  return LOG_ARRAY_NAMES.map((c) => log[c]);
}
