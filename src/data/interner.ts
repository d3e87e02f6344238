// Gives each distinct string a dense id (0, 1, 2 … in order of first sight), straight from a range of a larger text.
//
// Ingestion looks up two or three ids per row. With a Map<string, number>, each lookup first cuts a new string out of
// the chunk and then hashes it, and those millions of short-lived strings keep the garbage collector busy: together
// about 60% of parse time on a 2M-row log (measured with --cpu-prof). Hashing the characters in place and comparing
// against a stored copy allocates a string only for an id never seen before.
//
// Once a log has ~100,000 ids the table is out of cache and a lookup costs its cache misses, not its instructions.
// Short ids (at most INLINE_UNITS code units, each below 256: "u12345", an ml-100k id) are therefore kept packed in
// their hash-table slot, so that a lookup reads one cache line rather than the slot and then a pool: 35–45% less time
// per lookup on bench:ingest's ids (100,000 users, 20,000 items). Longer or wider ids go to the pool. Slots of 12
// bytes (no hash kept) filled to three quarters rather than 16 bytes filled to half: ~8% more rows/s on that file.
//
// Logs from shops mostly number their users and items (REES46: 9-digit users, 8-digit products), too long to pack as
// units. A decimal of 8–15 digits without a leading zero is therefore packed as its value, which it names exactly, and
// it stays in its slot too; "0123…" is not such a decimal and goes to the pool, so it and "123…" stay apart. On a
// generated 2M-row log with 9-digit users and 7–8-digit items, Node's loadEvents went from 1.19 M to 1.83 M rows/s
// (medians of 6 alternated pairs).

const FNV_OFFSET = 0x811c9dc5 | 0;
const FNV_PRIME = 16777619;
/**
 * Int32s per hash-table slot: id + 1 (0 = empty), then two words. A short id: its code units packed a byte each
 * (units 0–3 in the first word, 4–6 in the second) and its length in the second word's top byte — the id itself, so
 * no hash is kept. A decimal id (see above): its value's low 32 bits, then DECIMAL_TAG with the bits above (a top byte
 * no length has). Any other id: its start in the pool, then ~length (negative, so it never equals a packed id's word).
 * 12 bytes a slot: the table of 20,000 items fits a 512 KiB L2 cache.
 */
const SLOT = 3;
/** Longest id kept inside its slot as its units. */
export const INLINE_UNITS = 7;
/** Longest decimal kept inside its slot as its value: 15 digits are below 2^53, so every such value is exact. */
export const INLINE_DIGITS = 15;
const DECIMAL_TAG = 0x10 << 24;
const TWO_32 = 2 ** 32;

/** FNV-1a over UTF-16 code units of text[from, to). */
export function hashRange(text: string, from: number, to: number): number {
  let h = FNV_OFFSET;
  for (let i = from; i < to; i++) h = Math.imul(h ^ text.charCodeAt(i), FNV_PRIME);
  return h;
}

/**
 * The hash of a short id, from its packed words (see SLOT; the length is in the second): two multiplies rather than
 * FNV's chain of one per unit, each waiting for the one before. Node's loadEvents on bench:ingest's 2M-row file went
 * from 1.84–1.90 M to 2.16–2.19 M rows/s (medians of two runs of 8 alternated pairs); in a Chromium worker no
 * change was measured. interner.test.ts checks it spreads ids as a random function would.
 */
export function packedHash(low: number, high: number): number {
  let h = Math.imul(low ^ FNV_OFFSET, 0x9e3779b1);
  h = Math.imul(h ^ (h >>> 15) ^ high, 0x85ebca77);
  return h ^ (h >>> 13);
}

/**
 * The table's hash of a pooled id: MurmurHash3 (x86, 32-bit) over its units taken two a step. Each pair is mixed
 * before it joins the chain, so the chain waits only for a rotate and a multiply by 5 a step, where FNV waited for a
 * multiply a unit; and a change in one step cannot be cancelled by a change in the next (interner.test.ts builds such
 * pairs, which an earlier two-chain hash collided on). With the hashes kept in the pool for the rehash, Node's
 * loadEvents read a generated REES46-shaped log (1M rows, 36-character session ids) at 0.49 M rows/s instead of FNV's
 * 0.44 M (4 alternated pairs); this hash against the two-chain one: 0.45 against 0.43 M (5 pairs).
 * (hashRange stays FNV: checkpoints record it.)
 */
export function longHash(text: string, from: number, to: number): number {
  let h = FNV_OFFSET,
    i = from;
  for (; i + 1 < to; i += 2) {
    h ^= murmurWord(text.charCodeAt(i) | (text.charCodeAt(i + 1) << 16));
    h = (h << 13) | (h >>> 19);
    h = (Math.imul(h, 5) + 0xe6546b64) | 0;
  }
  if (i < to) h ^= murmurWord(text.charCodeAt(i));
  h ^= to - from;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return h ^ (h >>> 16);
}

/** One word of MurmurHash3's input, mixed before it joins the chain. */
function murmurWord(k: number): number {
  k = Math.imul(k, 0xcc9e2d51);
  return Math.imul((k << 15) | (k >>> 17), 0x1b873593);
}

const SCRATCH = new Uint16Array(256);

/**
 * text[from, to) as a string of its own. V8 makes a substring of 13 or more units a view of its parent, and an id
 * kept as such a view keeps the whole chunk it came from alive: a REES46-shaped log, whose 36-character session ids
 * are new all through the file, held its whole text (164 MB of heap after loading 1M rows from 138 MB) until the
 * copy. Only new ids are copied, once each.
 */
export function ownCopy(text: string, from: number, to: number): string {
  const len = to - from;
  if (len < 13 || (from === 0 && to === text.length)) return text.substring(from, to);
  // fromCharCode takes its units as arguments: pieces of a size any engine's stack allows, joined.
  if (len > 8192) {
    let out = '';
    for (let k = from; k < to; k += 8192) out += ownCopy(text, k, Math.min(to, k + 8192));
    return out;
  }
  const units = len <= SCRATCH.length ? SCRATCH : new Uint16Array(len);
  for (let k = 0; k < len; k++) units[k] = text.charCodeAt(from + k);
  return String.fromCharCode.apply(null, units.subarray(0, len) as unknown as number[]);
}

export class StringInterner {
  /** Every distinct string, indexed by id. */
  readonly values: string[] = [];
  private mask = 1023;
  private table = new Int32Array(SLOT * (this.mask + 1));
  /** The code units of every id not kept in its slot, end to end. */
  private pool = new Uint16Array(1024);
  private poolUsed = 0;
  /** The packed words of the short id last looked up (for insert). */
  private low = 0;
  private high = 0;

  /** How many of `values` are in the table; the rest were appended by appendNew and are indexed at the next lookup. */
  private indexed = 0;

  get size(): number {
    return this.values.length;
  }

  /**
   * Appends a string known to be new, without indexing it until a lookup needs it: the WebAssembly start of ingestion
   * (plainRows.ts) has told its ids apart already, and most files are read to the end without a lookup in JS.
   */
  appendNew(value: string): void {
    this.values.push(value);
  }

  /** The id of a whole string. */
  id(value: string): number {
    return this.idOfRange(value, 0, value.length);
  }

  /** The id of text[from, to), added if new. */
  idOfRange(text: string, from: number, to: number): number {
    if (this.indexed !== this.values.length) this.indexAppended();
    const len = to - from;
    if (len > INLINE_UNITS) return len <= INLINE_DIGITS ? this.idOfDecimal(text, from, to) : this.idOfLong(text, from, to);
    let wide = 0,
      low = 0,
      high = len << 24;
    for (let i = 0; i < len; i++) {
      const c = text.charCodeAt(from + i);
      wide |= c;
      if (i < 4) low |= c << (i << 3);
      else high |= c << ((i - 4) << 3);
    }
    if (wide > 255) return this.idOfLong(text, from, to);
    return this.idOfPacked(text, from, to, low, high);
  }

  /** The id of a range of 8–15 units: packed as its value when it is a decimal without a leading zero, else pooled. */
  private idOfDecimal(text: string, from: number, to: number): number {
    if (text.charCodeAt(from) === 48) return this.idOfLong(text, from, to);
    let value = 0;
    for (let i = from; i < to; i++) {
      const d = text.charCodeAt(i) - 48;
      if (d < 0 || d > 9) return this.idOfLong(text, from, to);
      value = value * 10 + d;
    }
    const above = Math.floor(value / TWO_32);
    return this.idOfPacked(text, from, to, (value - above * TWO_32) | 0, DECIMAL_TAG | above);
  }

  /** The id of a range packed into two words (a short id's units or a decimal's value), looked up in its slot. */
  private idOfPacked(text: string, from: number, to: number, low: number, high: number): number {
    const { table, mask } = this;
    let slot = packedHash(low, high) & mask;
    for (;;) {
      const at = SLOT * slot;
      const idPlus1 = table[at];
      if (idPlus1 === 0) {
        this.low = low;
        this.high = high;
        return this.insert(text, from, to, at, true);
      }
      if (table[at + 1] === low && table[at + 2] === high) return idPlus1 - 1;
      slot = (slot + 1) & mask;
    }
  }

  /** The id of a range too long or too wide for its slot: compared against the pool. */
  private idOfLong(text: string, from: number, to: number): number {
    const h = longHash(text, from, to);
    const lenWord = ~(to - from);
    const { table, mask, pool } = this;
    let slot = h & mask;
    for (;;) {
      const at = SLOT * slot;
      const idPlus1 = table[at];
      if (idPlus1 === 0) return this.insert(text, from, to, at, false, h);
      if (table[at + 2] === lenWord) {
        const start = table[at + 1];
        let k = from;
        while (k < to && pool[start + k - from] === text.charCodeAt(k)) k++;
        if (k === to) return idPlus1 - 1;
      }
      slot = (slot + 1) & mask;
    }
  }

  /** Puts the strings appended by appendNew into the table, in order, so that each keeps its id. */
  private indexAppended(): void {
    const appended = this.values.splice(this.indexed);
    for (const value of appended) this.idOfRange(value, 0, value.length);
  }

  /** Adds text[from, to) at slot `at`: packed (its words in low and high), or pooled with its hash `pooledHash`. */
  private insert(text: string, from: number, to: number, at: number, inline: boolean, pooledHash = 0): number {
    const id = this.values.length;
    const len = to - from;
    this.values.push(ownCopy(text, from, to));
    this.indexed = this.values.length;
    const t = this.table;
    t[at] = id + 1;
    if (inline) {
      t[at + 1] = this.low;
      t[at + 2] = this.high;
    } else {
      // The id's hash (two units) then its units: the rehash reads the hash back rather than hashing the id again.
      const start = this.poolUsed + 2;
      if (start + len > this.pool.length) {
        const pool = new Uint16Array(Math.max(2 * this.pool.length, start + len));
        pool.set(this.pool);
        this.pool = pool;
      }
      const pool = this.pool;
      pool[start - 2] = pooledHash & 0xffff;
      pool[start - 1] = pooledHash >>> 16;
      for (let k = 0; k < len; k++) pool[start + k] = text.charCodeAt(from + k);
      this.poolUsed = start + len;
      t[at + 1] = start;
      t[at + 2] = ~len;
    }
    // Linear probing stays short while the table is at most three quarters full.
    if (4 * this.values.length > 3 * this.mask) this.rehash();
    return id;
  }

  /**
   * Doubles the table; slots keep no hash, so each id's is computed again: a short id's from the units packed in its
   * slot (reading each id's string instead, scattered over the heap, was ~5% of bench:ingest's parse); a pooled one's
   * is read from the pool, where it was kept (hashing 200,000 session ids again at each doubling was a sixth of a
   * REES46-shaped log's parse).
   */
  private rehash(): void {
    const old = this.table;
    this.mask = 2 * this.mask + 1;
    const table = new Int32Array(SLOT * (this.mask + 1));
    for (let at = 0; at < old.length; at += SLOT) {
      if (old[at] === 0) continue;
      const high = old[at + 2];
      let slot: number;
      if (high >= 0) slot = packedHash(old[at + 1], high) & this.mask;
      else {
        const start = old[at + 1];
        slot = (this.pool[start - 2] | (this.pool[start - 1] << 16)) & this.mask;
      }
      while (table[SLOT * slot] !== 0) slot = (slot + 1) & this.mask;
      // Three stores, not a set() of a subarray: that allocated a view per id.
      const to = SLOT * slot;
      table[to] = old[at];
      table[to + 1] = old[at + 1];
      table[to + 2] = high;
    }
    this.table = table;
  }
}
