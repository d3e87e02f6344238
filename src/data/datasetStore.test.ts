// Dataset store on fake-indexeddb and the workspace file: a dataset round-trips column for column, a quota failure
// writes nothing, delete and clear remove what they say, and a workspace file brings back datasets, checkpoints and
// evaluations while refusing files that are damaged or try to smuggle in anything but data.
import { IDBFactory, IDBObjectStore } from 'fake-indexeddb';
import { afterEach, describe, expect, it } from 'vitest';
import { loadDemo } from './demo';
import { summarise } from './summary';
import { openDatasetStore, type DatasetStore } from './datasetStore';
import { fromColumns, joinColumns, splitColumns, toColumns } from './datasetColumns';
import { emptyWorkspace, type WorkspaceRecord } from './workspaceRecord';
import { decodeWorkspaceFile, encodeWorkspaceFile } from './workspaceFile';
import type { DatasetPayload } from './dataset';

const demo = loadDemo({ users: 40, seed: 3 });
const content: DatasetPayload = {
  name: 'shop.csv',
  log: demo.log,
  catalog: demo.catalog,
  summary: summarise(demo.log),
  reports: [],
  truth: null,
};

let store: DatasetStore | undefined;
const open = async () => {
  const s = await openDatasetStore({ indexedDB: new IDBFactory() });
  if (!s.ok) throw new Error(s.reason);
  store = s.data;
  return s.data;
};
const originalPut = IDBObjectStore.prototype.put;
afterEach(() => {
  IDBObjectStore.prototype.put = originalPut;
  store?.close();
});

function expectSameDataset(a: DatasetPayload, b: DatasetPayload) {
  expect(a.name).toBe(b.name);
  for (const k of ['users', 'items', 'sessions', 'eventTypes'] as const) expect([...a.log[k]]).toEqual([...b.log[k]]);
  for (const k of ['user', 'item', 'event', 'time', 'value', 'session', 'seqOffsets', 'seqOrder'] as const) {
    expect(a.log[k].constructor).toBe(b.log[k].constructor);
    expect([...a.log[k]]).toEqual([...b.log[k]]);
  }
  expect(a.log.length).toBe(b.log.length);
  expect(a.log.hasTime).toBe(b.log.hasTime);
  expect(a.catalog?.title).toEqual(b.catalog?.title);
  expect([...(a.catalog?.price ?? [])]).toEqual([...(b.catalog?.price ?? [])]);
  expect(a.summary).toEqual(b.summary);
}

const session: WorkspaceRecord = {
  ...emptyWorkspace(),
  datasets: [{ kind: 'demo' }, { kind: 'stored', id: 'x1' }],
  active: 1,
  models: [{ checkpoint: 'ds-2/itemknn/2026', dataset: 1, modelId: 'm-1', name: 'itemknn' }],
  evaluations: [{ modelId: 'm-1', protocol: 'leave-one-out', k: [10], result: { metrics: { ndcg: 0.25 } } }],
  settings: { theme: 'dark' },
};

describe('dataset store', () => {
  it('gives back the dataset it saved, column for column, and lists it with its size', async () => {
    const s = await open();
    const saved = await s.save('x1', content);
    if (!saved.ok) throw new Error(saved.reason);
    expect(saved.data).toMatchObject({
      id: 'x1',
      name: 'shop.csv',
      events: demo.log.length,
      users: demo.log.users.length,
      items: demo.log.items.length,
    });
    expect(saved.data.bytes).toBeGreaterThan(demo.log.length * 4 * 5);
    const loaded = await s.load('x1');
    if (!loaded.ok) throw new Error(loaded.reason);
    expectSameDataset(loaded.data, content);
    const list = await s.list();
    expect(list.ok && list.data.map((d) => d.id)).toEqual(['x1']);
  });

  it('writes nothing when storage is full and says so', async () => {
    const s = await open();
    IDBObjectStore.prototype.put = function (this: IDBObjectStore, ...args: [unknown, IDBValidKey?]) {
      if (this.name === 'columns') throw new DOMException('quota', 'QuotaExceededError');
      return originalPut.apply(this, args);
    };
    const r = await s.save('big', content);
    expect(!r.ok && r.reason).toMatch(
      /^saving shop\.csv in the browser failed: not enough storage space \(QuotaExceededError\).*stays open/,
    );
    IDBObjectStore.prototype.put = originalPut;
    expect(await s.list()).toEqual({ ok: true, data: [] });
  });

  it('deletes one dataset, and clear removes datasets and the workspace record', async () => {
    const s = await open();
    await s.save('a', content);
    await s.save('b', { ...content, name: 'other.csv' });
    await s.saveWorkspace(session);
    expect(await s.delete('a')).toEqual({ ok: true, data: true });
    expect(await s.delete('a')).toEqual({ ok: true, data: false });
    expect((await s.load('a')).ok).toBe(false);
    const list = await s.list();
    expect(list.ok && list.data.map((d) => d.name)).toEqual(['other.csv']);
    expect(await s.loadWorkspace()).toEqual({ ok: true, data: session });
    expect(await s.clear()).toEqual({ ok: true, data: undefined });
    expect(await s.list()).toEqual({ ok: true, data: [] });
    expect(await s.loadWorkspace()).toEqual({ ok: true, data: null });
  });

  it('renames a saved dataset in its list entry and its stored copy, and says when there is none', async () => {
    const s = await open();
    await s.save('a', content);
    expect(await s.rename('a', 'MovieLens 100K')).toEqual({ ok: true, data: true });
    const list = await s.list();
    expect(list.ok && list.data.map((d) => d.name)).toEqual(['MovieLens 100K']);
    const loaded = await s.load('a');
    expect(loaded.ok && loaded.data.name).toBe('MovieLens 100K');
    expect(loaded.ok && loaded.data.log.length).toBe(demo.log.length);
    expect(await s.rename('missing', 'x')).toEqual({ ok: true, data: false });
  });

  it('stores large per-event columns in pieces (one clone per task) and joins them back exactly', () => {
    const n = 2_500_000;
    const columns = toColumns(content);
    const big = {
      ...columns,
      log: {
        ...columns.log,
        length: n,
        time: Float64Array.from({ length: n }, (_, i) => i * 0.5),
        user: Uint32Array.from({ length: n }, (_, i) => i % 40),
      },
    };
    const { head, pieces } = splitColumns('d1', big);
    expect(pieces.filter((p) => p.column === 'time').map((p) => p.data().byteLength)).toEqual([8 << 20, 8 << 20, (n - (2 << 20)) * 8]);
    expect(head.log.time).toBeNull();
    const keys = (head as unknown as { pieceKeys: string[] }).pieceKeys;
    const joined = joinColumns(
      head,
      pieces
        .map((p, i) => ({ key: keys[i], data: p.data() }))
        .reverse()
        .sort((a, b) => (a.key < b.key ? -1 : 1)),
    ) as typeof big;
    expect(joined.log.time).toEqual(big.log.time);
    expect(joined.log.user).toEqual(big.log.user);
    expect(joined.log.item).toEqual(columns.log.item);
  });

  it('refuses columns whose indices point outside their dictionaries', () => {
    const cols = toColumns(content);
    const user = cols.log.user.slice();
    user[0] = 999_999;
    const r = fromColumns({ ...cols, log: { ...cols.log, user } });
    expect(!r.ok && r.reason).toMatch(/event 0 points outside its dictionaries/);
    expect(fromColumns({ ...cols, log: { ...cols.log, time: new Float32Array(cols.log.length) } }).ok).toBe(false);
  });
});

describe('workspace file', () => {
  const checkpoint = {
    info: { id: 'ds-2/itemknn/2026', model: 'itemknn' },
    files: { 'config.json': '{"a":1}', 'weights.bin': new Uint8Array([1, 2, 3, 250]) },
  };

  it('round-trips datasets, checkpoints, evaluations and settings', () => {
    const text = encodeWorkspaceFile({ workspace: session, datasets: { x1: content }, checkpoints: [checkpoint] });
    const back = decodeWorkspaceFile(text);
    if (!back.ok) throw new Error(back.reason);
    expect(back.data.workspace).toEqual(session);
    expectSameDataset(back.data.datasets.x1, content);
    expect(back.data.checkpoints).toEqual([checkpoint]);
    expect(back.data.checkpoints[0].files['weights.bin']).toBeInstanceOf(Uint8Array);
  });

  it('refuses what is not a workspace, a damaged dataset and unknown binary types', () => {
    expect(decodeWorkspaceFile('not json').ok).toBe(false);
    expect(decodeWorkspaceFile('{"format":"other"}').ok).toBe(false);
    const good = JSON.parse(encodeWorkspaceFile({ workspace: session, datasets: { x1: content }, checkpoints: [] }));
    const missing = { ...good, datasets: {} };
    expect(decodeWorkspaceFile(JSON.stringify(missing))).toEqual({
      ok: false,
      reason: 'this workspace file lacks the dataset it names ("x1")',
    });
    const alien = structuredClone(good);
    alien.datasets.x1.log.user = { $typed: 'Function', base64: '' };
    expect(decodeWorkspaceFile(JSON.stringify(alien)).ok).toBe(false);
    const proto = structuredClone(good);
    proto.datasets.x1.log.user = { $typed: 'constructor', base64: '' };
    expect(decodeWorkspaceFile(JSON.stringify(proto)).ok).toBe(false);
    const short = structuredClone(good);
    short.datasets.x1.log.item.base64 = 'AAAA';
    expect(decodeWorkspaceFile(JSON.stringify(short)).ok).toBe(false);
  });
});
