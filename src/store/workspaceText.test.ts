// Text models, a behavior classifier, item embeddings and the last explanation across a reload, in the store on
// fake-indexeddb with a fake ML worker: a model from the analyst's files and the fine-tuned classifier are kept once
// (bytes in this browser, the record names them), come back on the dataset's new id with their figures, the items are
// embedded again, and the explanation is shown on the re-opened model. Bytes evicted or refused (quota) are named in
// the workspace message while everything else comes back.
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadDemo } from '../data/demo';
import { summarise } from '../data/summary';
import { asItemIdx } from '../lib/ids';
import type { DatasetPayload } from '../data/dataset';
import type { BehaviorClassifierInfo } from '../ml/explain/behavior';
import type { TextModelInfo, TextModelSource } from '../ml/bert/textModels';
import type { ExplainResult } from '../explain/explainTopK';
import type { TrainedModelInfo } from '../rec/train';

/** What the fake worker holds: kept folders by id, loaded models, calls made. */
const worker = {
  kept: new Map<string, string>(),
  /** The folders as the kept store holds them (what a workspace file carries). */
  folders: new Map<string, { source: string; config: string; safetensors: ArrayBuffer; vocabTxt: string }>(),
  next: 0,
  calls: [] as string[],
  keepFails: null as string | null,
};
const info = (id: string, source: string, origin: TextModelInfo['origin'], labels: string[] | null = null): TextModelInfo => ({
  id,
  source,
  layers: 2,
  hidden: 32,
  heads: 4,
  vocab: 1000,
  labels,
  parameters: 70_000,
  origin,
});
const fakeMl = {
  async loadTextModel(source: TextModelSource) {
    worker.calls.push(`load ${source.kind}:${'id' in source ? source.id : ''}${'offline' in source && source.offline ? ' offline' : ''}`);
    const id = `t-${++worker.next}`;
    if (source.kind === 'kept') {
      const name = worker.kept.get(source.id);
      if (name === undefined) return { ok: false, reason: 'its weights are no longer kept in this browser (no saved model)' };
      return { ok: true, data: info(id, name, { kind: 'kept', id: source.id }, name.includes('classifier') ? ['not_buy', 'buy'] : null) };
    }
    if (source.kind === 'hosted') return { ok: true, data: info(id, `hosted ${source.id}`, { kind: 'hosted', id: source.id }) };
    return { ok: false, reason: 'not in this fake' };
  },
  async keepTextModel(modelId: string, keptId: string) {
    worker.calls.push(`keep ${modelId}`);
    if (worker.keepFails) return { ok: false, reason: worker.keepFails };
    const { useApp } = await import('./index');
    const source = useApp.getState().textModels.find((m) => m.id === modelId)!.source;
    worker.kept.set(keptId, source);
    worker.folders.set(keptId, {
      source,
      config: '{"hidden_size":32}',
      safetensors: new Uint8Array([1, 2, 3, 4]).buffer,
      vocabTxt: '[PAD]',
    });
    return { ok: true, data: { bytes: 1234 } };
  },
  async keptTextModelFolder(keptId: string) {
    const f = worker.folders.get(keptId);
    return f ? { ok: true, data: f } : { ok: false, reason: 'gone' };
  },
  async keepTextModelFolder(keptId: string, bundle: { source: string; config: string; safetensors: ArrayBuffer; vocabTxt: string }) {
    worker.calls.push(`keep folder ${keptId} ${[...new Uint8Array(bundle.safetensors)].join(',')} ${bundle.config} ${bundle.vocabTxt}`);
    worker.kept.set(keptId, bundle.source);
    worker.folders.set(keptId, bundle);
    return { ok: true, data: { bytes: bundle.safetensors.byteLength } };
  },
  async forgetKeptTextModels(keep: string[]) {
    for (const id of [...worker.kept.keys()]) if (!keep.includes(id)) worker.kept.delete(id);
  },
  async adoptBehaviorClassifier(id: string, _task: unknown, labels: string[], datasetId: string) {
    worker.calls.push(`adopt ${id} ${labels.join('/')} on ${datasetId}`);
  },
  async embedItems(textModelId: string, datasetId: string, texts: string[]) {
    worker.calls.push(`embed ${textModelId} on ${datasetId}`);
    return { items: texts.length, dim: 32 };
  },
  async addDataset() {},
  async claimDataset() {
    return false;
  },
  async openSavedModel(datasetId: string, id: string) {
    return { id: `m-${++worker.next}`, name: 'itemknn', datasetId, savedAs: id } as unknown as TrainedModelInfo;
  },
  cancel() {},
};

vi.mock('../workers/client', () => ({
  mlWorker: () => fakeMl,
  coreWorker: () => {
    throw new Error('no core worker in this test');
  },
  coreWorkers: () => [],
  parallelParts: () => 1,
  onWorkerRestart: () => () => undefined,
  Comlink: { proxy: <T>(f: T) => f },
}));

const { useApp } = await import('./index');
const { clearEverything, datasets, deleteDataset, flushWorkspace, fromBrowser, replay, watchWorkspace } =
  await import('./workspaceActions');
const { exportWorkspaceFile, importWorkspaceFile } = await import('./workspaceTransfer');
const { restoreExplanation } = await import('./workspaceText');

const demo = loadDemo({ users: 30, seed: 5 });
const payload: DatasetPayload = {
  name: 'shop.csv',
  log: demo.log,
  catalog: demo.catalog,
  summary: summarise(demo.log),
  reports: [],
  truth: null,
};
const explanation: ExplainResult = {
  rows: [
    {
      item: asItemIdx(3),
      score: 1.5,
      values: { occlusion: [0.25, 0.75] },
      diagnostics: {},
      notes: [],
      faithfulness: {
        deletion: [1, 0],
        insertion: [0, 1],
        x: [0, 1],
        deletionAUC: 0.5,
        insertionAUC: 0.5,
        randomDeletionAUC: 0.6,
        randomInsertionAUC: 0.4,
        aopc: 0.3,
        comprehensiveness: 0.2,
        sufficiency: 0.1,
        fullScore: 1.5,
        emptyScore: 0.2,
        degenerate: false,
        inverted: false,
      },
      reason: { en: 'because of B', zh: '因为 B', share: 0.75, events: [1], strength: 'mainly', noise: 0.01 },
      sensitivity: { occlusion: 0.1 },
    },
  ],
  methods: ['occlusion'],
  applicable: [],
  agreement: null,
  attention: null,
  seconds: 0.5,
};

const baseClassifier: BehaviorClassifierInfo = {
  id: 't-3',
  textModel: info('t-3', 'hosted tiny-bert → purchase classifier', { kind: 'finetuned' }, ['not_buy', 'buy']),
  baseModelId: 't-1',
  datasetId: 'd-0',
  outcome: 'purchase',
  task: { outcome: 'purchase', naming: 'category', maxEvents: 12 },
  labels: ['not_buy', 'buy'],
  examples: 240,
  classShares: [0.7, 0.3],
  valAccuracy: 0.8125,
  valLoss: 0.4,
  steps: 30,
  stoppedBy: 'epochs',
  seconds: 9,
  sample: 'viewed Shoes',
};

async function reload(): Promise<void> {
  const record = await (await datasets()).loadWorkspace();
  if (!record.ok || !record.data) throw new Error('no workspace record');
  useApp.setState(useApp.getInitialState(), true);
  await replay(record.data, fromBrowser);
  await flushWorkspace();
}

afterEach(() => {
  worker.keepFails = null;
});

describe('text models, classifier and explanation across a reload', () => {
  it('keeps what came from files or was fine-tuned, and brings everything back on the new ids', async () => {
    await watchWorkspace();
    const app = useApp.getState;
    const datasetId = app().datasetAdded(payload);
    app().textModelLoaded(info('t-1', 'hosted tiny-bert', { kind: 'hosted', id: 'tiny-bert', baseUrl: 'http://x/' }));
    app().textModelLoaded(info('t-2', 'files:my-bert', { kind: 'files' }));
    const classifierModel = info('t-3', 'hosted tiny-bert → purchase classifier', { kind: 'finetuned' }, ['not_buy', 'buy']);
    const classifier: BehaviorClassifierInfo = { ...baseClassifier, textModel: classifierModel, datasetId };
    app().textModelLoaded(classifierModel);
    app().behaviorClassifierTrained(classifier);
    app().itemsEmbedded(datasetId, { textModelId: 't-2', items: demo.log.items.length, dim: 32 });
    app().modelTrained({ id: 'm-old', name: 'itemknn', datasetId, savedAs: 'ckpt-1' } as unknown as TrainedModelInfo);
    app().explanationShown({ modelId: 'm-old', user: 4, result: explanation });
    await flushWorkspace();
    // The hosted model is not kept (it re-opens from the app's folder); the other two once each.
    expect(worker.calls.filter((c) => c.startsWith('keep'))).toEqual(['keep t-2', 'keep t-3']);
    expect([...worker.kept.values()].sort()).toEqual(['files:my-bert', 'hosted tiny-bert → purchase classifier']);
    expect(app().workspaceError).toBeNull();

    worker.calls = [];
    await reload();
    const s = useApp.getState();
    expect(s.workspaceError).toBeNull();
    expect(worker.calls.filter((c) => c.startsWith('load'))).toEqual([
      'load hosted:tiny-bert',
      `load kept:${[...worker.kept.keys()][0]}`,
      `load kept:${[...worker.kept.keys()][1]}`,
    ]);
    const newDataset = s.datasets[0].id;
    expect(newDataset).not.toBe(datasetId);
    expect(s.textModels.map((m) => m.source)).toEqual(['hosted tiny-bert', 'files:my-bert', 'hosted tiny-bert → purchase classifier']);
    const [base, files, fine] = s.textModels;
    expect(s.behaviorClassifiers).toHaveLength(1);
    const c = s.behaviorClassifiers[0];
    expect({ id: c.id, datasetId: c.datasetId, base: c.baseModelId, acc: c.valAccuracy, shares: c.classShares, sample: c.sample }).toEqual({
      id: fine.id,
      datasetId: newDataset,
      base: base.id,
      acc: 0.8125,
      shares: [0.7, 0.3],
      sample: 'viewed Shoes',
    });
    expect(worker.calls).toContain(`adopt ${fine.id} not_buy/buy on ${newDataset}`);
    expect(worker.calls).toContain(`embed ${files.id} on ${newDataset}`);
    // Embedded again, one text per item of the reloaded dataset.
    expect(s.itemEmbeddings[newDataset]).toEqual({ textModelId: files.id, items: demo.log.items.length, dim: 32 });
    const model = s.trainedModels[0];
    expect(s.lastExplanation).toEqual({ modelId: model.id, user: 4, result: explanation });
    expect([s.focusUser, s.focusModelId]).toEqual([4, model.id]);

    // A second reload keeps the same bytes: nothing is kept again.
    worker.calls = [];
    await reload();
    expect(worker.calls.filter((c) => c.startsWith('keep'))).toEqual([]);
    expect(useApp.getState().behaviorClassifiers[0].valAccuracy).toBe(0.8125);
  });

  it('names bytes evicted from this browser and brings back the rest', async () => {
    const keys = [...worker.kept.keys()];
    worker.kept.delete(keys[1]); // the classifier's folder
    await reload();
    const s = useApp.getState();
    expect(s.workspaceError).toMatch(
      /^Part of the saved workspace could not be restored: the behavior classifier hosted tiny-bert → purchase classifier: its weights are no longer kept/,
    );
    expect(s.textModels.map((m) => m.source)).toEqual(['hosted tiny-bert', 'files:my-bert']);
    expect(s.behaviorClassifiers).toEqual([]);
    expect(s.lastExplanation?.modelId).toBe(s.trainedModels[0].id);
  });

  it('names a model whose bytes could not be kept (quota)', async () => {
    worker.keepFails = 'not enough storage space (QuotaExceededError)';
    useApp.getState().textModelLoaded(info('t-99', 'files:big-bert', { kind: 'files' }));
    await flushWorkspace();
    expect(useApp.getState().workspaceError).toBe(
      'files:big-bert could not be kept in this browser, so a reload will not bring it back: not enough storage space (QuotaExceededError)',
    );
    const record = await (await datasets()).loadWorkspace();
    const text = record.ok && (record.data?.text as { models: { source: string }[] });
    expect(text && text.models.map((m) => m.source)).toEqual(['hosted tiny-bert', 'files:my-bert']);
  });

  it('a workspace file carries the kept folders: imported into a browser without them, the classifier comes back', async () => {
    // A classifier fine-tuned again (the last one's folder was evicted above), kept on the next save.
    const app = useApp.getState;
    const textModel = info('t-50', 'hosted tiny-bert → purchase classifier', { kind: 'finetuned' }, ['not_buy', 'buy']);
    app().textModelLoaded(textModel);
    app().behaviorClassifierTrained({ ...baseClassifier, id: 't-50', textModel, datasetId: app().datasets[0].id });
    await flushWorkspace();
    const file = await exportWorkspaceFile();
    const carried = JSON.parse(await file.blob.text()).textModels as { id: string }[];
    expect(carried).toHaveLength(2);
    // Another browser: nothing kept, nothing open.
    await clearEverything();
    worker.kept.clear();
    worker.folders.clear();
    useApp.setState(useApp.getInitialState(), true);
    worker.calls = [];
    expect(await importWorkspaceFile(file.blob)).toBe(true);
    const s = useApp.getState();
    expect(s.workspaceError).toBeNull();
    // The weights arrive byte for byte with the text files, under the ids the record names.
    expect(worker.calls.filter((c) => c.startsWith('keep folder')).sort()).toEqual(
      carried.map((c) => `keep folder ${c.id} 1,2,3,4 {"hidden_size":32} [PAD]`).sort(),
    );
    expect(s.behaviorClassifiers.map((c) => [c.textModel.source, c.valAccuracy, c.datasetId])).toEqual([
      ['hosted tiny-bert → purchase classifier', 0.8125, s.datasets[0].id],
    ]);
    expect(s.textModels.map((m) => m.source)).toContain('files:my-bert');
  });

  it('deletes a kept classifier folder once its dataset is closed (at the next reload), and keeps the others', async () => {
    const s = useApp.getState();
    const classifierFolder = [...worker.kept].find(([, source]) => source.includes('classifier'))![0];
    const filesFolder = [...worker.kept].find(([, source]) => source === 'files:my-bert')![0];
    await deleteDataset(s.datasets[0].id);
    await flushWorkspace();
    // Not at once: a save never deletes (an import half-way must not lose what is open).
    expect(worker.kept.has(classifierFolder)).toBe(true);
    await reload();
    expect(worker.kept.has(classifierFolder)).toBe(false);
    expect(worker.kept.has(filesFolder)).toBe(true);
    expect(useApp.getState().textModels.map((m) => m.source)).toContain('files:my-bert');
  });

  it('shows no explanation of a user the reloaded dataset does not have (a damaged or hostile file), and says so', () => {
    const app = useApp.getState;
    const datasetId = app().datasetAdded(payload);
    app().modelTrained({ id: 'm-7', name: 'itemknn', datasetId, savedAs: 'c' } as unknown as TrainedModelInfo);
    const ids = new Map([['m-old', 'm-7']]);
    const far = JSON.parse(JSON.stringify({ modelId: 'm-old', user: 1_000_000, result: explanation }));
    expect(restoreExplanation(far, ids)).toEqual(['the last explanation (its user is not in the dataset)']);
    expect(app().lastExplanation).toBeNull();
    expect(restoreExplanation({ ...far, user: 2 }, ids)).toEqual([]);
    expect(app().lastExplanation?.modelId).toBe('m-7');
    expect(restoreExplanation({ ...far, result: 'x' }, ids)).toEqual(['the last explanation (its record is damaged)']);
  });
});
