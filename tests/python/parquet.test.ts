// python/reclens_torch/parquet.py, the built-in Parquet reader the PyTorch trainer falls back to when pyarrow is not
// importable (Debian's apt has none). Files are written here by hyparquet-writer from the repo's CSV fixtures (snappy,
// gzip, uncompressed; several row groups and pages; nulls; dictionary and DELTA_* encodings; INT64 timestamps), read by
// parquet.py in one Python process, and every value is compared with the source. Needs a python3 with numpy; skips
// without one, except in CI where that is a failure.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { asyncBufferFromFile, parquetMetadata, parquetReadObjects } from 'hyparquet';
import { compressors } from 'hyparquet-compressors';
import { parquetWriteFile } from 'hyparquet-writer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
const pythonDir = join(root, 'python');

function findPython(): string | undefined {
  for (const candidate of ['python3', '/usr/bin/python3']) {
    const r = spawnSync(candidate, ['-c', 'import numpy'], { encoding: 'utf8' });
    if (r.status === 0) return candidate;
  }
  return undefined;
}
const python = findPython();

// Reads each file named on the command line and prints {path: {schema, columns} | {error}} as JSON. Integers go out as
// decimal strings so INT64 values past 2**53 survive JSON; NaN goes out as null.
const READER = String.raw`
import json, os, sys
import numpy as np
sys.path.insert(0, sys.argv[1])
from reclens_torch import parquet, snappy
if os.environ.get('RECLENS_TEST_PURE_SNAPPY'):
    snappy.native = None  # decode with the pure-Python loop even where libsnappy loads

def cell(v):
    if v is None: return None
    if isinstance(v, (bool, np.bool_)): return bool(v)
    if isinstance(v, (int, np.integer)): return str(int(v))
    if isinstance(v, (float, np.floating)): return None if np.isnan(v) else float(v)
    return v

def column(values):
    if isinstance(values, list): return {'kind': 'list', 'values': [cell(v) for v in values]}
    return {'kind': str(values.dtype), 'values': [cell(v) for v in values.tolist()]}

out = {}
for path in sys.argv[2:]:
    try:
        groups = [len(next(iter(g.values()))) for g in parquet.iter_row_groups(path, engine='builtin')]
        data = parquet.read_parquet(path, engine='builtin')
        out[path] = {'schema': parquet.schema(path), 'groups': groups, 'columns': {k: column(v) for k, v in data.items()}}
    except ValueError as e:
        out[path] = {'error': type(e).__name__ + ': ' + str(e)}
print(json.dumps(out))
`;

interface PyColumn {
  kind: string;
  values: (string | number | boolean | null)[];
}
interface PyFile {
  schema?: { name: string; physical: string; logical: string | null; unit: string | null; nullable: boolean }[];
  groups?: number[];
  columns?: Record<string, PyColumn>;
  error?: string;
}

function readWithPython(paths: string[], pureSnappy = false): Record<string, PyFile> {
  const env = { ...process.env, RECLENS_TEST_PURE_SNAPPY: pureSnappy ? '1' : '' };
  const r = spawnSync(python!, ['-c', READER, pythonDir, ...paths], { encoding: 'utf8', env, maxBuffer: 256 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`parquet.py failed: ${r.stderr}`);
  return JSON.parse(r.stdout) as Record<string, PyFile>;
}

/** The fixture CSVs are plain (no quotes, no commas inside cells), so a split is an exact parse of them. */
function readCsv(name: string): Record<string, string>[] {
  const [head, ...lines] = readFileSync(join(root, 'e2e', 'fixtures', name), 'utf8')
    .trim()
    .split('\n');
  const cols = head.split(',');
  return lines.map((line) => Object.fromEntries(line.split(',').map((v, i) => [cols[i], v])));
}

// Source columns derived from small-shop-events.csv: the log's own columns plus nullable numbers with a known pattern.
const events = readCsv('small-shop-events.csv');
const n = events.length;
const source = {
  row: events.map((_, i) => i),
  user_id: events.map((e) => e.user_id),
  item_id: events.map((e) => e.item_id),
  event_type: events.map((e) => e.event_type),
  timestamp: events.map((e) => Number(e.timestamp) * 1000), // ms since the epoch, as TIMESTAMP_MILLIS stores them
  session_id: events.map((e, i) => (i % 3 === 0 ? null : e.session_id)),
  price: events.map((_, i) => (i % 7 === 0 ? null : i / 8 - 100)),
  score: events.map((_, i) => ((i % 100) - 50) / 4), // quarters: exact in float32
  qty: events.map((_, i) => (i % 5 === 0 ? null : (i * 37) % 11)),
  viewed: events.map((e, i) => (i % 9 === 4 ? null : e.event_type === 'view')),
  big: events.map((_, i) => 2n ** 60n + BigInt(i) * 1_000_003n),
};

type Encoding = 'PLAIN' | 'DELTA_BINARY_PACKED' | 'DELTA_LENGTH_BYTE_ARRAY' | 'DELTA_BYTE_ARRAY' | 'BYTE_STREAM_SPLIT' | undefined;
function writeEvents(
  path: string,
  codec: 'SNAPPY' | 'GZIP' | 'UNCOMPRESSED',
  encodings: Partial<Record<keyof typeof source, Encoding>> = {},
) {
  parquetWriteFile({
    filename: path,
    codec,
    compressors: { GZIP: (bytes: Uint8Array) => gzipSync(bytes) },
    rowGroupSize: 1000,
    pageSize: 4096,
    columnData: [
      { name: 'row', data: source.row, type: 'INT32', nullable: false, encoding: encodings.row },
      { name: 'user_id', data: source.user_id, type: 'STRING', encoding: encodings.user_id },
      { name: 'item_id', data: source.item_id, type: 'STRING', encoding: encodings.item_id },
      { name: 'event_type', data: source.event_type, type: 'STRING', encoding: encodings.event_type },
      { name: 'timestamp', data: source.timestamp.map((ms) => new Date(ms)), type: 'TIMESTAMP', encoding: encodings.timestamp },
      { name: 'session_id', data: source.session_id, type: 'STRING', encoding: encodings.session_id },
      { name: 'price', data: source.price, type: 'DOUBLE', encoding: encodings.price },
      { name: 'score', data: source.score, type: 'FLOAT', nullable: false, encoding: encodings.score },
      { name: 'qty', data: source.qty, type: 'INT32', encoding: encodings.qty },
      { name: 'viewed', data: source.viewed, type: 'BOOLEAN' },
      { name: 'big', data: source.big, type: 'INT64', nullable: false, encoding: encodings.big },
    ],
  });
}

/** What parquet.py must give for a source value: integers as decimal strings from integer arrays (so INT64 stays exact),
 * plain numbers from float arrays, null for NaN/None. */
function expected(name: keyof typeof source, kind: string): (string | number | boolean | null)[] {
  const integral = kind.startsWith('int') || kind.startsWith('uint');
  return (source[name] as unknown[]).map((v) => (v === null ? null : integral ? String(v) : (v as string | number | boolean)));
}

function chunkEncodings(path: string, column: string): string[] {
  const bytes = readFileSync(path);
  const meta = parquetMetadata(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  return [
    ...new Set(
      meta.row_groups.flatMap((g) =>
        g.columns.filter((c) => c.meta_data?.path_in_schema[0] === column).flatMap((c) => c.meta_data?.encodings ?? []),
      ),
    ),
  ];
}

const ci = Boolean(process.env.CI);

describe.runIf(python !== undefined || ci)('parquet.py (the built-in reader) on files hyparquet-writer wrote', () => {
  let dir = '';
  const file = (name: string) => join(dir, name);
  let results: Record<string, PyFile> = {};

  beforeAll(() => {
    if (python === undefined) return;
    dir = mkdtempSync(join(tmpdir(), 'reclens-parquet-py-'));
    writeEvents(file('snappy.parquet'), 'SNAPPY');
    writeEvents(file('gzip.parquet'), 'GZIP');
    writeEvents(file('plain.parquet'), 'UNCOMPRESSED');
    writeEvents(file('delta.parquet'), 'SNAPPY', {
      row: 'DELTA_BINARY_PACKED',
      qty: 'DELTA_BINARY_PACKED',
      timestamp: 'DELTA_BINARY_PACKED',
      big: 'DELTA_BINARY_PACKED',
      user_id: 'DELTA_LENGTH_BYTE_ARRAY',
      item_id: 'DELTA_BYTE_ARRAY',
      session_id: 'DELTA_BYTE_ARRAY',
      event_type: 'PLAIN',
      price: 'BYTE_STREAM_SPLIT',
      score: 'BYTE_STREAM_SPLIT',
    });
    const shop = readCsv('shop-events.csv');
    parquetWriteFile({
      filename: file('shop.parquet'),
      columnData: [
        { name: 'user_id', data: shop.map((e) => e.user_id), type: 'STRING' },
        // The fixture's last row says 'not-a-time': it goes in as a null.
        {
          name: 'timestamp',
          data: shop.map((e) => (Number.isNaN(Date.parse(e.timestamp)) ? null : new Date(e.timestamp))),
          type: 'TIMESTAMP',
        },
      ],
    });
    // One distinct value: the dictionary indices are written at bit width 0, in bit-packed groups with no bytes.
    parquetWriteFile({
      filename: file('one.parquet'),
      columnData: [
        { name: 's', data: ['a', 'a', null, 'a', 'a'], type: 'STRING' },
        { name: 'i', data: [7, 7, 7, 7, 7], type: 'INT32', encoding: 'RLE_DICTIONARY' },
      ],
    });
    const whole = readFileSync(file('snappy.parquet'));
    writeFileSync(file('truncated.parquet'), whole.subarray(0, Math.floor(whole.length / 2)));
    // The footer intact but a data page cut short: the footer's offsets now point past what the page holds.
    const cut = Buffer.concat([whole.subarray(0, 200), whole.subarray(400)]);
    writeFileSync(file('holed.parquet'), cut);
    const names = ['snappy', 'gzip', 'plain', 'delta', 'shop', 'one', 'truncated', 'holed'].map((s) => file(`${s}.parquet`));
    results = readWithPython(names);
  });
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('has a python3 with numpy to run it (CI must)', () => {
    expect(python).toBeDefined();
  });

  for (const codec of ['snappy', 'gzip', 'plain', 'delta']) {
    it(`reads every value of the ${codec} file as written`, () => {
      const got = results[file(`${codec}.parquet`)];
      expect(got.error).toBeUndefined();
      expect(got.groups).toEqual([1000, 1000, 1000, n - 3000]);
      for (const name of Object.keys(source) as (keyof typeof source)[]) {
        expect(got.columns![name].values, name).toEqual(expected(name, got.columns![name].kind));
      }
      const kinds = Object.fromEntries(Object.entries(got.columns!).map(([k, c]) => [k, c.kind]));
      // Nullable integers come back float64 (exact below 2**53); required ones keep their width; strings are lists.
      expect(kinds).toEqual({
        row: 'int32',
        user_id: 'list',
        item_id: 'list',
        event_type: 'list',
        timestamp: 'int64',
        session_id: 'list',
        price: 'float64',
        score: 'float32',
        qty: 'float64',
        viewed: 'object',
        big: 'int64',
      });
    });
  }

  it('reads the Snappy files the same with the pure-Python decoder as with libsnappy', () => {
    const names = ['snappy', 'delta', 'shop', 'truncated'].map((s) => file(`${s}.parquet`));
    const pure = readWithPython(names, true);
    for (const name of names) expect(pure[name], name).toEqual(results[name]);
  });

  it('exercised the encodings it claims to (dictionary by default, DELTA_* where asked)', () => {
    expect(chunkEncodings(file('snappy.parquet'), 'event_type')).toContain('RLE_DICTIONARY');
    expect(chunkEncodings(file('delta.parquet'), 'user_id')).toContain('DELTA_LENGTH_BYTE_ARRAY');
    expect(chunkEncodings(file('delta.parquet'), 'item_id')).toContain('DELTA_BYTE_ARRAY');
    expect(chunkEncodings(file('delta.parquet'), 'big')).toContain('DELTA_BINARY_PACKED');
    expect(chunkEncodings(file('delta.parquet'), 'price')).toContain('BYTE_STREAM_SPLIT');
  });

  it('reports the timestamp unit and nullability in schema()', () => {
    const schema = results[file('snappy.parquet')].schema!;
    expect(schema.find((c) => c.name === 'timestamp')).toEqual({
      name: 'timestamp',
      physical: 'INT64',
      logical: 'TIMESTAMP',
      unit: 'ms',
      nullable: true,
    });
    expect(schema.find((c) => c.name === 'row')?.nullable).toBe(false);
  });

  it('reads ISO timestamps from shop-events.csv as epoch milliseconds, the unparsable one as NaN', () => {
    const shop = readCsv('shop-events.csv');
    const got = results[file('shop.parquet')];
    expect(got.columns!.timestamp.kind).toBe('float64');
    expect(got.columns!.timestamp.values).toEqual(
      shop.map((e) => (Number.isNaN(Date.parse(e.timestamp)) ? null : Date.parse(e.timestamp))),
    );
    expect(got.columns!.timestamp.values.at(-1)).toBeNull();
    expect(got.columns!.user_id.values).toEqual(shop.map((e) => e.user_id));
  });

  it('reads a one-entry dictionary (indices at bit width 0)', () => {
    const got = results[file('one.parquet')];
    expect(chunkEncodings(file('one.parquet'), 's')).toContain('RLE_DICTIONARY');
    expect(got.columns!.s.values).toEqual(['a', 'a', null, 'a', 'a']);
    expect(got.columns!.i).toEqual({ kind: 'int32', values: ['7', '7', '7', '7', '7'] });
  });

  it('refuses truncated and holed files with a ValueError naming the file', () => {
    for (const name of ['truncated', 'holed']) {
      const got = results[file(`${name}.parquet`)];
      expect(got.error).toMatch(/^ParquetError: /);
      expect(got.error).toContain(file(`${name}.parquet`));
    }
  });

  // A second oracle: hyparquet (the app's reader) on the same files, compared column by column in milliseconds for times.
  async function expectAgreesWithHyparquet(path: string, got: PyFile) {
    const rows = (await parquetReadObjects({ file: await asyncBufferFromFile(path), compressors })) as Record<string, unknown>[];
    expect(got.error).toBeUndefined();
    for (const col of got.schema!) {
      const perMs = col.logical === 'TIMESTAMP' ? { ms: 1n, us: 1000n, ns: 1_000_000n }[col.unit as 'ms' | 'us' | 'ns'] : undefined;
      const fromJs = rows.map((r) => {
        const v = r[col.name];
        if (v === null || v === undefined) return null;
        if (v instanceof Date) return String(col.logical === 'DATE' ? v.getTime() / 86_400_000 : v.getTime());
        if (typeof v === 'bigint') return v.toString();
        if (typeof v === 'number' && Number.isInteger(v) && col.physical.startsWith('INT')) return String(v);
        return v;
      });
      const fromPy = got.columns![col.name].values.map((v) => {
        if (v === null || typeof v === 'boolean' || !col.physical.startsWith('INT')) return v;
        return perMs ? String(BigInt(v) / perMs) : String(v);
      });
      expect(fromPy, `${path}: ${col.name}`).toEqual(fromJs);
    }
  }

  it('agrees with hyparquet on every file written here', async () => {
    for (const name of ['snappy', 'gzip', 'plain', 'delta', 'shop', 'one']) {
      await expectAgreesWithHyparquet(file(`${name}.parquet`), results[file(`${name}.parquet`)]);
    }
  });

  const events = join(root, 'tests', 'fixtures', 'parquet', 'events.parquet');
  it.runIf(existsSync(events))('agrees with hyparquet on tests/fixtures/parquet/events.parquet', async () => {
    await expectAgreesWithHyparquet(events, readWithPython([events])[events]);
  });

  const eventsCsv = join(root, 'tests', 'fixtures', 'parquet', 'events.csv');
  it.runIf(existsSync(events) && existsSync(eventsCsv))(
    'reads events.parquet to the microsecond as events.csv and its README state',
    () => {
      const got = readWithPython([events])[events];
      const [head, ...lines] = readFileSync(eventsCsv, 'utf8').trim().split(/\r?\n/);
      const cols = head.split(',');
      const csv = (name: string) => lines.map((l) => l.split(',')[cols.indexOf(name)]);
      const micros = csv('event_time').map((t) => {
        const m = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)\.(\d{6})Z$/.exec(t);
        if (!m) throw new Error(`unexpected time ${t}`);
        return String(BigInt(Date.parse(`${m[1]}Z`)) * 1000n + BigInt(m[2]));
      });
      expect(got.columns!.event_time.values).toEqual(micros);
      expect(got.columns!.user_id.values).toEqual(csv('user_id'));
      expect(got.columns!.product_id.values).toEqual(csv('product_id'));
      expect(got.columns!.price.values).toEqual(csv('price').map((p) => (p === '' ? null : Number(p))));
      expect(got.columns!.event_type.values).toEqual(csv('event_type'));
      expect(got.columns!.user_session.values).toEqual(csv('user_session'));
      // The README's figures: 300 rows, 40 users, 59 items; view 182, cart 63, purchase 55; the first time 1569888022.013471 s.
      const types = got.columns!.event_type.values;
      expect(types.length).toBe(300);
      expect(new Set(got.columns!.user_id.values).size).toBe(40);
      expect(new Set(got.columns!.product_id.values).size).toBe(59);
      expect(['view', 'cart', 'purchase'].map((t) => types.filter((v) => v === t).length)).toEqual([182, 63, 55]);
      expect(got.columns!.event_time.values[0]).toBe('1569888022013471');
    },
  );

  it("passes the reader's own Python unit tests (snappy blocks, V1 pages, corrupt files)", () => {
    const r = spawnSync(python!, ['-m', 'unittest', 'discover', '-s', join(pythonDir, 'tests'), '-p', 'test_parquet*.py'], {
      encoding: 'utf8',
    });
    expect(r.stderr).toMatch(/\nOK/);
    expect(r.status).toBe(0);
  });
});

// Real data, as a warehouse would export it: the REES46 shop log's head (17,434 events) with its 19-digit category ids
// (past 2**53, so INT64 must stay exact), empty category codes and brands (nulls), prices and UTC event times.
const rees46 = '/work/shared/data/rees46-ecommerce-sample/2019-Oct_head.csv';
describe.runIf(python !== undefined && existsSync(rees46))('parquet.py on the REES46 sample converted to Parquet', () => {
  it('gives back every cell of the CSV', () => {
    const [head, ...lines] = readFileSync(rees46, 'utf8').trim().split(/\r?\n/); // CRLF line ends
    const cols = head.split(',');
    const rows = lines.map((line) => line.split(',')); // the sample has no quoted cells
    const col = (name: string) => rows.map((r) => r[cols.indexOf(name)]);
    const nullable = (name: string) => col(name).map((v) => (v === '' ? null : v));
    const dir = mkdtempSync(join(tmpdir(), 'reclens-parquet-rees46-'));
    try {
      const path = join(dir, 'rees46.parquet');
      const times = col('event_time').map((t) => Date.parse(t.replace(' UTC', 'Z').replace(' ', 'T')));
      parquetWriteFile({
        filename: path,
        rowGroupSize: 5000,
        columnData: [
          { name: 'event_time', data: times.map((ms) => new Date(ms)), type: 'TIMESTAMP', nullable: false },
          { name: 'event_type', data: col('event_type'), type: 'STRING' },
          { name: 'product_id', data: col('product_id').map(BigInt), type: 'INT64', nullable: false },
          { name: 'category_id', data: col('category_id').map(BigInt), type: 'INT64', nullable: false },
          { name: 'category_code', data: nullable('category_code'), type: 'STRING' },
          { name: 'brand', data: nullable('brand'), type: 'STRING' },
          { name: 'price', data: col('price').map(Number), type: 'DOUBLE', nullable: false },
          { name: 'user_id', data: col('user_id').map(BigInt), type: 'INT64', nullable: false },
          { name: 'user_session', data: nullable('user_session'), type: 'STRING' },
        ],
      });
      const got = readWithPython([path])[path];
      expect(got.error).toBeUndefined();
      expect(got.groups).toEqual([5000, 5000, 5000, rows.length - 15000]);
      const values = (name: string) => got.columns![name].values;
      expect(values('event_time')).toEqual(times.map(String));
      for (const name of ['product_id', 'category_id', 'user_id']) expect(values(name), name).toEqual(col(name));
      for (const name of ['event_type', 'category_code', 'brand', 'user_session']) expect(values(name), name).toEqual(nullable(name));
      expect(values('price')).toEqual(col('price').map(Number));
      expect(values('category_code').filter((v) => v === null).length).toBeGreaterThan(0); // the nulls were exercised
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
