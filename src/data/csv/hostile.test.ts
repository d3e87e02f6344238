// Regressions of issue #16 ("Trust"): one hostile quote, byte or line must cost one row, never the rest of the file,
// and every physical line is accounted for (physicalLines = header + blank + continuation lines + rows).
import { describe, expect, it } from 'vitest';
import { loadEvents, loadItems } from './load';
import { bytesSource, textSource, type ByteSource } from './source';
import { ingestInParts } from './parts';
import { detectEventMapping } from './columns';
import { inspectSample, readRows } from './reader';
import { estimateWarning } from './ingestEvents';
import type { IngestReport } from './report';

const enc = new TextEncoder();
const rows = (n: number, row: (i: number) => string) => Array.from({ length: n }, (_, i) => row(i)).join('\n') + '\n';
const plainRow = (i: number) => `u${i % 997},i${i % 501},${1600000000 + i}`;

async function load(source: ByteSource, options: Parameters<typeof loadEvents>[1] = {}) {
  const r = await loadEvents(source, options);
  if (!r.ok) throw new Error(r.reason);
  return r.data;
}

function expectEveryLine(report: IngestReport, lines: number): void {
  expect(report.physicalLines).toBe(lines);
  expect(report.headerLines + report.blankLines + report.continuationLines + report.rows).toBe(lines);
  expect(report.rows).toBe(report.accepted + report.rejected + (report.sample?.sampledOut ?? 0));
}

describe('issue #16: an unterminated quote costs one row', () => {
  it('100,000 rows with a stray quote at row 11: 99,999 accepted, the row rejected at its line and column, no estimate warning', async () => {
    // Before: the rest of the file became one "malformed quotes" row and 11 rows were read of an estimated 100,007.
    const text = 'user_id,item_id,timestamp\n' + rows(100_000, (i) => (i === 10 ? `u1,"i1,${1600000000 + i}` : plainRow(i)));
    const { report } = await load(textSource('e.csv', text, 65_536));
    expect([report.rows, report.accepted, report.rejected]).toEqual([100_000, 99_999, 1]);
    expect(report.rejectedRows).toEqual([
      { file: 'e.csv', line: 12, column: 2, reason: 'quote opened in column 2 is not closed within 10000 lines or 1048576 characters' },
    ]);
    expect(report.rejectedByReason).toEqual({ 'unterminated quote': 1 });
    expect(report.warnings.filter((w) => w.includes('were expected'))).toEqual([]);
    expectEveryLine(report, 100_001);
  });

  it('a quote left open at the end of the file rejects its row and the lines after it are still read', async () => {
    const text = 'user,item,time\na,x,1600000000\nb,"y,1600000001\nc,z,1600000002\nd,w,1600000003\n';
    for (const chunk of [1, 3, 7, 64]) {
      const { log, report } = await load(textSource('e.csv', text, chunk));
      expect(log.users).toEqual(['a', 'c', 'd']);
      expect(report.rejectedRows).toEqual([
        { file: 'e.csv', line: 3, column: 2, reason: 'quote opened in column 2 is not closed before the end of the file' },
      ]);
      expectEveryLine(report, 5);
    }
  });

  it('a quote that closes only past the line limit is unterminated; the lines it spanned are read as rows', async () => {
    const text = 'user,item,time\na,"x,1600000000\nb,y,1600000001\nc,z,1600000002\nd,"w",1600000003\n';
    const { log, report } = await load(textSource('e.csv', text, 5), { maxQuotedLines: 2 });
    expect(log.users).toEqual(['b', 'c', 'd']);
    expect(report.rejectedByReason).toEqual({ 'unterminated quote': 1 });
    expect(report.rejectedRows[0]).toMatchObject({ line: 2, column: 2 });
    expectEveryLine(report, 5);
    // A quote that closes within the limit is a field holding line breaks: continuation lines, counted.
    const legal = 'user,item,time\na,"x\ny\nz",1600000000\nb,w,1600000001\n';
    const within = await load(textSource('e.csv', legal, 3), { maxQuotedLines: 2 });
    expect(within.log.items).toEqual(['x\ny\nz', 'w']);
    expect(within.report.continuationLines).toBe(2);
    expectEveryLine(within.report, 5);
    const over = await load(textSource('e.csv', legal, 3), { maxQuotedLines: 1 });
    expect(over.log.items).toEqual(['w']);
    expect(over.report.rejectedByReason).toEqual({ 'unterminated quote': 1, 'wrong field count': 2 });
    expectEveryLine(over.report, 5);
  });

  it('text after a closing quote rejects that row only', async () => {
    const { log, report } = await load(textSource('e.csv', 'user,item,time\na,"x"y,1600000000\nb,"y",1600000001\n'));
    expect(log.items).toEqual(['y']);
    expect(report.rejectedRows).toEqual([{ file: 'e.csv', line: 2, column: 2, reason: 'text after the closing quote of column 2' }]);
  });

  it('quoted line breaks are continuation lines, so every line is still counted once', async () => {
    const text = 'user,item,note,time\r\n\r\n"a","x","two\r\nlines",1600000000\r\nb,y,"three\r\nlines\r\nhere",1600000001\r\n';
    const { report } = await load(textSource('e.csv', text, 4));
    expect([report.accepted, report.blankLines, report.continuationLines, report.headerLines]).toEqual([2, 1, 3, 1]);
    expectEveryLine(report, 7);
  });
});

describe('issue #16: decoding decisions are per row, not per file', () => {
  it('5,000 UTF-8 rows with Chinese ids and one invalid byte stay UTF-8; only that row is rejected, with its byte offset', async () => {
    // Before: the whole file was re-read as Latin-1 and every id garbled.
    const clean = enc.encode('user_id,item_id,timestamp\n' + rows(5000, (i) => `用户${i % 300},商品${i % 77},${1600000000 + i}`));
    const at = clean.indexOf(0x0a, 40_000) + 4; // after the first character of the next row's user id
    const bytes = new Uint8Array(clean.length + 1);
    bytes.set(clean.subarray(0, at));
    bytes[at] = 0xff;
    bytes.set(clean.subarray(at), at + 1);
    const line = new TextDecoder().decode(clean.subarray(0, at)).split('\n').length;
    for (const chunk of [4096, 1 << 20]) {
      const { log, report } = await load(bytesSource('zh.csv', bytes, chunk));
      expect(report.encoding).toBe('utf-8');
      expect([report.accepted, report.rejected]).toEqual([4999, 1]);
      expect(report.rejectedRows).toEqual([
        { file: 'zh.csv', line, column: 1, reason: `invalid UTF-8 (byte 0xFF) at byte ${at}`, byte: at },
      ]);
      expect(log.users.every((u) => /^用户\d+$/.test(u))).toBe(true);
      expectEveryLine(report, 5001);
    }
  });

  it('byte offsets stay file offsets when the file is parsed in parts', async () => {
    const clean = enc.encode('user_id,item_id,timestamp\n' + rows(3000, (i) => `用户${i % 300},i${i % 77},${1600000000 + i}`));
    const at = clean.lastIndexOf(0x2c) + 1;
    const bytes = Uint8Array.from(clean);
    bytes[at] = 0xc3; // a lead byte before an ASCII digit (in the last row's timestamp): invalid
    const shaped = inspectSample('zh.csv', bytes, bytes.length);
    if (!shaped.ok) throw new Error(shaped.reason);
    const mapping = detectEventMapping(shaped.data.header, shaped.data.sample);
    const split = await ingestInParts(bytesSource('zh.csv', bytes, 997), shaped.data, mapping, 3);
    if (!split.ok) throw new Error(split.reason);
    expect(split.data.report.parts).toBe(3);
    expect(split.data.report.rejectedRows).toEqual([
      expect.objectContaining({ byte: at, reason: `invalid UTF-8 (byte 0xC3) at byte ${at}` }),
    ]);
    expectEveryLine(split.data.report, 3001);
  });

  it('a genuine U+FFFD (bytes EF BF BD) is valid UTF-8, not an invalid byte', async () => {
    const { log, report } = await load(textSource('e.csv', 'user,item,time\nu\uFFFD1,x,1600000000\nu2,y,1600000001\n'));
    expect(report.rejected).toBe(0);
    expect(log.users).toEqual(['u\uFFFD1', 'u2']);
  });

  it('a Latin-1 file, where sequences that are not UTF-8 are common, is still read as Latin-1', async () => {
    const latin1 = Uint8Array.from(
      [...'user,item,time\nRen\xe9,Caf\xe9,1600000000\nZo\xeb,Na\xefve,1600000001\nu3,x,1600000002\n'].map((c) => c.charCodeAt(0)),
    );
    const { log, report } = await load(bytesSource('l1.csv', latin1));
    expect(report.encoding).toBe('iso-8859-1');
    expect(log.users).toEqual(['René', 'Zoë', 'u3']);
  });

  it('one NUL byte in the first 8 kB does not make a large file binary: only its row is rejected', async () => {
    // Before: "looks like a binary file", the whole 137 MB refused.
    const bytes = enc.encode('user_id,item_id,timestamp\n' + rows(20_000, plainRow));
    bytes[bytes.indexOf(0x0a, 100) + 1] = 0; // first byte of a user id
    const { report } = await load(bytesSource('nul.csv', bytes, 1 << 16));
    expect([report.accepted, report.rejected]).toEqual([19_999, 1]);
    expect(report.rejectedRows[0].reason).toBe('user column "user_id" holds U+0000 (NUL)');
  });

  it('binary files are still refused: random (compressed-like) bytes after a gzip magic', async () => {
    let x = 12345;
    const bytes = Uint8Array.from({ length: 8192 }, (_, i) =>
      i < 3 ? [0x1f, 0x8b, 0x08][i] : ((x = (x * 1103515245 + 12345) >>> 0) >>> 16) & 0xff,
    );
    const r = await loadEvents(bytesSource('data.csv', bytes));
    // The gzip magic now sends the file to the decompressor (#22), which names what is wrong with it.
    expect(r.ok ? '' : r.reason).toMatch(/^data\.csv is not a valid gzip file: .+ \(truncated or corrupt\?\)$/);
  });

  it('NUL, a BOM and other controls inside ids, event types and sessions reject the row, naming the column', async () => {
    // Before: accepted as new ids ("u2" with a BOM in front was even merged into "u2").
    const text = [
      'user_id,item_id,event_type,user_session',
      'u1,i1,view,s1',
      'u1\u0000,i1,view,s1',
      '\uFEFFu2,i1,view,s1',
      'u3,i\uFEFF9,view,s1',
      'u4,i1,vi\u0007ew,s1',
      'u5,i1,view,s\u007f1',
      'u6,i2,view,s\u00851',
      'u1\u0000,i1,view,s1',
      'u7,i3,\tview\t,s2',
      'u8,"i\n4",view,s3',
    ].join('\n');
    const { log, report } = await load(textSource('ctl.csv', text, 16));
    expect(report.rejectedRows.map((r) => [r.line, r.column, r.reason])).toEqual([
      [3, 1, 'user column "user_id" holds U+0000 (NUL)'],
      [4, 1, 'user column "user_id" holds U+FEFF (byte-order mark)'],
      [5, 2, 'item column "item_id" holds U+FEFF (byte-order mark)'],
      [6, 3, 'event column "event_type" holds U+0007'],
      [7, 4, 'session column "user_session" holds U+007F (DEL)'],
      [8, 4, 'session column "user_session" holds U+0085'],
      [9, 1, 'user column "user_id" holds U+0000 (NUL)'],
    ]);
    expect(report.rejectedByReason).toEqual({ 'control character': 7 });
    // Ids seen only in rejected rows are not in the log; tabs (trimmed) and quoted line breaks are allowed.
    expect(log.users).toEqual(['u1', 'u7', 'u8']);
    expect(log.items).toEqual(['i1', 'i3', 'i\n4']);
    expect(log.sessions).toEqual(['s1', 's2', 's3']);
    expectEveryLine(report, 12);
  });

  it('item catalogs reject ids holding a control character too', async () => {
    const r = await loadItems(textSource('items.csv', 'item_id,title\ni1,A\ni\u00002,B\n\uFEFFi3,C\n'));
    if (!r.ok) throw new Error(r.reason);
    expect(r.data.catalog.ids).toEqual(['i1']);
    expect(r.data.report.rejectedRows.map((x) => x.reason)).toEqual([
      'item column "item_id" holds U+0000 (NUL)',
      'item column "item_id" holds U+FEFF (byte-order mark)',
    ]);
  });
});

/** A file of `lines` lines produced on the fly in `chunk`-byte pieces: never held in memory whole. */
function streamed(name: string, size: number, chunk: number, byteAt: (offset: number) => number): ByteSource {
  const make = (from: number, to: number) => Uint8Array.from({ length: to - from }, (_, k) => byteAt(from + k));
  return {
    name,
    size,
    head: async (n) => make(0, Math.min(n, size)),
    chunks: async function* () {
      for (let at = 0; at < size; at += chunk) yield make(at, Math.min(size, at + chunk));
    },
  };
}

describe('issue #16: giant lines', () => {
  it('a line over the limit is rejected whole and reading goes on at the next line, in bounded memory', async () => {
    // Before: the whole line was carried as one string (4.39 GB RSS for 2 GB) until RangeError: Invalid string length.
    const head = 'user_id,item_id,timestamp\nu1,i1,1600000000\n';
    const tail = '\nu2,i2,1600000001\n';
    const giant = 8 << 20; // 8 MiB without a line break
    const size = head.length + giant + tail.length;
    const byteAt = (o: number) =>
      o < head.length ? head.charCodeAt(o) : o < head.length + giant ? 0x61 + (o % 3) : tail.charCodeAt(o - head.length - giant);
    const source = streamed('giant.csv', size, 1 << 18, byteAt);
    const shaped = inspectSample('giant.csv', await source.head(256 * 1024), size);
    if (!shaped.ok) throw new Error(shaped.reason);
    // The reader never holds more than the limit plus a chunk of text, however long the line.
    let longest = 0;
    for await (const batch of readRows(source.chunks(), shaped.data, [0, 1, 2], { blankLines: 0 }, undefined, { maxLineBytes: 1 << 20 }))
      longest = Math.max(longest, batch.text.length);
    expect(longest).toBeLessThanOrEqual((1 << 20) + (1 << 18));
    const { log, report } = await load(source);
    expect(log.users).toEqual(['u1', 'u2']);
    expect(report.rejectedRows).toEqual([{ file: 'giant.csv', line: 3, column: 1, reason: 'line longer than 1048576 bytes' }]);
    expectEveryLine(report, 4);
  });

  it('a file without a single line break in its first 256 kB is refused at once, saying so', async () => {
    const source = streamed('bare.csv', 3 << 20, 1 << 18, (o) => 'u1,i1,1600000000,'.charCodeAt(o % 17));
    expect(await loadEvents(source)).toEqual({
      ok: false,
      reason: 'bare.csv: no line break in its first 256 kB; line 1 is longer than that, which no delimited log holds',
    });
  });

  it('the limit is in UTF-8 bytes, is settable, and holds in CRLF files with a lone LF inside the long line', async () => {
    const wide = `u3,${'中'.repeat(15)}\n${'中'.repeat(15)},1600000002`; // 105 bytes in 45 characters, one line in CRLF
    const skipped = `u4,${'x'.repeat(80)}\n${'y'.repeat(20)},1600000003`; // skipped from its 61st byte: the LF must not end it
    const text = `user,item,time\r\nu1,i1,1600000000\r\n${wide}\r\n${skipped}\r\nu5,i5,1600000004\r\n`;
    for (const chunk of [1, 7, 16, 4096]) {
      const { log, report } = await load(textSource('e.csv', text, chunk), { maxLineBytes: 60 });
      expect(log.users).toEqual(['u1', 'u5']);
      expect(report.rejectedRows.map((r) => [r.line, r.reason])).toEqual([
        [3, 'line longer than 60 bytes'],
        [4, 'line longer than 60 bytes'],
      ]);
      expectEveryLine(report, 5);
    }
    // 105 bytes is within a 105-byte limit.
    expect((await load(textSource('e.csv', text), { maxLineBytes: 105 })).log.users).toEqual(['u1', 'u3', 'u5']);
  });
});

describe('issue #16: the load report flags a row count far from the estimate', () => {
  it('names both figures when rows read are under half or over twice the estimate', () => {
    expect(estimateWarning('e.csv', 11, 100_007)).toBe(
      "e.csv: 11 rows read, but about 100,007 were expected from the file's first bytes; check the rejected rows, the delimiter and the quoting",
    );
    expect(estimateWarning('e.csv', 250, 100)).toContain('250 rows read, but about 100 were expected');
    expect(estimateWarning('e.csv', 50, 100)).toBeNull();
    expect(estimateWarning('e.csv', 200, 100)).toBeNull();
    expect(estimateWarning('e.csv', 3, 20)).toBeNull(); // tiny files: a few blank lines are not news
  });

  it('warns on a file whose first 256 kB are unlike the rest (short lines first, then long rows)', async () => {
    const short = rows(30_000, plainRow);
    const long = rows(5_000, (i) => `${plainRow(i)},${'n'.repeat(500)}`);
    const text = `user_id,item_id,timestamp\n${short}${long}`;
    const { report } = await load(textSource('mixed.csv', text));
    expect(report.rows).toBe(35_000);
    expect(report.warnings.some((w) => w.includes('35,000 rows read, but about') && w.includes('were expected'))).toBe(true);
  });
});
