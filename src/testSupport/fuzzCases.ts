// Test-only: fast-check generators of malformed and hostile log files for the ingestion fuzz suite (fuzz.test.ts).
import fc from 'fast-check';

const enc = new TextEncoder();
export const utf8 = (s: string): Uint8Array => enc.encode(s);
const concat = (...parts: Uint8Array[]): Uint8Array => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
};
const latin1 = (s: string): Uint8Array => Uint8Array.from([...s].map((c) => c.charCodeAt(0) & 0xff));

/** A generated file: its bytes, what it is meant to exercise, and how the test source chunks it. */
export interface FuzzFile {
  kind: string;
  bytes: Uint8Array;
  chunk: number;
  /** Reader limits to load it with (defaults otherwise), so that small files can reach them. */
  maxLineBytes?: number;
  maxQuotedLines?: number;
  /** What the file must give, where its generator knows: rows rejected (exactly, or at most), and by which reasons. */
  expect?: { maxRejected?: number; reasons?: readonly string[]; tooLong?: number; encoding?: string };
}

// Ids: a small pool (so users repeat and duplicates happen) plus hostile ones.
const goodId = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom('u1', 'u2', 'u3', '42', '7', 'item-9', 'ü4', '用户5', 'A B') },
  {
    weight: 3,
    arbitrary: fc.string({ unit: fc.constantFrom('a', 'Z', '0', '9', '-', '_', '.', 'é', '中', '😀'), minLength: 1, maxLength: 6 }),
  },
);
const badId = fc.oneof(
  fc.constantFrom(
    '',
    ' ',
    '\t',
    '""',
    '"',
    "'",
    '\u0000',
    '\uFEFF',
    '\uFFFD',
    '<script>alert(1)</script>',
    '<img src=x onerror=alert(1)>',
    '=cmd|"/c calc"!A1',
    '__proto__',
    'constructor',
    'toString',
    'hasOwnProperty',
    'NaN',
    '-0',
  ),
  fc.integer({ min: 1000, max: 1100 }).map((n) => 'x'.repeat(n)), // around the 1024-character id limit
  fc.string({ unit: 'binary', maxLength: 8 }), // any code point, lone surrogates included
);
const id = fc.oneof({ weight: 8, arbitrary: goodId }, { weight: 2, arbitrary: badId });

const event = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.constantFrom('view', 'click', 'cart', 'purchase', 'buy', 'pv', 'fav', 'exposure', 'rating', 'addtocart', 'transaction'),
  },
  { weight: 2, arbitrary: fc.constantFrom('', ' ', 'VIEW', 'View ', '__proto__', 'constructor', '<b>x</b>', 'NaN') },
  { weight: 1, arbitrary: fc.string({ maxLength: 5 }) },
);

const goodTime = fc.oneof(
  fc.integer({ min: 1_000_000_000, max: 1_800_000_000 }).map(String),
  fc.integer({ min: 1_000_000_000_000, max: 1_800_000_000_000 }).map(String),
  fc
    .date({ min: new Date('1971-01-01T00:00:00Z'), max: new Date('2040-01-01T00:00:00Z'), noInvalidDate: true })
    .map((d) => d.toISOString()),
  fc
    .date({ min: new Date('1971-01-01T00:00:00Z'), max: new Date('2040-01-01T00:00:00Z'), noInvalidDate: true })
    .map((d) => `${d.toISOString().slice(0, 19).replace('T', ' ')} UTC`),
);
const badTime = fc.oneof(
  fc.constantFrom(
    'NaN',
    'nan',
    'Infinity',
    '-Infinity',
    '+Infinity',
    'inf',
    '-1',
    '-5',
    '-0',
    '-1600000000',
    '',
    ' ',
    '1e400',
    '-1e400',
    '1e308',
    '1e14',
    '9007199254740993',
    '99999999999999999999',
    '0x10',
    '0b1',
    '1_000',
    '12abc',
    'null',
    'undefined',
    'true',
  ),
  fc.constantFrom(
    '2024-02-30',
    '2024-13-01',
    '0000-01-01',
    '0050-06-01',
    '9999-12-31T23:59:59Z',
    '+275760-09-13',
    '2024-01-01T25:00',
    '2024-01-01T10:00+99:99',
    '1969-12-31T23:59:59Z',
    '1900-01-01',
    '2024-01-01T10:00:00.123456789Z',
    '２０２４-01-01',
  ),
  fc.double().map(String),
  fc.integer().map(String),
);
const time = fc.oneof({ weight: 7, arbitrary: goodTime }, { weight: 3, arbitrary: badTime });
const value = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: 0, max: 50 }).map((v) => String(v / 10)) },
  { weight: 3, arbitrary: fc.constantFrom('', 'NaN', 'Infinity', '-Infinity', '1e39', '-1e39', '3,5', 'five', '1e-50', '-0', '0x1F') },
  { weight: 1, arbitrary: fc.double().map(String) },
);

export const DELIMS = [',', '\t', '|', ';', '::', ' '] as const;
const newline = fc.constantFrom('\n', '\r\n', '\r');
const HEADERS = [
  ['user_id', 'item_id', 'event_type', 'timestamp', 'rating'],
  ['userId', 'movieId', 'rating', 'timestamp'],
  ['user', 'item', 'behavior_type', 'time'],
  ['visitorid', 'itemid', 'event', 'timestamp', 'session'],
  ['user', 'item'],
  ['user', 'user', 'item', 'item', 'time'],
];

/** How a cell is written: bare, properly quoted, or with broken quoting. */
const quoting = fc.oneof(
  { weight: 40, arbitrary: fc.constant('bare') },
  { weight: 6, arbitrary: fc.constant('quoted') },
  { weight: 1, arbitrary: fc.constantFrom('unbalanced', 'inner') },
);
function writeCell(cell: string, how: string): string {
  switch (how) {
    case 'quoted':
      return `"${cell.replace(/"/g, '""')}"`;
    case 'unbalanced':
      return `"${cell}`;
    case 'inner':
      return `${cell.slice(0, 1)}"${cell.slice(1)}`;
    default:
      return cell;
  }
}

const row = fc.record({
  user: id,
  item: id,
  event,
  time,
  value,
  extra: fc.constantFrom(0, 0, 0, 0, 0, 0, -1, -2, 1, 3),
  how: fc.array(quoting, { minLength: 5, maxLength: 5 }),
});

/** A log that looks like a real events file, with hostile cells, broken rows and quoting mixed in. */
const structuredText = fc
  .record({
    header: fc.option(fc.constantFrom(...HEADERS), { nil: null }),
    delimiter: fc.constantFrom(...DELIMS),
    /** Rows written with another delimiter (wrong-delimiter lines inside a file). */
    otherDelimiter: fc.option(fc.constantFrom(...DELIMS), { nil: null, freq: 3 }),
    newline,
    rows: fc.array(row, { minLength: 1, maxLength: 30 }),
    blanks: fc.array(fc.nat(40), { maxLength: 3 }),
    duplicateRows: fc.boolean(),
    trailingNewline: fc.boolean(),
  })
  .map((s) => {
    const width = s.header?.length ?? 5;
    const lines = s.rows.map((r, k) => {
      const cells = [r.user, r.item, r.event, r.time, r.value].slice(0, Math.max(2, width));
      while (cells.length < width) cells.push(r.value);
      if (r.extra > 0) for (let e = 0; e < r.extra; e++) cells.push('extra');
      if (r.extra < 0) cells.length = Math.max(0, cells.length + r.extra);
      const d = s.otherDelimiter && k % 4 === 3 ? s.otherDelimiter : s.delimiter;
      return cells.map((c, i) => writeCell(c, r.how[i % 5])).join(d);
    });
    if (s.duplicateRows && lines.length) lines.push(...lines.slice(0, Math.ceil(lines.length / 2)));
    for (const b of s.blanks) lines.splice(Math.min(b, lines.length), 0, '');
    if (s.header) lines.unshift(s.header.join(s.delimiter));
    return lines.join(s.newline) + (s.trailingNewline ? s.newline : '');
  });

/** A position in a file as a fraction of its length, uniform (fast-check's bias would favour the ends). */
const position = fc.noBias(fc.integer({ min: 0, max: 10_000 })).map((n) => n / 10_000);

/** Byte-level damage applied to a file: cut it, flip bytes, splice in foreign ones. Positions are fractions of the length. */
const mutation = fc.oneof(
  fc.record({ op: fc.constant('truncate' as const), at: position }),
  fc.record({ op: fc.constant('insert' as const), at: position, bytes: fc.uint8Array({ minLength: 1, maxLength: 8 }) }),
  fc.record({
    op: fc.constant('insert' as const),
    at: position,
    bytes: fc.constantFrom(
      utf8('"'),
      utf8('""'),
      utf8('\n'),
      utf8('\r'),
      utf8(','),
      utf8('\t'),
      utf8('::'),
      latin1('é'),
      Uint8Array.of(0xff, 0xfe),
      Uint8Array.of(0xef, 0xbb, 0xbf),
      Uint8Array.of(0xc3),
      Uint8Array.of(0xe4, 0xb8),
    ),
  }),
  fc.record({ op: fc.constant('delete' as const), at: position, length: fc.integer({ min: 1, max: 20 }) }),
  fc.record({ op: fc.constant('flip' as const), at: position, byte: fc.integer({ min: 0, max: 255 }) }),
);
type Mutation = typeof mutation extends fc.Arbitrary<infer M> ? M : never;

function mutate(bytes: Uint8Array, ops: readonly Mutation[]): Uint8Array {
  let b = bytes;
  for (const m of ops) {
    const at = Math.min(b.length, Math.floor(m.at * (b.length + 1)));
    if (m.op === 'truncate') b = b.subarray(0, at);
    else if (m.op === 'insert') b = concat(b.subarray(0, at), m.bytes, b.subarray(at));
    else if (m.op === 'delete') b = concat(b.subarray(0, at), b.subarray(at + m.length));
    else if (at < b.length) {
      b = Uint8Array.from(b);
      b[at] = m.byte;
    }
  }
  return b;
}

const chunk = fc.oneof(fc.integer({ min: 1, max: 16 }), fc.integer({ min: 17, max: 4096 }));

/** Structured logs, optionally damaged at the byte level. */
export const structuredLog: fc.Arbitrary<FuzzFile> = fc
  .record({ text: structuredText, ops: fc.array(mutation, { maxLength: 4 }), bom: fc.boolean(), chunk })
  .map(({ text, ops, bom, chunk }) => ({
    kind: ops.length ? 'damaged log' : 'hostile log',
    bytes: mutate(concat(bom ? Uint8Array.of(0xef, 0xbb, 0xbf) : new Uint8Array(0), utf8(text)), ops),
    chunk,
  }));

/** Random bytes, and random text over the characters that matter to a CSV parser. */
export const randomBytes: fc.Arbitrary<FuzzFile> = fc.oneof(
  fc.record({ bytes: fc.uint8Array({ maxLength: 600 }), chunk }).map((r) => ({ kind: 'random bytes', ...r })),
  fc
    .record({
      text: fc.string({
        unit: fc.constantFrom(',', ';', '|', '\t', ' ', ':', '"', '\n', '\r', 'a', 'b', '1', '2', '-', '.', 'e', 'é', '中'),
        maxLength: 400,
      }),
      chunk,
    })
    .map((r) => ({ kind: 'random delimited text', bytes: utf8(r.text), chunk: r.chunk })),
);

/** Empty and nearly empty files, and binary formats saved as .csv. */
export const emptyOrBinary: fc.Arbitrary<FuzzFile> = fc.oneof(
  fc
    .constantFrom(
      '',
      '\n',
      '\r\n\r\n',
      '\r',
      '   ',
      '\uFEFF',
      '\uFEFF\n',
      '"',
      '""',
      ',',
      ',,,\n,,,',
      'user_id,item_id\n',
      'user_id,item_id,timestamp\n\n\n',
      'a',
      '\u0000',
    )
    .map((t) => ({ kind: 'empty', bytes: utf8(t), chunk: 7 })),
  fc
    .record({
      magic: fc.constantFrom(
        Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a),
        utf8('PK\u0003\u0004'),
        Uint8Array.of(0x1f, 0x8b, 0x08),
        utf8('%PDF-1.7\n'),
        Uint8Array.of(0x7f, 0x45, 0x4c, 0x46),
        utf8('SQLite format 3\u0000'),
        Uint8Array.of(0xff, 0xd8, 0xff),
      ),
      body: fc.uint8Array({ maxLength: 300 }),
      chunk,
    })
    .map((r) => ({ kind: 'binary', bytes: concat(r.magic, r.body), chunk: r.chunk })),
);

/** Mixed encodings: UTF-16 files, Latin-1 lines among UTF-8 ones, invalid and overlong UTF-8 sequences. */
export const mixedEncoding: fc.Arbitrary<FuzzFile> = fc
  .record({
    text: structuredText,
    style: fc.constantFrom('utf16le', 'utf16be', 'latin1-lines', 'invalid-utf8', 'cp1252'),
    seed: fc.nat(),
    chunk,
  })
  .map(({ text, style, seed, chunk }) => {
    let bytes: Uint8Array;
    if (style === 'utf16le' || style === 'utf16be') {
      const units = new Uint8Array(2 + text.length * 2);
      units.set(style === 'utf16le' ? [0xff, 0xfe] : [0xfe, 0xff]);
      for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        units[2 + 2 * i + (style === 'utf16le' ? 0 : 1)] = c & 0xff;
        units[2 + 2 * i + (style === 'utf16le' ? 1 : 0)] = c >> 8;
      }
      bytes = units;
    } else {
      const lines = text.split('\n');
      const foreign = [
        latin1('Caf\u00e9 na\u00efve'),
        Uint8Array.of(0xc0, 0xaf),
        Uint8Array.of(0xed, 0xa0, 0x80),
        Uint8Array.of(0xf8, 0x88, 0x80, 0x80, 0x80),
        Uint8Array.of(0x93, 0x94, 0x80),
      ];
      bytes = concat(
        ...lines.flatMap((l, k) => {
          const mixIn = style === 'latin1-lines' ? k % 2 === 1 : (seed + k) % 3 === 0;
          return [mixIn ? concat(utf8(l), foreign[(seed + k) % foreign.length]) : utf8(l), utf8(k < lines.length - 1 ? '\n' : '')];
        }),
      );
    }
    return { kind: `encoding ${style}`, bytes, chunk };
  });

/** One field far larger than the rest: larger than the sniffing sample in some cases. */
export const giantField: fc.Arbitrary<FuzzFile> = fc
  .record({
    size: fc.oneof(fc.integer({ min: 1025, max: 5000 }), fc.integer({ min: 200_000, max: 600_000 })),
    where: fc.constantFrom('first', 'middle', 'header'),
    quoted: fc.boolean(),
    chunk: fc.integer({ min: 4096, max: 65536 }),
  })
  .map(({ size, where, quoted, chunk }) => {
    const big = 'g'.repeat(size);
    const cell = quoted ? `"${big}"` : big;
    const rows = ['user_id,item_id,timestamp', 'u1,i1,1600000000', 'u1,i2,1600000001', 'u2,i1,1600000002', 'u2,i3,1600000003'];
    if (where === 'header') rows[0] = `user_id,item_id,${cell}`;
    else rows.splice(where === 'first' ? 1 : 3, 0, `u9,${cell},1600000005`);
    return { kind: 'giant field', bytes: utf8(rows.join('\n') + '\n'), chunk };
  });

/** Item catalogs with duplicate ids, bad prices and hostile titles. */
export const catalogFile: fc.Arbitrary<FuzzFile> = fc
  .record({
    rows: fc.array(
      fc.record({ item: id, title: fc.oneof(goodId, badId), price: value, how: fc.array(quoting, { minLength: 3, maxLength: 3 }) }),
      { maxLength: 25 },
    ),
    duplicate: fc.boolean(),
    ops: fc.array(mutation, { maxLength: 2 }),
    chunk,
  })
  .map(({ rows, duplicate, ops, chunk }) => {
    const lines = rows.map((r) => [r.item, r.title, r.price].map((c, i) => writeCell(c, r.how[i])).join(','));
    if (duplicate && lines.length) lines.push(lines[0]);
    return { kind: 'catalog', bytes: mutate(utf8(['item_id,title,price', ...lines].join('\n') + '\n'), ops), chunk };
  });

// Hostile files of issue #16: one stray quote, stray bytes in mid-file, lines over the limit. Each starts from a
// clean log (every row valid) so that what the damage costs can be counted exactly.

const cleanId = fc.constantFrom('u1', 'u2', '42', 'item-9', 'ü4', '用户5', '商品7', 'Straße', 'a😀');
const cleanRow = fc.record({
  user: cleanId,
  item: cleanId,
  event: fc.constantFrom('view', 'click', 'cart', 'purchase'),
  time: fc.integer({ min: 1_000_000_000, max: 1_800_000_000 }),
});
const cleanLog = fc.record({
  rows: fc.array(cleanRow, { minLength: 3, maxLength: 40 }),
  delimiter: fc.constantFrom(',', '\t', '|', ';'),
  newline,
  trailingNewline: fc.boolean(),
});
const cleanLines = (log: { rows: { user: string; item: string; event: string; time: number }[]; delimiter: string }) =>
  log.rows.map((r) => [r.user, r.item, r.event, String(r.time)].join(log.delimiter));
const cleanHeader = (delimiter: string) => ['user_id', 'item_id', 'event_type', 'timestamp'].join(delimiter);

/**
 * One stray `"` at a random place in a data row of a clean log. Wherever it lands it may cost that row and no other:
 * at the start of a field it opens a quote that never closes (EOF, or a small line limit), elsewhere it is a literal.
 */
export const strayQuote: fc.Arbitrary<FuzzFile> = fc
  .record({
    log: cleanLog,
    row: position,
    at: position,
    chunk,
    maxQuotedLines: fc.option(fc.integer({ min: 1, max: 4 }), { nil: undefined }),
  })
  .map(({ log, row, at, chunk, maxQuotedLines }) => {
    const lines = cleanLines(log);
    const k = Math.min(lines.length - 1, Math.floor(row * lines.length));
    const cut = Math.min(lines[k].length, Math.floor(at * (lines[k].length + 1)));
    lines[k] = `${lines[k].slice(0, cut)}"${lines[k].slice(cut)}`;
    const text = [cleanHeader(log.delimiter), ...lines].join(log.newline) + (log.trailingNewline ? log.newline : '');
    return {
      kind: 'stray quote',
      bytes: utf8(text),
      chunk,
      maxQuotedLines,
      expect: { maxRejected: 1, reasons: ['unterminated quote', 'bad timestamp'] },
    };
  });

/** Bytes no id may hold, and bytes that are not UTF-8: NUL, other controls, DEL, a BOM, lone and overlong sequences. */
const strayBytes = fc.constantFrom(
  Uint8Array.of(0),
  Uint8Array.of(1),
  Uint8Array.of(0x1b),
  Uint8Array.of(0x7f),
  Uint8Array.of(0xef, 0xbb, 0xbf),
  Uint8Array.of(0xc2, 0x85),
  Uint8Array.of(0xff),
  Uint8Array.of(0xc3),
  Uint8Array.of(0x80),
  Uint8Array.of(0xc0, 0xaf),
  Uint8Array.of(0xed, 0xa0, 0x80),
  Uint8Array.of(0xf8, 0x88, 0x80, 0x80, 0x80),
  Uint8Array.of(0xe4, 0xb8),
);

/**
 * A clean, mostly non-ASCII UTF-8 log with a few stray bytes spliced into data rows (anywhere but a line break). The
 * file must stay UTF-8 and each stray byte may cost its own row only; the test checks no accepted id holds them.
 */
export const strayBytesMidFile: fc.Arbitrary<FuzzFile> = fc
  .record({
    log: cleanLog,
    hits: fc.array(fc.record({ row: position, at: position, bytes: strayBytes }), { minLength: 1, maxLength: 3 }),
    chunk,
  })
  .map(({ log, hits, chunk }) => {
    // Enough valid multi-byte characters that the stray ones stay a small share.
    const lines = cleanLines(log).map((l) => l.replace(/^[^,\t|;]*/, (u) => `${u}用户甲乙丙`));
    const encoded = lines.map(utf8);
    const rowsHit = new Set<number>();
    for (const h of hits) {
      const k = Math.min(encoded.length - 1, Math.floor(h.row * encoded.length));
      const at = Math.min(encoded[k].length, Math.floor(h.at * (encoded[k].length + 1)));
      encoded[k] = concat(encoded[k].subarray(0, at), h.bytes, encoded[k].subarray(at));
      rowsHit.add(k);
    }
    const nl = utf8(log.newline);
    const parts = [utf8(cleanHeader(log.delimiter)), ...encoded].flatMap((l, i, all) =>
      i < all.length - 1 || log.trailingNewline ? [l, nl] : [l],
    );
    return {
      kind: 'stray bytes',
      bytes: concat(...parts),
      chunk,
      expect: { maxRejected: rowsHit.size, reasons: ['invalid UTF-8', 'control character', 'bad timestamp'], encoding: 'utf-8' },
    };
  });

/**
 * Lines around and far over a small line limit (measured in UTF-8 bytes: the filler mixes 1-, 2-, 3- and 4-byte
 * characters), bare or quoted, read in chunks smaller than the line so the reader has to skip the rest of it.
 */
export const giantLine: fc.Arbitrary<FuzzFile> = fc
  .record({
    log: cleanLog,
    limit: fc.integer({ min: 64, max: 2048 }),
    giants: fc.array(
      fc.record({
        row: position,
        over: fc.oneof(fc.integer({ min: -4, max: 4 }), fc.integer({ min: 5, max: 20_000 })),
        filler: fc.constantFrom('x', 'é', '中', '😀', 'x中😀é'),
        quoted: fc.boolean(),
      }),
      { minLength: 1, maxLength: 3 },
    ),
    chunk: fc.integer({ min: 16, max: 4096 }),
  })
  .map(({ log, limit, giants, chunk }) => {
    const d = log.delimiter;
    const lines = cleanLines(log).map((l) => `${l}${d}n`);
    const hit = new Set<number>();
    for (const g of giants) {
      const k = Math.min(lines.length - 1, Math.floor(g.row * lines.length));
      if (hit.has(k)) continue;
      hit.add(k);
      const head = `${lines[k].slice(0, -1)}`;
      const quote = g.quoted ? '"' : '';
      // Fill until the line's bytes reach limit + over (a character may overshoot by up to 3 bytes).
      const target = Math.max(utf8(head).length + 2 * quote.length, limit + g.over);
      const fillerBytes = utf8(g.filler).length;
      const note = g.filler.repeat(Math.max(0, Math.floor((target - utf8(head).length - 2 * quote.length) / fillerBytes)));
      lines[k] = `${head}${quote}${note}${quote}`;
    }
    const tooLong = lines.filter((l) => utf8(l).length > limit).length;
    const header = [cleanHeader(d), 'note'].join(d);
    const text = [header, ...lines].join(log.newline) + (log.trailingNewline ? log.newline : '');
    return { kind: 'giant line', bytes: utf8(text), chunk, maxLineBytes: limit, expect: { tooLong } };
  });
