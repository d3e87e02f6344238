// A log converted to Parquet (typed as a warehouse would type it: integer ids, TIMESTAMP times) reads under PyTorch
// (data.py through reclens_torch/parquet.py) to the same users.json, items.json and split.json as `reclens train`
// writes from the CSV it came from.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Papa from 'papaparse';
import { expect, it } from 'vitest';
import { tableToParquet, type ParquetOptions } from '../../bench/lib/parquet';
import { describePython, python, reclens, ROOT } from './python';

const DUMP = `
import sys, json
from reclens_torch.data import read_events
from reclens_torch.split import leave_one_out
from reclens_torch.checkpoint import split_json
log = read_events(sys.argv[1])
print(json.dumps([log['users'], log['items'], split_json(leave_one_out(log))]))
`;

function compareParquet(csv: string, header: string[] | null, options: ParquetOptions = {}): void {
  const text = readFileSync(csv, 'utf8').trim();
  const rows = Papa.parse<string[]>(text, { delimiter: text.split('\n')[0].includes('\t') ? '\t' : ',' }).data;
  const names = header ?? rows.shift()!;
  const dir = mkdtempSync(join(tmpdir(), 'reclens-pq-'));
  const pq = join(dir, 'log.parquet');
  writeFileSync(pq, tableToParquet(names, rows, { rowGroupSize: 1000, ...options }));
  mkdirSync(join(dir, 'ts'));
  reclens(['train', '--data', csv, '--model', 'pop', '--out', join(dir, 'ts')]);
  const ts = ['users.json', 'items.json', 'split.json'].map((f) => JSON.parse(readFileSync(join(dir, 'ts', f), 'utf8')));
  const py = JSON.parse(python(['-c', DUMP, pq]).stdout);
  expect(py[0]).toEqual(ts[0]);
  expect(py[1]).toEqual(ts[1]);
  expect(py[2]).toEqual(ts[2]);
}

describePython('Python reads Parquet as TypeScript reads the CSV', () => {
  it('the shop log: text ids, unix-second times as INT32, several row groups', () => {
    compareParquet(resolve(ROOT, 'e2e/fixtures/small-shop-events.csv'), null);
  });

  it('ISO times stored as a TIMESTAMP (ms) column, an id with a comma in quotes', () => {
    // An unreadable time ("not-a-time") cannot be a TIMESTAMP: the row is left out of both copies (TS would reject it).
    const csv = resolve(ROOT, 'e2e/fixtures/shop-events.csv');
    const lines = readFileSync(csv, 'utf8').trim().split('\n');
    const good = join(mkdtempSync(join(tmpdir(), 'reclens-pqcsv-')), 'shop.csv');
    writeFileSync(good, lines.filter((l) => !l.endsWith(',not-a-time')).join('\n') + '\n');
    compareParquet(good, null, { timestamps: { timestamp: 'MILLIS' } });
  });

  it.skipIf(!existsSync('/work/shared/data/ml-100k/u.data'))('ml-100k with integer ids (INT32 columns)', () => {
    compareParquet('/work/shared/data/ml-100k/u.data', ['user_id', 'item_id', 'rating', 'timestamp']);
  });
});
