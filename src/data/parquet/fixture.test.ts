// The committed Parquet fixture (tests/fixtures/parquet, made by scripts/parquet-fixture.ts) reads as its CSV twin does:
// the figures its README gives the Python reader to check against.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadEvents } from '../csv/load';
import { bytesSource } from '../csv/source';
import { openParquet } from './parquetSource';

const DIR = resolve(import.meta.dirname, '../../../tests/fixtures/parquet');
const source = (name: string) => bytesSource(name, new Uint8Array(readFileSync(resolve(DIR, name))));

describe('tests/fixtures/parquet/events.parquet', () => {
  it('holds 300 rows in 3 row groups with typed columns, and reads as events.csv does', async () => {
    const table = await openParquet(source('events.parquet'));
    if (!table.ok) throw new Error(table.reason);
    expect(table.data.metadata.row_groups.map((g) => Number(g.num_rows))).toEqual([100, 100, 100]);
    expect(table.data.metadata.schema.slice(1).map((c) => [c.name, c.type, c.logical_type?.type ?? c.converted_type])).toEqual([
      ['event_time', 'INT64', 'TIMESTAMP'],
      ['event_type', 'BYTE_ARRAY', 'UTF8'],
      ['product_id', 'INT32', undefined],
      ['price', 'DOUBLE', undefined],
      ['user_id', 'INT64', undefined],
      ['user_session', 'BYTE_ARRAY', 'UTF8'],
    ]);
    expect(table.data.shape.sample[0]).toEqual(['2019-10-01T00:00:22.013471Z', 'view', '1052', '101.44', '5000000010', 's83-0']);
    const pq = await loadEvents(source('events.parquet'));
    const csv = await loadEvents(source('events.csv'));
    if (!pq.ok || !csv.ok) throw new Error('fixture did not load');
    expect([pq.data.report.accepted, pq.data.log.users.length, pq.data.log.items.length]).toEqual([300, 40, 59]);
    expect(pq.data.log.users).toEqual(csv.data.log.users);
    expect(pq.data.log.items).toEqual(csv.data.log.items);
    expect(Array.from(pq.data.log.time)).toEqual(Array.from(csv.data.log.time));
    expect(pq.data.log.time[0]).toBe(1569888022.013471);
    expect(Array.from(pq.data.log.event)).toEqual(Array.from(csv.data.log.event));
  });
});
