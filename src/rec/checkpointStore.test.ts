// Checkpoint store on fake-indexeddb: a real checkpoint round-trips to identical scores, epoch saves replace each
// other, a quota failure writes nothing, and the dataset key tells datasets apart.
import { IDBFactory, IDBObjectStore } from 'fake-indexeddb';
import { afterEach, describe, expect, it } from 'vitest';
import { loadDemo } from '../data/demo';
import { CHECKPOINT_FORMAT, decodeCheckpoint, encodeCheckpoint } from './checkpoint';
import { datasetKey, openCheckpointStore, sameDataset, type CheckpointStore } from './checkpointStore';
import { ItemKnnRecommender } from './models/itemKnn';
import { leaveOneOutSplit, trainData } from './split';

const { log } = loadDemo({ users: 60, seed: 2 });
const split = leaveOneOutSplit(log);
const model = new ItemKnnRecommender({ neighbours: 20 });
model.fit(trainData(split), { seed: 1 });
const files = await encodeCheckpoint({
  config: {
    format: CHECKPOINT_FORMAT,
    version: 1,
    model: 'itemknn',
    backend: 'js',
    settings: {},
    seed: 1,
    trainSeconds: 0.1,
    createdAt: 'now',
    data: { source: 'demo', users: log.users.length, items: log.items.length, interactions: split.sequences.items.length },
    split: { kind: 'leave-one-out', events: null, targetEvents: null },
  },
  users: log.users,
  items: log.items,
  split,
  state: await model.exportState(),
});
const key = datasetKey('demo', log.users, log.items);
const info = (id: string, createdAt: string, extra = {}) => ({ id, model: 'itemknn', createdAt, dataset: key, ...extra });

let store: CheckpointStore | undefined;
const open = async () => {
  const s = await openCheckpointStore({ indexedDB: new IDBFactory() });
  if (!s.ok) throw new Error(s.reason);
  store = s.data;
  return s.data;
};
const originalPut = IDBObjectStore.prototype.put;
afterEach(() => {
  IDBObjectStore.prototype.put = originalPut;
  store?.close();
});

describe('checkpoint store', () => {
  it('gives back a checkpoint that scores exactly like the model it was saved from', async () => {
    const s = await open();
    const saved = await s.save(info('a', '2026-01-01T00:00:00Z'), files);
    expect(saved.ok && saved.data.bytes).toBe(
      Object.values(files).reduce((n, v) => n + (typeof v === 'string' ? new TextEncoder().encode(v).length : v.length), 0),
    );
    const loaded = await s.load('a');
    if (!loaded.ok) throw new Error(loaded.reason);
    const back = await decodeCheckpoint((f) => loaded.data.files[f] ?? null);
    if (!back.ok) throw new Error(back.reason);
    const again = new ItemKnnRecommender(back.data.state.settings);
    again.importState(back.data.state);
    const q = { users: Int32Array.of(0), histories: [Int32Array.of(1, 2, 5)] };
    expect(again.scoreUsers(q)).toEqual(model.scoreUsers(q));
  });

  it('lists newest first; a save under the same id replaces the older epoch', async () => {
    const s = await open();
    await s.save(info('run', '2026-01-01T00:00:00Z', { partial: { epoch: 1, maxEpochs: 5 } }), files);
    await s.save(info('run', '2026-01-01T00:01:00Z', { partial: { epoch: 2, maxEpochs: 5 } }), files);
    await s.save(info('done', '2026-01-02T00:00:00Z'), files);
    const listed = await s.list();
    expect(listed.ok && listed.data.map((c) => [c.id, c.partial?.epoch])).toEqual([
      ['done', undefined],
      ['run', 2],
    ]);
    expect(await s.delete('run')).toEqual({ ok: true, data: true });
    expect(await s.delete('run')).toEqual({ ok: true, data: false });
    await s.clear();
    expect(await s.list()).toEqual({ ok: true, data: [] });
  });

  it('writes nothing when storage is full', async () => {
    const s = await open();
    IDBObjectStore.prototype.put = function (this: IDBObjectStore, ...args: [unknown, IDBValidKey?]) {
      if (this.name === 'files') throw new DOMException('quota', 'QuotaExceededError');
      return originalPut.apply(this, args);
    };
    const r = await s.save(info('big', '2026-01-01T00:00:00Z'), files);
    expect(!r.ok && r.reason).toBe(
      'saving itemknn failed: not enough storage space (QuotaExceededError); delete saved models or free disk space. Nothing was saved.',
    );
    IDBObjectStore.prototype.put = originalPut;
    expect(await s.list()).toEqual({ ok: true, data: [] });
  });

  it('keys a dataset by its id dictionaries, not its name', () => {
    expect(sameDataset(key, datasetKey('renamed.csv', log.users, log.items))).toBe(true);
    expect(sameDataset(key, datasetKey('demo', log.users, [...log.items].reverse()))).toBe(false);
    expect(sameDataset(key, datasetKey('demo', log.users.slice(1), log.items))).toBe(false);
  });
});
