// Parquet and CSV.gz logs give the same log, report and sample as the CSV they were made from.
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { gzipSync } from 'fflate';
import { loadEvents, loadItems, inspectSource } from '../csv/load';
import { bytesSource, textSource, type ByteSource } from '../csv/source';
import type { EventLog } from '../eventLog';
import { splitDelimited, tableToParquet, type ParquetOptions } from '../../../bench/lib/parquet';
import { isoDate, isoFromNanos } from './cells';

/** A small shop log: ISO times, a price per row, a missing brand, string and numeric ids. */
const SHOP = [
  'event_time,event_type,product_id,brand,price,user_id',
  '2019-10-01 00:00:00 UTC,view,44600062,shiseido,35.79,541312140',
  '2019-10-01 00:00:01 UTC,view,3900821,aqua,33.20,554748717',
  '2019-10-01 00:00:02 UTC,cart,17200506,,543.10,519107250',
  '2019-10-01 00:00:03 UTC,view,1307067,lenovo,251.74,550050854',
  '2019-10-01 00:01:00 UTC,purchase,44600062,shiseido,35.79,541312140',
  '2019-10-01 00:01:30 UTC,view,1004237,apple,1081.98,535871217',
  '2019-10-01 00:02:00 UTC,view,3900821,aqua,33.20,541312140',
  '2019-10-01 00:02:10 UTC,view,1480613,pulser,908.62,512742880',
  '2019-10-01 00:03:00 UTC,cart,1004237,apple,1081.98,535871217',
  '2019-10-01 00:04:00 UTC,view,17300353,creed,380.96,555447699',
].join('\n');

const parquet = (name: string, text: string, options: ParquetOptions = {}) => {
  const { header, rows } = splitDelimited(text, ',');
  return bytesSource(name, tableToParquet(header, rows, options));
};

async function loaded(source: ByteSource, options: Parameters<typeof loadEvents>[1] = {}) {
  const r = await loadEvents(source, options);
  if (!r.ok) throw new Error(r.reason);
  return r.data;
}

/** What must be identical across formats: ids, event order and every per-event column. */
const essence = (log: EventLog) => ({
  users: log.users,
  items: log.items,
  eventTypes: log.eventTypes,
  user: Array.from(log.user),
  item: Array.from(log.item),
  event: Array.from(log.event),
  time: Array.from(log.time),
  value: Array.from(log.value),
});

describe('Parquet and CSV.gz ingestion', () => {
  it('a log as Parquet (snappy, gzip; several row groups) and as CSV.gz gives the CSV’s log and counts', async () => {
    const csv = await loaded(textSource('shop.csv', SHOP));
    expect(csv.report.accepted).toBe(10);
    for (const options of [
      { codec: 'SNAPPY', rowGroupSize: 3 },
      { codec: 'GZIP', rowGroupSize: 4 },
      { codec: 'UNCOMPRESSED', timestamps: { event_time: 'MICROS' } },
      // Pages of ~64 bytes: every column chunk spans several pages, which the reader gathers per row group.
      { codec: 'SNAPPY', rowGroupSize: 6, pageSize: 64 },
    ] as ParquetOptions[]) {
      const pq = await loaded(parquet('shop.parquet', SHOP, options));
      expect(essence(pq.log)).toEqual(essence(csv.log));
      expect([pq.report.rows, pq.report.accepted, pq.report.rejected]).toEqual([10, 10, 0]);
      expect(pq.report.mapping).toEqual(csv.report.mapping);
      expect(pq.report.format).toBe('parquet');
    }
    const gz = await loaded(bytesSource('shop.csv.gz', gzipSync(new TextEncoder().encode(SHOP)), 97));
    expect(essence(gz.log)).toEqual(essence(csv.log));
    expect(gz.report.physicalLines).toBe(csv.report.physicalLines);
    expect(gz.report.format).toBe('gzip');
  });

  it('Parquet timestamps (millis, micros, nanos) and dates give the times their ISO text gives', async () => {
    const text = 'user,item,time\na,x,1969-12-31T23:59:59.250Z\nb,y,2019-10-01T12:34:56.123456Z\nc,z,2020-02-29\n';
    const csv = await loaded(textSource('t.csv', text));
    expect(Array.from(csv.log.time)).toEqual([-0.75, 1569933296.123456, 1582934400]);
    for (const unit of ['MILLIS', 'MICROS', 'NANOS'] as const) {
      const pq = await loaded(parquet('t.parquet', text, { timestamps: { time: unit } }));
      // Milliseconds cannot hold the microseconds of row 2; micro- and nanoseconds give the CSV's times exactly.
      const expected = unit === 'MILLIS' ? [-0.75, 1569933296.123, 1582934400] : Array.from(csv.log.time);
      expect(Array.from(pq.log.time)).toEqual(expected);
    }
    expect(isoFromNanos(-750_000_000n, 6)).toBe('1969-12-31T23:59:59.250000Z');
    expect(isoDate(18321)).toBe('2020-02-29');
  });

  it('nulls are missing cells and a wrong-typed value column is rejected row by row, naming file, row and column', async () => {
    // user_id null in row 2; the value column holds text in row 3 (a STRING column, as a careless export types it).
    const text = 'user_id,item_id,rating\n1,10,4\n,11,5\n3,12,five\n4,13,\n';
    const csv = await loaded(textSource('r.csv', text));
    const pq = await loaded(parquet('r.parquet', text));
    expect(pq.report.rejectedByReason).toEqual(csv.report.rejectedByReason);
    expect(pq.report.rejectedByReason).toEqual({ 'empty user': 1, 'bad value': 1 });
    expect(pq.report.rejectedRows).toEqual([
      { file: 'r.parquet', line: 2, column: 1, reason: 'empty user id' },
      { file: 'r.parquet', line: 3, column: 3, reason: 'value "five" is not a finite number within ±3.4e38' },
    ]);
    expect(pq.log.users).toEqual(['1', '4']);
    expect(Number.isNaN(pq.log.value[1])).toBe(true);
  });

  it('BigInt (INT64) ids become their decimal digits', async () => {
    const text = 'user_id,item_id\n9007199254740993,1\n18446744073709551,2\n';
    const pq = await loaded(parquet('big.parquet', text));
    expect(pq.log.users).toEqual(['9007199254740993', '18446744073709551']);
  });

  it('truncated, mislabelled and corrupt files fail with a message naming the file', async () => {
    const bytes = tableToParquet(...(Object.values(splitDelimited(SHOP, ',')) as [string[], string[][]]));
    const cut = await loadEvents(bytesSource('cut.parquet', bytes.subarray(0, bytes.length - 100)));
    expect(cut.ok ? '' : cut.reason).toMatch(/^cut\.parquet is not a readable Parquet file: .*\(truncated or corrupt\?\)$/);
    const fake = await loadEvents(textSource('fake.parquet', SHOP));
    expect(fake.ok ? '' : fake.reason).toBe(
      'fake.parquet is named as Parquet but is not a Parquet file (it does not start with the bytes PAR1)',
    );
    const gz = gzipSync(new TextEncoder().encode(SHOP.repeat(50)));
    const broken = await loadEvents(bytesSource('broken.csv.gz', gz.subarray(0, gz.length - 20)));
    expect(broken.ok ? '' : broken.reason).toMatch(/^broken\.csv\.gz is not a valid gzip file: .*\(truncated or corrupt\?\)$/);
    const plain = await loadEvents(textSource('plain.csv.gz', SHOP));
    expect(plain.ok ? '' : plain.reason).toMatch(/^plain\.csv\.gz is named as gzip but is not gzip-compressed/);
  });

  it('refuses a nested column, naming file and column', async () => {
    const { parquetWriteBuffer } = await import('hyparquet-writer');
    const bytes = parquetWriteBuffer({
      columnData: [
        { name: 'user', data: ['a', 'b'] },
        { name: 'tags', data: [[1, 2], [3]] },
      ],
      schema: [
        { name: 'root', num_children: 2 },
        { name: 'user', type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'REQUIRED' },
        { name: 'tags', repetition_type: 'OPTIONAL', num_children: 1, converted_type: 'LIST' },
        { name: 'list', repetition_type: 'REPEATED', num_children: 1 },
        { name: 'element', type: 'INT32', repetition_type: 'OPTIONAL' },
      ],
    });
    const r = await inspectSource(bytesSource('nested.parquet', new Uint8Array(bytes)));
    expect(r.ok ? '' : r.reason).toBe(
      'nested.parquet: column "tags" is nested (a list, map or struct); RecLens reads flat tables, one value per cell',
    );
  });

  it('sampling by user keeps the same users from Parquet as from the CSV', async () => {
    const rows = ['user,item'];
    for (let u = 0; u < 200; u++) for (let k = 0; k < 3; k++) rows.push(`user${u},item${(u * 7 + k) % 50}`);
    const text = rows.join('\n');
    const sample = { fraction: 0.3, seed: 5 };
    const csv = await loaded(textSource('s.csv', text), { sample });
    const pq = await loaded(parquet('s.parquet', text, { rowGroupSize: 128 }), { sample });
    expect(pq.log.users).toEqual(csv.log.users);
    expect(pq.report.sample).toEqual(csv.report.sample);
    expect(csv.log.users.length).toBeGreaterThan(30);
    expect(csv.log.users.length).toBeLessThan(90);
  });

  it('reports progress by row group and stops when cancelled mid-file', async () => {
    const rows = ['user,item'];
    for (let i = 0; i < 300_000; i++) rows.push(`u${i % 997},i${i % 101}`);
    const source = parquet('big.parquet', rows.join('\n'), { rowGroupSize: 100_000 });
    const seen: number[] = [];
    await loaded(source, { onProgress: (p) => seen.push(p.done / p.total!) });
    expect(seen.length).toBeGreaterThanOrEqual(3);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    const controller = new AbortController();
    const cancelled = loadEvents(source, {
      signal: controller.signal,
      onProgress: () => controller.abort(),
    });
    await expect(cancelled).rejects.toThrow('Cancelled');
  });

  it('reads an item catalog from Parquet', async () => {
    const text = 'item_id,title,price\n1,Toy Story (1995),9.5\n2,GoldenEye (1995),\n';
    const r = await loadItems(parquet('items.parquet', text));
    if (!r.ok) throw new Error(r.reason);
    expect(r.data.catalog.ids).toEqual(['1', '2']);
    expect(r.data.catalog.title).toEqual(['Toy Story (1995)', 'GoldenEye (1995)']);
  });

  const u = '/work/shared/data/ml-100k/u.data';
  it.skipIf(!existsSync(u))('ml-100k u.data as Parquet and as .gz gives the CSV’s log', async () => {
    const text = readFileSync(u, 'utf8');
    const csv = await loaded(textSource('u.data', text));
    const { header, rows } = splitDelimited(text, '\t', ['user_id', 'item_id', 'rating', 'timestamp']);
    const pq = await loaded(bytesSource('u.parquet', tableToParquet(header, rows, { rowGroupSize: 30_000 })));
    expect(essence(pq.log)).toEqual(essence(csv.log));
    const gz = await loaded(bytesSource('u.data.gz', gzipSync(new TextEncoder().encode(text))));
    expect(essence(gz.log)).toEqual(essence(csv.log));
    expect(gz.report.accepted).toBe(100_000);
  });
});

describe('other tables through openRows', () => {
  it('a causal variable table reads the same from Parquet as from CSV, and its first bad cell still fails it', async () => {
    const { parseNumericTable } = await import('../../causal/numericTable');
    const text = 'x,t,y\n0.5,1,2.25\n1.5,0,3\n';
    const csv = await parseNumericTable(textSource('vars.csv', text));
    const pq = await parseNumericTable(parquet('vars.parquet', text));
    if (!csv.ok || !pq.ok) throw new Error('table did not load');
    expect(pq.data.names).toEqual(['x', 't', 'y']);
    expect(pq.data.columns.map((c) => Array.from(c))).toEqual(csv.data.columns.map((c) => Array.from(c)));
    const bad = await parseNumericTable(parquet('bad.parquet', 'x,y\n1,2\n,3\n'));
    expect(bad.ok ? '' : bad.reason).toBe('bad.parquet: line 2, column 1 ("x"): "" is not a number');
  });
});
