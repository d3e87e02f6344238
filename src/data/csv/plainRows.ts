// Reads the plain start of an events file in WebAssembly (plainRows.wat), straight from its bytes into the builder's
// columns, and hands the rest of the file to the JS parser at the first row the module does not take. A row the
// module takes becomes exactly what the JS parser would have made of it (plainRows.test.ts compares the two on real
// and generated logs), so which parser read a row never shows. The module interns ids in its own table; each new one
// is appended to the builder's dictionary too, in the same order, so the two agree on every index and the JS parser
// can go on from any row.
import { fromBase64 } from '../../lib/base64';
import { throwIfAborted } from '../../lib/progress';
import type { EventLogBuilder } from '../eventLogBuilder';
import type { CatalogCollector } from './catalogCollector';
import type { ColumnMapping } from './columns';
import type { FileShape } from './reader';
import { PLAIN_ROWS_WASM } from './plainRowsWasm';
import { samplerHash, type UserSample } from './sampleUsers';

/** Byte offsets of the module's settings and counters (plainRows.wat reads them at these addresses). */
const CONFIG = {
  width: 0,
  crlf: 4,
  maxLineBytes: 8,
  kinds: 12,
  timeFormat: 16,
  outCap: 20,
  outRows: 24,
  out: 28, // user, item, event, time, value, session: 6 pointers
  tables: 52, // user, item, session: pointer, mask, count, limit each
  newIds: 100, // pointer, count, capacity
  labels: 112, // pointer, count
  held: 120, // the attributes held per item (CatalogCollector.held): pointer, capacity
  attributes: 128, // pointer, count, capacity, attributes per row
  lines: 144,
  blankLines: 148,
  status: 152,
  arg: 156, // two words
  implicitEvent: 168,
  hasEvent: 172,
  hasValue: 176,
  hasSession: 180,
  pool: 184, // pointer, bytes used, capacity
  sample: 196, // on, the seeded hash's start, the limit a kept user's hash is below, rows left out
  maxIdLength: 212,
} as const;
const CLASSES = 256;
const HEAP = 1024;
const enum Status {
  NeedInput = 0,
  OutputFull = 1,
  NewLabel = 2,
  TableFull = 3,
  Bail = 4,
  NewIdsFull = 5,
  AttributesFull = 6,
  HeldFull = 7,
  PoolFull = 8,
}
const KIND = { user: 1, item: 2, event: 3, time: 4, value: 5, session: 6 } as const;
const ATTRIBUTE_KIND = 8;
const TIME_FORMATS = { 'unix-s': 1, 'unix-ms': 2, iso: 3 } as const;
const MAX_ATTRIBUTES = 4;
const MAX_LABELS = 255;
/** Rows the module writes between two copies into the builder: its columns stay in cache. */
const OUT_ROWS = 8192;
const NEW_IDS = 4096;
/** The pool of ids too long for a table slot starts at this size and doubles. */
const POOL_BYTES = 1 << 16;
const ATTRIBUTE_ROWS = 4096;
/** The module's memory stays below 2 GiB, so that every address is a positive int32 on both sides. */
const MAX_MEMORY = 2 ** 31 - 65536;
/** Bytes read past a field by the module's 8- and 16-byte loads. */
const PAD = 16;

let compiled: Promise<WebAssembly.Module | null> | null = null;

/** The module, compiled once per thread; null where WebAssembly is missing or may not compile (a page's CSP). */
function plainRowsModule(): Promise<WebAssembly.Module | null> {
  compiled ??= (async () => {
    try {
      if (typeof WebAssembly !== 'object') return null;
      const bytes = fromBase64(PLAIN_ROWS_WASM);
      return await WebAssembly.compile(bytes);
    } catch {
      return null;
    }
  })();
  return compiled;
}

export interface PlainRowsTarget {
  builder: EventLogBuilder;
  collector: CatalogCollector;
  /** The event type of a raw label as the JS parser would give it, or −1 when it would reject the row. */
  eventOf(label: string): number;
  /** The mapped attribute columns, in the order the collector reads them. */
  attributeColumns: readonly number[];
  maxLineBytes: number;
  /** The longest id the JS parser accepts: a longer one is its to reject. */
  maxIdLength: number;
  /** Called after each chunk with the bytes read so far and the rows read so far (taken or sampled out). */
  onChunk(bytesRead: number, rows: number): void;
  signal?: AbortSignal;
  /** Bytes the module's memory may reach (default just under 2 GiB); tests set less to reach the hand-over. */
  maxMemory?: number;
  /** Sampling by users, as sampleUsers.ts's userSampler keeps them. */
  sample?: UserSample;
}

/** What the module read, and where the JS parser takes over. */
export interface PlainPrefix {
  /** The rest of the file (from the first row not taken), or null when the module read it all. */
  rest: AsyncIterable<Uint8Array> | null;
  /** Bytes consumed (BOM, header and the rows taken); 0 when the module took nothing and `rest` is the whole file. */
  bytes: number;
  /** Rows taken into the log. */
  rows: number;
  /** Rows of users that sampling left out (read, neither taken nor rejected). */
  sampledOut: number;
  /** Physical lines consumed, the header's included. */
  lines: number;
  blankLines: number;
  headerLines: number;
}

/** Whether the module can read this file at all: UTF-8 text with a one-byte delimiter and readable times. */
export function plainRowsApply(shape: FileShape, mapping: ColumnMapping, attributeColumns: readonly number[]): boolean {
  const { delimiter, newline } = shape.dialect;
  const d = delimiter.charCodeAt(0);
  return (
    shape.encoding === 'utf-8' &&
    shape.format !== 'parquet' &&
    delimiter.length === 1 &&
    d < 0x7f &&
    d !== 34 &&
    d !== 10 &&
    d !== 13 &&
    (newline === '\n' || newline === '\r\n') &&
    (mapping.roles.time === undefined || mapping.timeFormat !== null) &&
    attributeColumns.length <= MAX_ATTRIBUTES &&
    shape.width <= 4096
  );
}

/**
 * Reads rows from the start of `chunks` until one the module does not take. Returns null (having read nothing) where
 * WebAssembly is unavailable. `shape` must satisfy plainRowsApply.
 */
export async function readPlainPrefix(
  chunks: AsyncIterable<Uint8Array>,
  shape: FileShape,
  mapping: ColumnMapping,
  target: PlainRowsTarget,
): Promise<PlainPrefix | null> {
  const module = await plainRowsModule();
  if (!module) return null;
  const exports = (await WebAssembly.instantiate(module)).exports as {
    memory: WebAssembly.Memory;
    parse(pos: number, end: number, last: number): number;
    rehash(table: number, to: number, mask: number): void;
  };
  const memory = exports.memory;
  let top = HEAP;
  const maxMemory = target.maxMemory ?? MAX_MEMORY;
  let allocFailed = false;
  /** Whether the memory could grow to `bytes` (growing throws a RangeError when the engine cannot). */
  const grownTo = (bytes: number): boolean => {
    try {
      memory.grow(Math.ceil((bytes - memory.buffer.byteLength) / 65536));
      return true;
    } catch {
      return false;
    }
  };
  /**
   * A region of the module's memory, or −1 when the memory cannot grow to it (the tab's memory, or maxMemory): the
   * caller then hands the rest of the file to the JS parser, between rows, with nothing half done.
   */
  const alloc = (bytes: number): number => {
    const at = Math.ceil(top / 8) * 8;
    const end = at + bytes;
    if (end > maxMemory || (end > memory.buffer.byteLength && !grownTo(end))) {
      allocFailed = true;
      return -1;
    }
    top = end;
    return at;
  };
  // Views are made again after each allocation: growing the memory detaches the old ones.
  const i32 = () => new Int32Array(memory.buffer);
  const u8 = () => new Uint8Array(memory.buffer);
  const set = (at: number, value: number) => (i32()[at >> 2] = value);
  const get = (at: number) => i32()[at >> 2];

  const { roles } = mapping;
  const { delimiter, newline } = shape.dialect;
  const width = shape.width;
  const kinds = alloc(width);
  const kindOf = new Uint8Array(width);
  for (const [role, kind] of Object.entries(KIND)) {
    const c = roles[role as keyof typeof KIND];
    if (c !== undefined) kindOf[c] = kind;
  }
  target.attributeColumns.forEach((c, k) => (kindOf[c] = ATTRIBUTE_KIND + k));
  u8().set(kindOf, kinds);
  // Byte classes: 0 ordinary, 1 delimiter, 2 LF, 3 CR, 4 anything that leaves the row to the JS parser.
  const classes = new Uint8Array(256).fill(4);
  for (let b = 0x20; b < 0x7f; b++) classes[b] = 0;
  classes[34] = 4;
  classes[delimiter.charCodeAt(0)] = 1;
  classes[10] = 2;
  classes[13] = 3;
  u8().set(classes, CLASSES);

  set(CONFIG.width, width);
  set(CONFIG.crlf, newline === '\r\n' ? 1 : 0);
  set(CONFIG.maxLineBytes, target.maxLineBytes);
  set(CONFIG.maxIdLength, target.maxIdLength);
  set(CONFIG.kinds, kinds);
  set(CONFIG.timeFormat, roles.time === undefined ? 0 : TIME_FORMATS[mapping.timeFormat!]);
  set(CONFIG.hasEvent, roles.event === undefined ? 0 : 1);
  set(CONFIG.implicitEvent, roles.event === undefined ? target.eventOf(roles.value === undefined ? 'interaction' : 'rating') : 0);
  set(CONFIG.hasValue, roles.value === undefined ? 0 : 1);
  set(CONFIG.hasSession, roles.session === undefined ? 0 : 1);
  if (target.sample && target.sample.fraction < 1) {
    const { seed, limit } = samplerHash(target.sample);
    set(CONFIG.sample, 1);
    set(CONFIG.sample + 4, seed);
    set(CONFIG.sample + 8, limit);
  }
  const out = [4, 4, 1, 8, 4, 4].map((size) => alloc(size * OUT_ROWS));
  out.forEach((at, k) => set(CONFIG.out + 4 * k, at));
  set(CONFIG.outCap, OUT_ROWS);
  const setTable = (t: number, at: number, mask: number) => {
    const base = CONFIG.tables + 16 * t;
    set(base, at);
    set(base + 4, mask);
    // As the JS interner: at most three quarters full.
    set(base + 12, Math.floor((3 * (mask + 1)) / 4));
  };
  for (let t = 0; t < 3; t++) setTable(t, alloc(12 * 1024), 1023);
  set(CONFIG.newIds, alloc(12 * NEW_IDS));
  set(CONFIG.newIds + 8, NEW_IDS);
  set(CONFIG.labels, alloc(32 * MAX_LABELS));
  set(CONFIG.pool, alloc(POOL_BYTES));
  set(CONFIG.pool + 8, POOL_BYTES);
  const nAttributes = target.attributeColumns.length;
  set(CONFIG.attributes + 12, nAttributes);
  if (nAttributes) {
    set(CONFIG.attributes, alloc(36 * ATTRIBUTE_ROWS));
    set(CONFIG.attributes + 8, ATTRIBUTE_ROWS);
    set(CONFIG.held, alloc(65536));
    set(CONFIG.held + 4, 65536);
  }
  // Room for the settings, tables and lists, or no start in WebAssembly at all (nothing has been read yet).
  if (allocFailed) return null;

  const { builder, collector } = target;
  const dictionaries = [builder.users, builder.items, builder.sessions];
  // The module takes only ASCII, which Latin-1 decodes unit for unit.
  const latin1 = new TextDecoder('latin1');
  const ascii = (bytes: Uint8Array, from: number, to: number) => latin1.decode(bytes.subarray(from, to));
  const columns = {
    user: () => new Uint32Array(memory.buffer, out[0], OUT_ROWS),
    item: () => new Uint32Array(memory.buffer, out[1], OUT_ROWS),
    event: () => new Uint8Array(memory.buffer, out[2], OUT_ROWS),
    time: () => new Float64Array(memory.buffer, out[3], OUT_ROWS),
    value: () => new Float32Array(memory.buffer, out[4], OUT_ROWS),
    session: () => new Int32Array(memory.buffer, out[5], OUT_ROWS),
  };
  let rows = 0;
  /**
   * The strings of byte ranges of the input ([from, to) pairs at list[first + stride·k], k < count), decoded in one
   * call: each range is copied next to the others first, so that their common parent string holds nothing else (a
   * substring of 13 or more units is a view of its parent in V8, which it keeps alive). ASCII only, which Latin-1
   * reads byte for byte. One TextDecoder call a range was ~16% of a REES46-shaped parse, its garbage included.
   */
  let gather = 0,
    gatherSize = 0;
  const strings = (list: Int32Array, first: number, stride: number, count: number): string[] => {
    let total = 0;
    for (let k = 0, i = first; k < count; k++, i += stride) total += list[i + 1] - list[i];
    if (total > gatherSize) {
      const size = Math.max(total, 2 * gatherSize, 1 << 16);
      const at = alloc(size);
      if (at < 0) {
        // No room to gather them: one call a string, which needs none.
        const bytes = u8();
        return Array.from({ length: count }, (_, k) => ascii(bytes, list[first + stride * k], list[first + stride * k + 1]));
      }
      [gather, gatherSize] = [at, size];
    }
    const bytes = u8();
    for (let k = 0, i = first, at = gather; k < count; k++, i += stride) {
      bytes.copyWithin(at, list[i], list[i + 1]);
      at += list[i + 1] - list[i];
    }
    const all = latin1.decode(bytes.subarray(gather, gather + total));
    const out: string[] = new Array(count);
    for (let k = 0, i = first, at = 0; k < count; k++, i += stride) {
      const length = list[i + 1] - list[i];
      out[k] = all.substring(at, at + length);
      at += length;
    }
    return out;
  };
  /** Moves what the last call wrote (new ids, rows, attribute cells) out of the module's memory. */
  const flush = () => {
    const ids = get(CONFIG.newIds + 4);
    if (ids) {
      const list = new Int32Array(memory.buffer, get(CONFIG.newIds), 3 * ids).slice();
      const values = strings(list, 1, 3, ids);
      for (let k = 0; k < ids; k++) dictionaries[list[3 * k]].appendNew(values[k]);
      set(CONFIG.newIds + 4, 0);
    }
    const n = get(CONFIG.outRows);
    if (n) {
      builder.appendColumns(
        {
          user: columns.user(),
          item: columns.item(),
          event: columns.event(),
          time: columns.time(),
          value: columns.value(),
          session: columns.session(),
        },
        n,
      );
      rows += n;
      set(CONFIG.outRows, 0);
    }
    const records = get(CONFIG.attributes + 4);
    if (records) {
      const list = new Int32Array(memory.buffer, get(CONFIG.attributes), 9 * records).slice();
      const values = Array.from({ length: nAttributes }, (_, k) => strings(list, 1 + 2 * k, 9, records));
      const cells: string[] = new Array(nAttributes);
      const held = get(CONFIG.held);
      const bytes = u8();
      for (let r = 0; r < records; r++) {
        const item = list[9 * r];
        for (let k = 0; k < nAttributes; k++) cells[k] = values[k][r];
        collector.add(item, cells);
        bytes[held + item] = collector.held(item);
      }
      set(CONFIG.attributes + 4, 0);
    }
  };

  /** Moves a region (its pointer at config `at`, its capacity at `capacityAt`) to one twice as large; false if no room. */
  const doubled = (at: number, capacityAt: number, used: number): boolean => {
    const capacity = 2 * get(capacityAt);
    const to = alloc(capacity);
    if (to < 0) return false;
    u8().copyWithin(to, get(at), get(at) + used);
    set(at, to);
    set(capacityAt, capacity);
    return true;
  };

  const iterator = chunks[Symbol.asyncIterator]();
  let input = 0,
    inputSize = 0;
  let carry: Uint8Array = new Uint8Array(0);
  let consumed = 0,
    bytesRead = 0,
    headerLines = 0;
  let first = true;
  let next = await iterator.next();
  /** The rest of the file: the bytes the module left, the chunk already fetched after them, then those not yet read. */
  const restFrom = (left: Uint8Array, fetched: IteratorResult<Uint8Array>): AsyncIterable<Uint8Array> => ({
    async *[Symbol.asyncIterator]() {
      if (left.length) yield left;
      if (fetched.done) return;
      yield fetched.value;
      for (let step = await iterator.next(); !step.done; step = await iterator.next()) yield step.value;
    },
  });
  const prefix = (rest: AsyncIterable<Uint8Array> | null): PlainPrefix => ({
    rest,
    bytes: consumed,
    rows,
    sampledOut: get(CONFIG.sample + 12),
    lines: headerLines + get(CONFIG.lines),
    blankLines: get(CONFIG.blankLines),
    headerLines,
  });

  while (!next.done) {
    throwIfAborted(target.signal);
    const chunk = next.value;
    bytesRead += chunk.length;
    const following = await iterator.next();
    const last = following.done === true;
    const length = carry.length + chunk.length;
    if (length + PAD > inputSize) {
      inputSize = Math.max(length + PAD, 2 * inputSize);
      input = alloc(inputSize);
      if (input < 0) {
        const left = new Uint8Array(length);
        left.set(carry);
        left.set(chunk, carry.length);
        return prefix(restFrom(left, following));
      }
    }
    let bytes = u8();
    bytes.set(carry, input);
    bytes.set(chunk, input + carry.length);
    bytes.fill(0, input + length, input + length + PAD);
    let pos = input;
    const end = input + length;
    if (first) {
      first = false;
      const start = startOfRows(bytes, input, end, shape, target.maxLineBytes);
      if (start < 0) {
        // The header is not one the module reads (quoted, blank before it, longer than the first chunk): all to JS.
        return prefix(restFrom(chunk, following));
      }
      headerLines = shape.dialect.hasHeader ? 1 : 0;
      consumed += start - input;
      pos = start;
    }
    /** The rest of the file, from the row the module stopped at, to the JS parser. */
    const handOver = () => prefix(restFrom(u8().slice(pos, end), following));
    for (;;) {
      const stopped = exports.parse(pos, end, last ? 1 : 0);
      consumed += stopped - pos;
      pos = stopped;
      flush();
      bytes = u8();
      const status = get(CONFIG.status) as Status;
      if (status === Status.NeedInput) break;
      if (status === Status.TableFull) {
        const t = get(CONFIG.arg);
        const mask = 2 * get(CONFIG.tables + 16 * t + 4) + 1;
        const to = alloc(12 * (mask + 1));
        if (to < 0) return handOver();
        exports.rehash(t, to, mask);
        setTable(t, to, mask);
      } else if (status === Status.HeldFull) {
        if (!doubled(CONFIG.held, CONFIG.held + 4, get(CONFIG.held + 4))) return handOver();
      } else if (status === Status.PoolFull) {
        if (!doubled(CONFIG.pool, CONFIG.pool + 8, get(CONFIG.pool + 4))) return handOver();
      } else if (status === Status.NewLabel) {
        const from = get(CONFIG.arg),
          to = get(CONFIG.arg + 4);
        const labels = get(CONFIG.labels + 4);
        const event = to - from <= 16 && labels < MAX_LABELS ? target.eventOf(ascii(bytes, from, to)) : -1;
        if (event < 0) return handOver();
        const entry = get(CONFIG.labels) + 32 * labels;
        set(entry, to - from);
        bytes.fill(0, entry + 8, entry + 24);
        bytes.copyWithin(entry + 8, from, to);
        set(entry + 24, event);
        set(CONFIG.labels + 4, labels + 1);
      } else if (status === Status.Bail) return handOver();
      // OutputFull, NewIdsFull, AttributesFull: flushed above, so the parse goes on.
    }
    carry = bytes.slice(pos, end);
    target.onChunk(bytesRead, rows + get(CONFIG.sample + 12));
    // A line longer than the limit is the JS parser's to reject.
    if (carry.length > target.maxLineBytes) return prefix(restFrom(carry, following));
    next = following;
  }
  return prefix(null);
}

/**
 * Where the data rows start in the file's first bytes: after a UTF-8 BOM and the header line, if any. −1 when the
 * module should not read this file's start: a blank line or a quote before the header ends, or no header line break
 * in the first chunk.
 */
function startOfRows(bytes: Uint8Array, from: number, end: number, shape: FileShape, maxLineBytes: number): number {
  let at = from;
  if (!shape.midFile && end - at >= 3 && bytes[at] === 0xef && bytes[at + 1] === 0xbb && bytes[at + 2] === 0xbf) at += 3;
  if (!shape.dialect.hasHeader) return at;
  const found = bytes.subarray(at, end).indexOf(10);
  const lf = at + found;
  if (found < 0 || lf === at || lf - at > maxLineBytes) return -1;
  if (shape.dialect.newline === '\r\n' && (lf === at + 1 || bytes[lf - 1] !== 13)) return -1;
  if (bytes.subarray(at, lf).includes(34)) return -1;
  return lf + 1;
}
