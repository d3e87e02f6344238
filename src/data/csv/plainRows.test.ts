// The WebAssembly start of the parse (plainRows.ts) must not show: every file reads to the same log, dictionaries,
// catalog and report whether its plain rows went through the module or every row through the JS parser. Checked on
// generated files built to reach each way the module stops or grows, on the fuzzers' hostile files, and on the real
// logs in ../shared when they are there. Other tests show the module does take the rows it should, so these
// comparisons are not between two runs of the JS parser.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { existsSync, readFileSync } from 'node:fs';
import { loadEvents, type LoadOptions } from './load';
import { bytesSource, type ByteSource } from './source';
import {
  catalogFile,
  mixedEncoding,
  randomBytes,
  strayBytesMidFile,
  strayQuote,
  structuredLog,
  type FuzzFile,
} from '../../testSupport/fuzzCases';
import { readPlainPrefix } from './plainRows';
import type { UserSample } from './sampleUsers';
import { inspectSample } from './reader';
import { detectEventMapping } from './columns';
import { EventLogBuilder } from '../eventLogBuilder';
import { CatalogCollector } from './catalogCollector';
import { createRng } from '../../lib/rng';

const enc = new TextEncoder();

/** Everything a load yields, in plain arrays, with the parse's own duration left out. */
async function loaded(source: () => ByteSource, options: LoadOptions) {
  const r = await loadEvents(source(), options);
  if (!r.ok) return { failed: r.reason };
  const { log, report, catalog } = r.data;
  return {
    columns: Object.fromEntries(['user', 'item', 'event', 'time', 'value', 'session'].map((c) => [c, Array.from(log[c as 'user'])])),
    users: log.users,
    items: log.items,
    sessions: log.sessions,
    eventTypes: log.eventTypes,
    hasTime: log.hasTime,
    catalog,
    report: { ...report, seconds: 0 },
  };
}

async function expectSameBothWays(source: () => ByteSource, options: LoadOptions = {}): Promise<void> {
  const js = await loaded(source, { ...options, plainRows: false });
  const wasm = await loaded(source, options);
  expect(wasm).toEqual(js);
}

/** Rows the module takes from the start of a file before the JS parser goes on. */
async function moduleRows(
  text: string,
  maxMemory?: number,
  sample?: UserSample,
): Promise<{ rows: number; rest: boolean; sampledOut: number }> {
  const bytes = enc.encode(text);
  const shape = inspectSample('f.csv', bytes, bytes.length);
  if (!shape.ok) throw new Error(shape.reason);
  const mapping = detectEventMapping(shape.data.header, shape.data.sample);
  const builder = new EventLogBuilder();
  const collector = new CatalogCollector(mapping.roles);
  const prefix = await readPlainPrefix(bytesSource('f.csv', bytes).chunks(), shape.data, mapping, {
    builder,
    collector,
    attributeColumns: collector.columns,
    eventOf: (label) => builder.eventIndex(label),
    maxLineBytes: 1 << 20,
    maxIdLength: 1024,
    onChunk: () => {},
    maxMemory,
    sample,
  });
  if (!prefix) throw new Error('no WebAssembly');
  return { rows: prefix.rows, rest: prefix.rest !== null, sampledOut: prefix.sampledOut };
}

const HEADER = 'user_id,item_id,event_type,timestamp,price';
/** n rows of bench:ingest's shape, seeded; `row(i)` may replace any of them. */
function log(n: number, seed: number, row: (i: number, plain: string) => string = (_, p) => p, header = HEADER, newline = '\n'): string {
  const rng = createRng(seed);
  const rand = () => rng.next();
  const events = ['view', 'view', 'view', 'click', 'cart', 'purchase'];
  const lines = header ? [header] : [];
  for (let i = 0; i < n; i++) {
    const plain = `u${Math.floor(rand() * 5000)},i${Math.floor(rand() * 800)},${events[Math.floor(rand() * events.length)]},${1_700_000_000 + i},${(rand() * 100).toFixed(2)}`;
    lines.push(row(i, plain));
  }
  return lines.join(newline) + newline;
}

describe('the WebAssembly start of the parse', () => {
  it('takes every row of a plain log, and stops at the first row it leaves to the JS parser', async () => {
    expect(await moduleRows(log(3000, 1))).toEqual({ rows: 3000, rest: false, sampledOut: 0 });
    // Sampled by users, every row is still the module's: taken or left out.
    const sampled = await moduleRows(log(3000, 1), undefined, { fraction: 0.25, seed: 7 });
    expect(sampled.rows + sampled.sampledOut).toBe(3000);
    expect(sampled.rest).toBe(false);
    expect(sampled.rows).toBeGreaterThan(500);
    expect(sampled.rows).toBeLessThan(1000);
    const quoted = log(3000, 1, (i, p) => (i === 1234 ? p.replace(/^u\d+/, '"u1"') : p));
    expect(await moduleRows(quoted)).toEqual({ rows: 1234, rest: true, sampledOut: 0 });
    const wide = log(3000, 1, (i, p) => (i === 10 ? `ü${p}` : p));
    expect(await moduleRows(wide)).toEqual({ rows: 10, rest: true, sampledOut: 0 });
  });

  it('reads plain logs as the JS parser does: bench:ingest, MovieLens, unix-ms, CRLF, a BOM, blank lines, no final line break', async () => {
    for (const chunk of [7, 1000, 65_536]) {
      const cases = [
        log(5000, 2),
        log(5000, 3, undefined, HEADER, '\r\n'),
        '\uFEFF' + log(2000, 4),
        log(2000, 5, (i, p) => (i % 97 === 3 ? `\n${p}` : p)),
        log(2000, 6, (i, p) => (i % 89 === 3 ? `\r\n${p}` : p), HEADER, '\r\n'),
        log(500, 7).slice(0, -1),
        log(2000, 8, (i, p) => p.replace(/,(\d+),/, (_, t) => `,${Number(t) * 1000 + (i % 1000)},`)),
        // ml-100k's u.data: headerless, tab-separated, the rating as the value.
        Array.from({ length: 3000 }, (_, i) => `${(i * 7) % 943}\t${(i * 13) % 1682}\t${1 + (i % 5)}\t${881250949 + i}`).join('\n') + '\n',
        // Ratings as the value, with fractions, signs and blanks; times with fractions of a second.
        'user_id,item_id,rating,timestamp\n' +
          Array.from({ length: 3000 }, (_, i) => {
            const rating = ['3.5', '4.25', '-0', '.5', '', '5', '-1.125', '0.1', '2.675'][i % 9];
            return `${i % 41},${(i * 7) % 300},${rating},${1_700_000_000 + i}${i % 4 ? '' : `.${i % 1000}`}\n`;
          }).join(''),
        // Numbered ids of 8-15 digits (packed as their value), and times and values of every decimal shape.
        log(3000, 9, (i, p) =>
          p
            .replace(/^u(\d+)/, (_, d) => `${5_000_000_00 + Number(d)}`)
            .replace(/,i(\d+)/, (_, d) => `,${i % 3 ? 12_345_678 + Number(d) : 123_456_789_012_345 - Number(d)}`)
            .replace(
              /,([\d.]+)$/,
              (_, v) => `,${i % 5 === 0 ? `-${v}` : i % 7 === 0 ? '' : i % 11 === 0 ? '-0' : i % 13 === 0 ? '.5' : v}`,
            ),
        ),
      ];
      for (const text of cases) await expectSameBothWays(() => bytesSource('f.csv', enc.encode(text), chunk));
    }
  });

  it('hands over at rows it does not take, mid-file, and the JS parser reads the rest the same way', async () => {
    const breakers: ((p: string) => string)[] = [
      (p) => p.replace(/^u\d+/, '"u7"'), // a quote
      (p) => p.replace(/^u/, 'ü'), // a byte above 127
      (p) => p.replace(/^u\d+/, ' u7 '), // spaces the JS parser trims
      (p) => p.replace(/^u\d+/, ''), // an empty user: rejected
      (p) => p.replace(/^u\d+/, '0123456789'), // a decimal with a leading zero: pooled
      (p) => p.replace(/^u\d+/, 'user-with-a-long-name'), // longer than a slot
      (p) => p.replace(/,(\d+),/, ',soon,'), // a bad timestamp: rejected
      (p) => p.replace(/,(\d+),/, ',1e9,'), // a time Number() reads
      (p) => p.replace(/,[\d.]+$/, ',1e3'), // a value Number() reads
      (p) => p + ',extra', // a field too many
      (p) => p.replace(/,(view|click|cart|purchase),/, ',add_to_cart_button_clicked,'), // a label over 16 bytes
      (p) => p.replace(/,(view|click|cart|purchase),/, ',,'), // a blank label: rejected
      (p) => p.replace(/,(view|click|cart|purchase),/, ',wishlist,'), // a new label: taken
      (p) => p.replace(/^u\d+/, 'u\u0001'), // a control character: rejected
      (p) => p.replace(/,/, '\t,'), // a tab in a field
    ];
    for (const [k, breaker] of breakers.entries()) {
      const text = log(3000, 20 + k, (i, p) => (i === 1500 || i === 2600 ? breaker(p) : p));
      for (const chunk of [333, 65_536]) await expectSameBothWays(() => bytesSource('f.csv', enc.encode(text), chunk));
    }
  });

  it('reads REES46-shaped logs as the JS parser does: ISO times of every shape, 36-character sessions, attributes filled late', async () => {
    const times = [
      '2019-10-01 00:00:00 UTC',
      '2019-10-01T08:30:15Z',
      '2019-10-01 08:30',
      '2019-10-01',
      '2019-10-01 08:30:15.250 GMT',
      '2019-10-01T08:30:15.1234567',
      '2020-02-29 12:00:00',
      '0000-01-01 00:00:00', // before the first March of year 0: floor division
      '1969-12-31 23:59:59 UTC', // before 1970: negative, and kept
      '2019-02-29 00:00:00', // no such day: the JS parser's fallback decides
      '2019-10-01 24:00:00',
      '2019-10-01 08:60:00',
      '2019-10-01 08:30:61',
      '2019-10-01 08:30:15 +02:00',
      '2019-10-01 08:30:15 CET',
      '2019-10-01x08:30:15',
      '2019/10/01 08:30:15',
    ];
    const rng = createRng(41);
    const hex = () =>
      Math.floor(rng.next() * 2 ** 32)
        .toString(16)
        .padStart(8, '0');
    const sessions = Array.from(
      { length: 300 },
      () => `${hex()}-${hex().slice(4)}-${hex().slice(4)}-${hex().slice(4)}-${hex()}${hex().slice(4)}`,
    );
    const lines = ['event_time,event_type,product_id,category_id,category_code,brand,price,user_id,user_session'];
    for (let i = 0; i < 4000; i++) {
      const item = 1_000_000 + rng.int(700);
      // A category on some rows of an item only, a brand on others: the catalog fills in as rows come.
      const category = rng.next() < 0.4 ? ['electronics.smartphone', 'appliances.kitchen.washer', 'computers.notebook'][item % 3] : '';
      const brand = rng.next() < 0.5 ? ['samsung', 'apple', 'xiaomi', 'lucente'][item % 4] : '';
      const time =
        i % 50 === 7
          ? times[((i / 50) % times.length) | 0]
          : `2019-10-0${1 + (i % 9)} ${String(i % 24).padStart(2, '0')}:0${i % 10}:1${i % 10} UTC`;
      const session = i % 13 === 0 ? '' : sessions[rng.int(sessions.length)];
      lines.push(
        `${time},${['view', 'cart', 'purchase'][i % 3]},${item},2053013552326770905,${category},${brand},${rng.int(100_000) / 100},${500_000_000 + rng.int(900)},${session}`,
      );
    }
    const text = lines.join('\n') + '\n';
    // The first time the module leaves to the JS parser (2019-02-29) is on row 457.
    expect((await moduleRows(text)).rows).toBe(457);
    for (const chunk of [1000, 65_536]) await expectSameBothWays(() => bytesSource('f.csv', enc.encode(text), chunk));
    // Each odd time alone in a plain file: taken or handed over, it must read the same.
    for (const time of times) {
      const one =
        lines
          .slice(0, 40)
          .map((l, k) => (k === 20 ? `${time}${l.slice(l.indexOf(','))}` : l))
          .join('\n') + '\n';
      await expectSameBothWays(() => bytesSource('f.csv', enc.encode(one)));
    }
  });

  it('samples users as the JS parser does: the same users, their rows left out before the rest of the row is read', async () => {
    // Rows with a bad time, a blank label or an empty item: rejected when their user is kept, left out when not.
    const text = log(6000, 51, (i, p) =>
      i % 37 === 5
        ? p.replace(/,(\d+),/, ',soon,')
        : i % 41 === 6
          ? p.replace(/,(view|click|cart|purchase),/, ',,')
          : i % 43 === 7
            ? p.replace(/,i\d+,/, ',,')
            : p,
    );
    for (const sample of [{ fraction: 0.3, seed: 5 }, { fraction: 0.5 }, { fraction: 1e-9, seed: 2 }, { fraction: 0.999, seed: 9 }]) {
      for (const chunk of [512, 65_536]) await expectSameBothWays(() => bytesSource('f.csv', enc.encode(text), chunk), { sample });
    }
    const js = await loaded(() => bytesSource('f.csv', enc.encode(text)), { sample: { fraction: 0.3, seed: 5 }, plainRows: false });
    if ('failed' in js) throw new Error(js.failed);
    expect(js.report.sample?.sampledOut).toBeGreaterThan(3000);
    expect(js.report.rejected).toBeGreaterThan(20);
  });

  it('grows its tables, lists, pool and attribute map as the JS parser would, past every first size', async () => {
    // 60,000 users and 70,000 items (the id tables double several times, more than 4,096 new ids a call); 30,000
    // rows (more than 8,192 a call); prices missing on some rows, so items stay incomplete and come back to the
    // catalog collector, more than 4,096 times a call.
    const rng = createRng(31);
    const rand = () => rng.next();
    const lines = ['user_id,item_id,event_type,timestamp,price,brand'];
    for (let i = 0; i < 30_000; i++)
      lines.push(
        `u${i * 2},i${Math.floor(rand() * 70_000)},view,${1_700_000_000 + i},${i % 3 ? (i % 100) / 4 : ''},${i % 5 ? 'acme' : ''}`,
      );
    for (let i = 0; i < 60_000; i++) lines.push(`u${i * 3},i${60_000 + i},view,${1_700_100_000 + i},1.5,b${i % 7}`);
    const text = lines.join('\n') + '\n';
    expect((await moduleRows(text)).rows).toBe(90_000);
    await expectSameBothWays(() => bytesSource('f.csv', enc.encode(text), 1 << 20));
  });

  it('hands over to the JS parser, between rows, when its memory cannot grow', async () => {
    // 40,000 distinct users and sessions: the tables and the pool outgrow 3 MiB part-way through.
    const lines = ['user_id,item_id,timestamp,session'];
    for (let i = 0; i < 40_000; i++) lines.push(`user-number-${i},i${i % 500},${1_700_000_000 + i},session-${i}-${'x'.repeat(i % 40)}`);
    const text = lines.join('\n') + '\n';
    const bytes = enc.encode(text);
    const taken = await moduleRows(text, 3 << 20);
    expect(taken.rest).toBe(true);
    expect(taken.rows).toBeGreaterThan(0);
    expect(taken.rows).toBeLessThan(40_000);
    for (const plainRowsMemory of [2 << 20, 3 << 20, 64 << 10]) {
      await expectSameBothWays(() => bytesSource('f.csv', bytes, 1 << 20), { plainRowsMemory });
    }
  });

  it('reads the fuzzers’ hostile files to the same log and report', async () => {
    const same = async (f: FuzzFile) => {
      const options = { maxLineBytes: f.maxLineBytes, maxQuotedLines: f.maxQuotedLines };
      await expectSameBothWays(() => bytesSource('f.csv', f.bytes, f.chunk), options);
    };
    const arb = fc.oneof(structuredLog, randomBytes, mixedEncoding, catalogFile, strayQuote, strayBytesMidFile);
    await fc.assert(fc.asyncProperty(arb, same), { numRuns: 400, seed: 20261206 });
  });

  const shared = new URL('../../../../shared/data/', import.meta.url).pathname;
  const realLogs = [
    'ml-100k/u.data',
    'rees46-ecommerce-sample/2019-Oct_head.csv',
    'ml-latest-small/ratings.csv',
    'taobao-userbehavior-sample/UserBehavior_time_slice.csv',
    'bert4rec-amazon-beauty/beauty.txt',
    'coat/train.csv',
  ];
  it.skipIf(!existsSync(shared))('reads the real logs in ../shared to the same logs, whole and sampled by users', async () => {
    for (const name of realLogs) {
      const bytes = new Uint8Array(readFileSync(shared + name));
      await expectSameBothWays(() => bytesSource(name, bytes));
      await expectSameBothWays(() => bytesSource(name, bytes), { sample: { fraction: 0.2, seed: 3 } });
    }
  });
});
