// The Python reading of a log (python/reclens_torch/data.py, split.py) gives the same users.json, items.json and
// split.json as `reclens train` writes for the same file: the same column detection, event names, rejected rows,
// dictionary order, time order and leave-one-out split. Otherwise a checkpoint trained on PyTorch would label its
// scores with the wrong ids when opened in the app. Sampling by users keeps the same users as the app's.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { expect, it } from 'vitest';
import { fileSource } from '../../src/cli/files';
import { loadEvents } from '../../src/data/csv/load';
import { hashRange } from '../../src/data/csv/sampleUsers';
import { leaveOneOutSplit, type LeaveOneOutSplit } from '../../src/rec/split';
import { describePython, python, reclens, ROOT } from './python';

const SHARED = '/work/shared/data';
const DUMP = `
import sys, json
from reclens_torch.data import read_events
from reclens_torch.split import leave_one_out
from reclens_torch.checkpoint import split_json
path, columns, out = sys.argv[1], sys.argv[2] or None, sys.argv[3]
log = read_events(path, columns)
for name, x in (('users.json', log['users']), ('items.json', log['items']), ('split.json', split_json(leave_one_out(log)))):
    json.dump(x, open(out + '/' + name, 'w'))
print(json.dumps(log['rejected']))
`;

/** [users, items, split] as parsed JSON from a folder. */
const files = (dir: string) => ['users.json', 'items.json', 'split.json'].map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')));

function compare(tsFile: string, pyFile = tsFile, map?: string): Record<string, number> {
  const dir = mkdtempSync(join(tmpdir(), 'reclens-pydata-'));
  reclens(['train', '--data', tsFile, '--model', 'pop', '--out', join(dir, 'ts'), ...(map ? ['--map', map] : [])]);
  const py = join(dir, 'py');
  mkdirSync(py);
  const rejected = JSON.parse(python(['-c', DUMP, pyFile, map ?? '', py]).stdout);
  const [tsUsers, tsItems, tsSplit] = files(join(dir, 'ts'));
  const [pyUsers, pyItems, pySplit] = files(py);
  expect(pyUsers).toEqual(tsUsers);
  expect(pyItems).toEqual(tsItems);
  expect(pySplit).toEqual(tsSplit);
  return rejected;
}

const fixture = (name: string) => resolve(ROOT, 'e2e/fixtures', name);

describePython('Python data path = TypeScript data path', () => {
  it('a shop log with sessions and five event types (exposures left out of the split)', () => {
    expect(compare(fixture('small-shop-events.csv'))).toEqual({});
  });

  it('ISO times and a row whose time is unreadable (rejected on both sides)', () => {
    expect(compare(fixture('shop-events.csv'))).toEqual({ 'bad timestamp': 1 });
  });

  it('the same log gzip-compressed reads as the plain one', () => {
    const gz = join(mkdtempSync(join(tmpdir(), 'reclens-gz-')), 'small-shop-events.csv.gz');
    writeFileSync(gz, gzipSync(readFileSync(fixture('small-shop-events.csv'))));
    compare(fixture('small-shop-events.csv'), gz);
  });

  it('ids and event labels with control characters or a stray byte-order mark are rejected alike', () => {
    const csv = join(mkdtempSync(join(tmpdir(), 'reclens-ctrl-')), 'ctrl.csv');
    const rows = [
      'alice,book-1,view,2024-03-01T10:00:00Z',
      'al\u0001ice,book-2,view,2024-03-01T10:01:00Z',
      // The item is refused, but its row's event type ("cart") is still named first, as TS interns it before the ids.
      'bob,bo\u007fok,cart,2024-03-01T10:02:00Z',
      'bob,book-1,vi\u0002ew,2024-03-01T10:03:00Z',
      'bob,book-3,purchase,2024-03-01T10:04:00Z',
      'alice,book-3,view,2024-03-01T10:05:00Z',
      'alice,\ufeffbook-9,view,2024-03-01T10:06:00Z',
      'bob,book-2,view,2024-03-01T10:07:00Z',
    ];
    writeFileSync(csv, ['user_id,item_id,event_type,timestamp', ...rows].join('\n') + '\n');
    expect(compare(csv)).toEqual({ 'control character': 4 });
  });

  it('a mapping given by hand (the session column as the user)', () => {
    compare(fixture('small-shop-events.csv'), undefined, 'user=session_id');
  });

  it.skipIf(!existsSync(join(SHARED, 'ml-100k/u.data')))('ml-100k u.data (headerless, tab-separated, unix seconds)', () => {
    compare(join(SHARED, 'ml-100k/u.data'));
  });

  it.skipIf(!existsSync(join(SHARED, 'rees46-ecommerce-sample/2019-Oct_head.csv')))('REES46 (ISO times with a UTC suffix)', () => {
    compare(join(SHARED, 'rees46-ecommerce-sample/2019-Oct_head.csv'));
  });
});

const SAMPLE = `
import sys, json
from reclens_torch.data import read_events, user_hash
from reclens_torch.split import leave_one_out
from reclens_torch.checkpoint import split_json
path, fraction, seed = sys.argv[1], float(sys.argv[2]), int(sys.argv[3])
log = read_events(path, sample=fraction, sample_seed=seed)
ids = json.loads(sys.argv[4])
print(json.dumps({'users': log['users'], 'items': log['items'], 'split': split_json(leave_one_out(log)),
                  'sampledOut': log['sampledOut'], 'hashes': [user_hash(x, seed) for x in ids]}))
`;

/** split.json as encodeCheckpoint writes it. */
const splitJson = (s: LeaveOneOutSplit) => ({
  offsets: Array.from(s.sequences.offsets),
  items: Array.from(s.sequences.items),
  isTarget: Array.from(s.isTarget),
  valPos: Array.from(s.valPos),
  testPos: Array.from(s.testPos),
  events: Array.from(s.events!),
  numEventTypes: s.numEventTypes,
});

describePython('Python sampling by users = TypeScript sampling by users', () => {
  // Ids beyond ASCII hash by UTF-16 code units on both sides (a surrogate pair is two units).
  const ids = ['u1', 'visitor-42', '用户7', '😀x', ''];
  for (const [file, fraction, seed] of [
    [fixture('small-shop-events.csv'), 0.3, 1],
    [fixture('small-shop-events.csv'), 0.5, 7],
    [join(SHARED, 'ml-100k/u.data'), 0.1, 1],
  ] as const) {
    it.skipIf(!existsSync(file))(`${file.split('/').pop()} at ${fraction} (seed ${seed}): the same users, items and split`, async () => {
      const loaded = await loadEvents(fileSource(file), { sample: { fraction, seed } });
      if (!loaded.ok) throw new Error(loaded.reason);
      const { log, report } = loaded.data;
      const split = leaveOneOutSplit(log);
      const py = JSON.parse(python(['-c', SAMPLE, file, String(fraction), String(seed), JSON.stringify(ids)]).stdout);
      expect(py.users).toEqual(log.users);
      expect(py.items).toEqual(log.items);
      expect(py.split).toEqual(splitJson(split));
      expect(py.sampledOut).toBe(report.sample!.sampledOut);
      expect(py.hashes).toEqual(ids.map((id) => hashRange(id, 0, id.length, seed)));
    });
  }
});
