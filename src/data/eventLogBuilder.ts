// Accumulates validated events into growable typed arrays and freezes them into an EventLog.
import type { EventLog } from './eventLog';
import { allocateEventColumns, EVENT_COLUMN_NAMES, mapEventColumns, type ColumnArray, type EventColumns } from './eventLogSchema';
import { normaliseEventType } from './eventTypes';
import { StringInterner } from './interner';

function grow<T extends ColumnArray>(a: T, size: number): T {
  const Ctor = a.constructor as new (n: number) => T;
  const b = new Ctor(size);
  b.set(a);
  return b;
}

export interface RawEvent {
  user: string;
  item: string;
  /** Raw behavior label; normalised on add. */
  event: string;
  /** Unix seconds, or NaN when the log has no time column. */
  time: number;
  value: number;
  session?: string;
}

/** The rows a builder holds, with its own dictionaries: what a worker parsing one part of a file hands back. */
export interface BuilderPart extends EventColumns {
  n: number;
  users: string[];
  items: string[];
  events: string[];
  sessions: string[];
  anyTime: boolean;
}

export class EventLogBuilder {
  private n = 0;
  private cap = 1024;
  private cols: EventColumns = allocateEventColumns(this.cap);
  /** Id dictionaries; the ingestion hot path interns ranges of its text into them directly. */
  readonly users = new StringInterner();
  readonly items = new StringInterner();
  readonly sessions = new StringInterner();
  private readonly events = new StringInterner();
  private readonly rawEventCache = new Map<string, number>();
  private anyTime = false;
  /** Rows handed over by a single part (exactly sized): build() takes them instead of copying them again. */
  private adopted = false;
  private lastUser: string | null = null;
  private lastUserId = 0;

  get length(): number {
    return this.n;
  }

  /** Normalised event type index for a raw label; -1 for a blank label or when 255 types are already in use. */
  eventIndex(raw: string): number {
    let e = this.rawEventCache.get(raw);
    if (e === undefined) {
      const name = normaliseEventType(raw);
      e = name === '' ? -1 : this.events.values.includes(name) || this.events.values.length < 255 ? this.events.id(name) : -1;
      this.rawEventCache.set(raw, e);
    }
    return e;
  }

  add(ev: RawEvent): void {
    const e = this.eventIndex(ev.event);
    if (e < 0) throw new Error('more than 255 distinct event types');
    this.addRow(ev.user, ev.item, e, ev.time, ev.value, ev.session);
  }

  /**
   * Room for `rows` rows at once, so a file whose row count is estimated up front does not grow by doubling (which
   * holds up to twice the rows, and briefly three times while copying).
   */
  reserve(rows: number): void {
    if (rows > this.cap) this.resize(Math.ceil(rows));
  }

  private resize(cap: number): void {
    this.cap = cap;
    this.cols = mapEventColumns(this.cols, (a) => grow(a, cap));
  }

  /** The hot path of ingestion: no object per row. Returns the item's index. */
  addRow(user: string, item: string, event: number, time: number, value: number, session: string | undefined): number {
    // Logs are often grouped by user: skip the dictionary lookup when the user repeats.
    if (user !== this.lastUser) {
      this.lastUser = user;
      this.lastUserId = this.users.id(user);
    }
    const itemId = this.items.id(item);
    this.addIndexed(this.lastUserId, itemId, event, time, value, session === undefined || session === '' ? -1 : this.sessions.id(session));
    return itemId;
  }

  /** Appends a row whose ids are already dictionary indices of this builder. */
  addIndexed(user: number, item: number, event: number, time: number, value: number, session: number): void {
    if (this.n === this.cap) this.resize(Math.max(1024, 2 * this.cap));
    const i = this.n++;
    const c = this.cols;
    c.user[i] = user;
    c.item[i] = item;
    c.event[i] = event;
    c.time[i] = time;
    if (time === time) this.anyTime = true;
    c.value[i] = value;
    c.session[i] = session;
  }

  /** Appends the first `n` rows of columns whose ids are already dictionary indices of this builder. */
  appendColumns(cols: EventColumns, n: number): void {
    if (this.n + n > this.cap) this.resize(Math.max(1024, 2 * this.cap, this.n + n));
    const at = this.n;
    for (const name of EVENT_COLUMN_NAMES) this.cols[name].set(cols[name].subarray(0, n) as never, at);
    for (let i = 0; i < n && !this.anyTime; i++) if (cols.time[i] === cols.time[i]) this.anyTime = true;
    this.n += n;
  }

  /** The rows so far, trimmed, with the dictionaries (for merging parts parsed in parallel). */
  snapshot(): BuilderPart {
    const n = this.n;
    // Nearly full columns (reserved from an estimate) are handed over as views instead of copied: a copy would hold
    // the rows twice at the peak; a view keeps at most a tenth of slack. The builder must not be added to afterwards.
    const cut = <T extends ColumnArray>(a: T): T => (n >= 0.9 * this.cap ? (a.subarray(0, n) as T) : (a.slice(0, n) as T));
    return {
      n,
      ...mapEventColumns(this.cols, cut),
      users: this.users.values,
      items: this.items.values,
      events: this.events.values,
      sessions: this.sessions.values,
      anyTime: this.anyTime,
    };
  }

  /** One builder from parts in file order: ids are renumbered into shared dictionaries, rows keep their order. */
  static fromParts(parts: readonly BuilderPart[]): EventLogBuilder {
    const b = new EventLogBuilder();
    if (parts.length === 1) return b.adopt(parts[0]);
    b.reserve(parts.reduce((sum, p) => sum + p.n, 0));
    for (const p of parts) {
      const users = p.users.map((u) => b.users.id(u));
      const items = p.items.map((i) => b.items.id(i));
      const events = p.events.map((e) => b.events.id(e));
      const sessions = p.sessions.map((x) => b.sessions.id(x));
      for (let i = 0; i < p.n; i++) {
        b.addIndexed(
          users[p.user[i]],
          items[p.item[i]],
          events[p.event[i]],
          p.time[i],
          p.value[i],
          p.session[i] < 0 ? -1 : sessions[p.session[i]],
        );
      }
    }
    b.anyTime = parts.some((p) => p.anyTime);
    // Sized exactly by reserve and owned by this builder alone.
    b.adopted = b.n === b.cap;
    return b;
  }

  /** Takes over a single part's rows and dictionaries as they are (nothing to renumber). */
  private adopt(p: BuilderPart): EventLogBuilder {
    // A part's dictionaries came out of interners, so their strings are distinct: appended, indexed only if looked up.
    for (const u of p.users) this.users.appendNew(u);
    for (const i of p.items) this.items.appendNew(i);
    for (const e of p.events) this.events.id(e);
    for (const x of p.sessions) this.sessions.appendNew(x);
    this.n = this.cap = p.n;
    this.cols = mapEventColumns(p, (a) => a);
    this.anyTime = p.anyTime;
    this.adopted = true;
    return this;
  }

  build(): EventLog {
    const n = this.n;
    // An adopted part's columns are exactly sized and owned by nobody else: use them as they are (a 5M-row log
    // would otherwise be held twice in the worker while it is built). The builder is spent afterwards.
    const own = <T extends ColumnArray>(a: T): T => (this.adopted && a.length === n ? a : (a.slice(0, n) as T));
    const cols = mapEventColumns(this.cols, own);
    const { time, user } = cols;
    // Logs without timestamps (BERT4Rec's files) are ordered by row: the row index stands in for time.
    if (!this.anyTime) for (let i = 0; i < n; i++) time[i] = i;
    const nUsers = this.users.values.length;
    const seqOffsets = new Uint32Array(nUsers + 1);
    for (let i = 0; i < n; i++) seqOffsets[user[i] + 1]++;
    for (let u = 0; u < nUsers; u++) seqOffsets[u + 1] += seqOffsets[u];
    const cursor = seqOffsets.slice(0, nUsers);
    const seqOrder = new Uint32Array(n);
    // A user's rows go into seqOrder in row order, so whether they are in time order is seen here, comparing each
    // row's time with the user's previous one: reading the times in row order, rather than through seqOrder afterwards
    // (a random gather over the whole time column, ~6% of ingestion on a 2M-row log).
    const previousTime = new Float64Array(nUsers).fill(-Infinity);
    const unsorted = new Uint8Array(nUsers);
    for (let i = 0; i < n; i++) {
      const u = user[i],
        t = time[i];
      seqOrder[cursor[u]++] = i;
      if (t < previousTime[u]) unsorted[u] = 1;
      previousTime[u] = t;
    }
    for (let u = 0; u < nUsers; u++) {
      if (!unsorted[u]) continue;
      const seq = seqOrder.subarray(seqOffsets[u], seqOffsets[u + 1]);
      const sorted = Array.from(seq).sort((a, b) => time[a] - time[b] || a - b);
      seq.set(sorted);
    }
    return {
      length: n,
      users: this.users.values,
      items: this.items.values,
      eventTypes: this.events.values,
      ...cols,
      sessions: this.sessions.values,
      hasTime: this.anyTime,
      seqOffsets,
      seqOrder,
    };
  }
}
