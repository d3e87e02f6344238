// Writes tests/fixtures/parquet/events.csv and the same rows as events.parquet (hyparquet-writer), the fixture the
// Python package's Parquet reader is checked against. Run: npx tsx scripts/parquet-fixture.ts (output is deterministic).
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { splitDelimited, tableToParquet } from '../bench/lib/parquet';

const DIR = resolve(import.meta.dirname, '../tests/fixtures/parquet');
const ROWS = 300;
const EVENTS = ['view', 'view', 'view', 'cart', 'purchase'];

/** A seeded LCG (Numerical Recipes constants): the same fixture on every run. */
let state = 22;
const next = () => (state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 2 ** 32;

const lines = ['event_time,event_type,product_id,price,user_id,user_session'];
let t = Date.UTC(2019, 9, 1) * 1000; // microseconds
for (let i = 0; i < ROWS; i++) {
  t += Math.floor(next() * 90_000_000); // up to 90 s apart, with microseconds
  const iso = new Date(Math.floor(t / 1000)).toISOString().replace('Z', `${String(t % 1000).padStart(3, '0')}Z`);
  const user = 5_000_000_000 + Math.floor(next() * 40); // past 2^31: an INT64 column
  const item = 1000 + Math.floor(next() * 60);
  // Every 25th price missing: a null in Parquet, an empty cell in the CSV.
  const price = i % 25 === 7 ? '' : (5 + Math.floor(next() * 20_000) / 100).toFixed(2);
  lines.push(`${iso},${EVENTS[Math.floor(next() * EVENTS.length)]},${item},${price},${user},s${user % 97}-${Math.floor(i / 50)}`);
}
const csv = lines.join('\n') + '\n';
writeFileSync(resolve(DIR, 'events.csv'), csv);
const { header, rows } = splitDelimited(csv, ',');
writeFileSync(resolve(DIR, 'events.parquet'), tableToParquet(header, rows, { rowGroupSize: 100, timestamps: { event_time: 'MICROS' } }));
console.log(`wrote ${ROWS} rows to ${DIR}/events.csv and events.parquet`);
