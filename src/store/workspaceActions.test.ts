// The workspace as the store keeps it, on fake-indexeddb: a loaded dataset is saved and comes back when the record is
// replayed (as on a reload), a save that runs out of space is reported while the data stays open, and delete and
// clear everything remove what they say. Workers are not involved (no models here), so they are stubbed.
import 'fake-indexeddb/auto';
import { IDBObjectStore } from 'fake-indexeddb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadDemo } from '../data/demo';
import { summarise } from '../data/summary';
import type { DatasetPayload } from '../data/dataset';

vi.mock('../workers/client', () => {
  const none = () => {
    throw new Error('no worker in this test');
  };
  return {
    mlWorker: none,
    coreWorker: none,
    coreWorkers: none,
    parallelParts: () => 1,
    onWorkerRestart: () => () => undefined,
    Comlink: {},
  };
});

const { useApp } = await import('./index');
const { clearEverything, datasets, deleteDataset, flushWorkspace, fromBrowser, renameDataset, replay, watchWorkspace } =
  await import('./workspaceActions');

const demo = loadDemo({ users: 30, seed: 5 });
const payload = (name: string): DatasetPayload => ({
  name,
  log: demo.log,
  catalog: demo.catalog,
  summary: summarise(demo.log),
  reports: [],
  truth: null,
});
const originalPut = IDBObjectStore.prototype.put;
afterEach(() => {
  IDBObjectStore.prototype.put = originalPut;
});

describe('workspace in the store', () => {
  it('saves a loaded dataset and brings it back, active, when the workspace record is replayed', async () => {
    await watchWorkspace();
    const id = useApp.getState().datasetAdded(payload('shop.csv'));
    await flushWorkspace();
    expect(useApp.getState().datasetStorage[id]).toMatch(/\S/);
    expect(useApp.getState().storage?.datasets.map((d) => d.name)).toEqual(['shop.csv']);
    const record = await (await datasets()).loadWorkspace();
    if (!record.ok || !record.data) throw new Error('no workspace record');
    expect(record.data.datasets).toEqual([{ kind: 'stored', id: useApp.getState().datasetStorage[id] }]);
    expect(record.data.active).toBe(0);

    // A reload: a fresh store, then the record replayed from the browser's copy.
    useApp.setState(useApp.getInitialState(), true);
    await replay(record.data, fromBrowser);
    await flushWorkspace();
    const s = useApp.getState();
    expect(s.datasets.map((d) => d.name)).toEqual(['shop.csv']);
    expect(s.activeDatasetId).toBe(s.datasets[0].id);
    expect([...s.datasets[0].log.item]).toEqual([...demo.log.item]);
    expect(s.datasets[0].log.users).toEqual(demo.log.users);
    // Not saved a second time.
    expect(s.storage?.datasets).toHaveLength(1);
    expect(s.workspaceError).toBeNull();
  });

  it('reports a save that runs out of space and keeps the dataset open', async () => {
    IDBObjectStore.prototype.put = function (this: IDBObjectStore, ...args: [unknown, IDBValidKey?]) {
      if (this.name === 'columns') throw new DOMException('quota', 'QuotaExceededError');
      return originalPut.apply(this, args);
    };
    const id = useApp.getState().datasetAdded(payload('huge.csv'));
    await flushWorkspace();
    const s = useApp.getState();
    expect(s.workspaceError).toMatch(/saving huge\.csv in the browser failed: not enough storage space/);
    expect(s.datasets.map((d) => d.name)).toEqual(['shop.csv', 'huge.csv']);
    expect(s.datasetStorage[id]).toBeNull();
    const record = await (await datasets()).loadWorkspace();
    expect(record.ok && record.data?.datasets).toHaveLength(1);
  });

  it('deletes one dataset, then clears everything', async () => {
    const shop = useApp.getState().datasets.find((d) => d.name === 'shop.csv')!;
    await deleteDataset(shop.id);
    expect(useApp.getState().datasets.map((d) => d.name)).toEqual(['huge.csv']);
    expect(useApp.getState().storage?.datasets).toEqual([]);
    await clearEverything();
    expect(useApp.getState().datasets).toEqual([]);
    const record = await (await datasets()).loadWorkspace();
    expect(record.ok && record.data?.datasets).toEqual([]);
  });

  it('renames a dataset right after it loads: the saved copy and the list carry the new name after a reload', async () => {
    const id = useApp.getState().datasetAdded(payload('u.data'));
    // Not awaited before the rename: the save queued by the load runs first, then the rename of the saved copy.
    const renamed = renameDataset(id, '  MovieLens 100K ');
    expect(useApp.getState().datasets.find((d) => d.id === id)?.name).toBe('MovieLens 100K');
    await renamed;
    await flushWorkspace();
    expect(useApp.getState().storage?.datasets.map((d) => d.name)).toEqual(['MovieLens 100K']);
    await renameDataset(id, '   ');
    expect(useApp.getState().datasets.find((d) => d.id === id)?.name).toBe('MovieLens 100K');

    const record = await (await datasets()).loadWorkspace();
    if (!record.ok || !record.data) throw new Error('no workspace record');
    useApp.setState(useApp.getInitialState(), true);
    await replay(record.data, fromBrowser);
    expect(useApp.getState().datasets.map((d) => d.name)).toEqual(['MovieLens 100K']);
  });

  it('brings back the causal graph as edited and its effect on the reloaded dataset', async () => {
    const id = useApp.getState().datasets[0].id;
    const dag = { nodes: ['sessions', 'purchased'], edges: [{ from: 'purchased', to: 'sessions' }] };
    useApp.getState().causalDiscovered({
      datasetId: id,
      unit: 'user',
      request: { datasetId: id, unit: 'user', variables: dag.nodes, alpha: 0.01, bootstrap: 0, seed: 1 },
      result: { variables: dag.nodes, algo: 'pc', edges: [], tests: 1, seconds: 0, truth: null },
      dag,
    });
    await flushWorkspace();
    const record = await (await datasets()).loadWorkspace();
    if (!record.ok || !record.data) throw new Error('no workspace record');
    useApp.setState(useApp.getInitialState(), true);
    await replay(record.data, fromBrowser);
    const s = useApp.getState();
    expect(s.causalGraph?.datasetId).toBe(s.datasets[0].id);
    expect(s.causalGraph?.dag).toEqual(dag);
    expect(s.causalGraph?.request.datasetId).toBe(s.datasets[0].id);
  });
});
