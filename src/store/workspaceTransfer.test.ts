// Importing a workspace file whose saved models include a damaged checkpoint (issue #16): the rest is imported, the
// damaged model is named with the reason where the import's messages are shown, and nothing of it is stored. The ML
// worker is the real one (ModelWorkspace + SavedModels), called in-process on the same fake IndexedDB.
import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import { loadDemo } from '../data/demo';
import { summarise } from '../data/summary';
import type { DatasetPayload } from '../data/dataset';
import { emptyWorkspace, type WorkspaceRecord } from '../data/workspaceRecord';
import { encodeWorkspaceFile } from '../data/workspaceFile';
import { CHECKPOINT_FORMAT, CHECKPOINT_VERSION, encodeCheckpoint } from '../rec/checkpoint';
import { datasetKey } from '../rec/checkpointStore';
import { PopularityRecommender } from '../rec/models/popularity';
import { leaveOneOutSplit, trainData } from '../rec/split';

vi.mock('../workers/client', async () => {
  const { ModelWorkspace } = await import('../rec/modelWorkspace');
  const { SavedModels } = await import('../rec/savedModels');
  const service = new ModelWorkspace();
  const saved = new SavedModels(service);
  const none = () => {
    throw new Error('no such worker in this test');
  };
  const ml = {
    addDataset: (id: string, log: Parameters<typeof service.addDataset>[1]) => service.addDataset(id, log),
    openSavedModel: (datasetId: string, id: string) => saved.open(datasetId, id),
    cancel: () => undefined,
  };
  return {
    mlWorker: () => ml,
    coreWorker: none,
    coreWorkers: none,
    parallelParts: () => 1,
    onWorkerRestart: () => () => undefined,
    Comlink: { proxy: <T>(f: T) => f },
  };
});

const { useApp } = await import('./index');
const { checkpoints } = await import('./workspaceActions');
const { checkpointInfo, importWorkspaceFile } = await import('./workspaceTransfer');

const demo = loadDemo({ users: 40, items: 30, seed: 6 });
const content: DatasetPayload = {
  name: 'shop.csv',
  log: demo.log,
  catalog: demo.catalog,
  summary: summarise(demo.log),
  reports: [],
  truth: null,
};

async function popCheckpoint(id: string, createdAt: string, items: readonly string[] = demo.log.items) {
  const split = leaveOneOutSplit(demo.log);
  const model = new PopularityRecommender();
  model.fit(trainData(split));
  const files = await encodeCheckpoint({
    config: {
      format: CHECKPOINT_FORMAT,
      version: CHECKPOINT_VERSION,
      model: 'pop',
      backend: 'js',
      settings: {},
      seed: 1,
      trainSeconds: 0,
      createdAt,
      data: { source: 'shop.csv', users: demo.log.users.length, items: demo.log.items.length, interactions: split.sequences.items.length },
      split: { kind: 'leave-one-out', events: null, targetEvents: null },
    },
    users: demo.log.users,
    items: demo.log.items,
    split,
    state: await model.exportState(),
  });
  // The list entry still describes the original dataset; only the ids file is altered.
  return {
    info: { id, model: 'pop', createdAt, dataset: datasetKey('shop.csv', demo.log.users, demo.log.items) },
    files: { ...files, 'items.json': JSON.stringify(items) },
  };
}

describe('workspace import', () => {
  it('imports the rest of a workspace whose file carries a reordered items.json, naming the model it could not open', async () => {
    const good = await popCheckpoint('shop/pop/good', '2026-01-01T00:00:00.000Z');
    const bad = await popCheckpoint('shop/pop/bad', '2026-01-02T00:00:00.000Z', [...demo.log.items].reverse());
    const record: WorkspaceRecord = {
      ...emptyWorkspace(),
      datasets: [{ kind: 'stored', id: 'dataset-1' }],
      active: 0,
      models: [
        { checkpoint: good.info.id, dataset: 0, modelId: 'm-good', name: 'pop' },
        { checkpoint: bad.info.id, dataset: 0, modelId: 'm-bad', name: 'pop' },
      ],
      settings: { view: 'model' },
    };
    const file = new Blob([encodeWorkspaceFile({ workspace: record, datasets: { 'dataset-1': content }, checkpoints: [good, bad] })]);

    expect(await importWorkspaceFile(file)).toBe(true);
    const s = useApp.getState();
    expect(s.datasets.map((d) => d.name)).toEqual(['shop.csv']);
    expect(s.trainedModels.map((m) => m.savedAs)).toEqual([good.info.id]);
    expect(s.workspaceError).toMatch(
      new RegExp(
        'the saved model pop of 2026-01-02T00:00:00\\.000Z was not imported and cannot be opened: ' +
          'items\\.json does not match the checksum config\\.json records for it',
      ),
    );
    // The message is shown in the Data view's workspace panel: the import stays there instead of the file's view.
    expect(s.view).toBe('data');
    const stored = await (await checkpoints()).list();
    expect(stored.ok && stored.data.map((c) => c.id)).toEqual([good.info.id]);
  });
});

describe('checkpointInfo', () => {
  const dataset = { source: 'shop.csv', users: 40, items: 30, idsHash: 7 };
  const base = { id: 'm', model: 'sasrec', createdAt: '2026-12-06T00:00:00Z', dataset, bytes: 1 };

  it('keeps a model trained for quality marked so (it lists no validation figure), and only a literal true', () => {
    expect(checkpointInfo({ ...base, trainedForQuality: true })?.trainedForQuality).toBe(true);
    const forged = { ...base, trainedForQuality: 'yes' } as unknown as Parameters<typeof checkpointInfo>[0];
    expect(checkpointInfo(forged)).not.toHaveProperty('trainedForQuality');
    expect(checkpointInfo({ ...base, validation: { ndcg10: 0.1, hr10: 0.2 } })).toEqual({
      id: 'm',
      model: 'sasrec',
      createdAt: '2026-12-06T00:00:00Z',
      dataset,
      validation: { ndcg10: 0.1, hr10: 0.2 },
    });
  });
});
