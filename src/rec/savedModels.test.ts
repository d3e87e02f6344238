// Saved recommenders end to end in Node (wasm backend, fake IndexedDB): a trained model is saved and reopens with
// identical recommendations; an interrupted run resumes from its last epoch; a checkpoint of another dataset is refused.
import { IDBFactory } from 'fake-indexeddb';
import { asUserIdx } from '../lib/ids';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadDemo } from '../data/demo';
import { initBackend } from '../ml/backend';
import { openCheckpointStore, type CheckpointStore } from './checkpointStore';
import { ModelWorkspace } from './modelWorkspace';
import type { TrainRequest } from './train';
import { backendChangeNotice, SavedModels, TRAIN_LONGER_AFTER_QUALITY, type ModelHolder } from './savedModels';
import { bestFileReader } from './interruptedRun';
import { decodeCheckpoint } from './checkpoint';
import type { ModelState } from './recommender';

const demo = loadDemo({ users: 80, items: 40, seed: 3 });
const other = loadDemo({ users: 70, items: 40, seed: 4 });
const sasrec: TrainRequest = {
  datasetId: 'demo',
  model: 'sasrec',
  settings: { maxEpochs: 3, hidden: 16, layers: 1, heads: 1, batchSize: 32, patience: 5 },
  seed: 7,
};

function setUp() {
  const service = new ModelWorkspace();
  service.addDataset('demo', demo.log);
  service.addDataset('other', other.log);
  const factory = new IDBFactory();
  let store: CheckpointStore | undefined;
  const open = async () => {
    const r = await openCheckpointStore({ indexedDB: factory });
    if (r.ok) store = r.data;
    return r;
  };
  return { service, saved: new SavedModels(service, open), store: () => store! };
}

const top = async (service: ModelWorkspace, modelId: string) =>
  service.recommend({ modelId, user: asUserIdx(0), history: Int32Array.of(1, 2, 3), k: 5 });

beforeAll(async () => {
  await initBackend('wasm');
});

describe('saved models', () => {
  it('saves a trained model, which reopens with the same recommendations and validation figures', async () => {
    const { service, saved } = setUp();
    const info = await saved.train(sasrec, () => {});
    expect(info.savedAs).toMatch(/^demo\/sasrec\//);
    const listed = await saved.list('demo');
    // The epoch checkpoints of the run are gone once the finished model is saved.
    expect(listed.map((c) => [c.id, c.partial])).toEqual([[info.savedAs, undefined]]);
    expect(listed[0].validation).toEqual(info.validation);
    const reopened = await saved.open('demo', info.savedAs!);
    expect(reopened.validation).toEqual(info.validation);
    expect(reopened.savedAs).toBe(info.savedAs);
    expect(await top(service, reopened.id)).toEqual(await top(service, info.id));
    expect(await saved.list('other')).toEqual([]);
  });

  it('reopens a "train for quality" model with the record of its two phases', async () => {
    const { service, saved } = setUp();
    // The app's form sends its epoch budget too; the recipe does not use it, so the model does not record it.
    const settings = { hidden: 16, layers: 1, heads: 1, batchSize: 32, epochBudgetSec: 120 };
    const quality: TrainRequest = { ...sasrec, settings, recipe: 'quality' };
    const info = await saved.train(quality, () => {});
    expect(info.settings).toEqual({ hidden: 16, layers: 1, heads: 1, batchSize: 32 });
    expect(info.recipe?.finalFit.epochs).toBe(info.recipe?.tuning.bestEpoch);
    const reopened = await saved.open('demo', info.savedAs!);
    expect(reopened.recipe).toEqual(info.recipe);
    expect(await top(service, reopened.id)).toEqual(await top(service, info.id));
    // Trained on the validation items, it lists no validation figure (the trained-models table shows '–' as well).
    const listed = await saved.list('demo');
    expect(listed.map((c) => [c.id, c.validation, c.trainedForQuality])).toEqual([[info.savedAs, undefined, true]]);
    // Nothing held out is left to judge a longer run by: "Train longer" is refused, and nothing new is saved.
    await expect(saved.resume('demo', info.savedAs!, () => {}, undefined, true)).rejects.toThrow(TRAIN_LONGER_AFTER_QUALITY);
    expect((await saved.list('demo')).map((c) => c.id)).toEqual([info.savedAs]);
  });

  it('reopens a baseline (EASE, plain JavaScript) without a notice that its backend changed', async () => {
    const { saved } = setUp();
    const info = await saved.train({ datasetId: 'demo', model: 'ease', settings: {}, seed: 7 }, () => {});
    expect(info.backend).toBe('js');
    const reopened = await saved.open('demo', info.savedAs!);
    expect(reopened.backend).toBe('js');
    expect(reopened.notices.filter((n) => n.includes('now running on'))).toEqual([]);
  });

  it('says a backend changed only for a TF.js model that now runs elsewhere', () => {
    expect(backendChangeNotice('webgpu', 'wasm')).toBe('trained on webgpu, now running on wasm');
    expect(backendChangeNotice('wasm', 'wasm')).toBeNull();
    // Checkpoints saved before the model's own backend was recorded: a baseline saved while wasm was active.
    expect(backendChangeNotice('wasm', 'js')).toBeNull();
  });

  it('resumes an interrupted run from its last epoch checkpoint', async () => {
    const { service, saved } = setUp();
    const controller = new AbortController();
    // Cancel once the second epoch's checkpoint has been taken, as if the tab closed mid-training.
    await expect(
      saved.train(
        { ...sasrec, settings: { ...sasrec.settings, maxEpochs: 4 } },
        (p) => Number(p.detail?.epoch) >= 2 && p.detail?.valNdcg10 !== undefined && controller.abort(),
        controller.signal,
      ),
    ).rejects.toThrow();
    const [partial] = await saved.list('demo');
    expect(partial.partial).toMatchObject({ maxEpochs: 4 });
    expect(partial.partial!.epoch).toBeGreaterThanOrEqual(1);
    const epochs: number[] = [];
    const info = await saved.resume('demo', partial.id, (p) => p.detail?.epoch !== undefined && epochs.push(Number(p.detail.epoch)));
    // Training continued after the saved epoch rather than from epoch 1.
    expect(Math.min(...epochs)).toBe(partial.partial!.epoch + 1);
    expect(info.curve.at(-1)?.epoch).toBe(4);
    expect((await saved.list('demo')).map((c) => c.partial)).toEqual([undefined]);
    expect(service.modelOf(info.id).info.name).toBe('sasrec');
  });

  it('opens an interrupted run as it stands: the weights of its best validated epoch, as a finished model of its own', async () => {
    const { service } = setUp();
    // The workspace as SavedModels sees it, recording each epoch's weights and validation figure on the way.
    const states = new Map<number, ModelState>();
    const figures = new Map<number, number>();
    const holder: ModelHolder = {
      train: (req, onProgress, signal, hooks) =>
        service.train(req, onProgress, signal, {
          ...hooks,
          onCheckpoint: (state, epoch, ndcg) => {
            states.set(epoch, state);
            figures.set(epoch, ndcg);
            hooks?.onCheckpoint?.(state, epoch, ndcg);
          },
        }),
      register: (model, about, signal) => service.register(model, about, signal),
      datasetOf: (id) => service.datasetOf(id),
      activeBackend: () => service.activeBackend(),
    };
    const factory = new IDBFactory();
    let kept: CheckpointStore | undefined;
    const saved = new SavedModels(holder, async () => {
      const r = await openCheckpointStore({ indexedDB: factory });
      if (r.ok) kept = r.data;
      return r;
    });
    const store = () => kept!;
    const controller = new AbortController();
    await expect(
      saved.train(
        { ...sasrec, settings: { ...sasrec.settings, maxEpochs: 6, evalEvery: 1 } },
        (p) => Number(p.detail?.epoch) >= 4 && p.detail?.valNdcg10 !== undefined && controller.abort(),
        controller.signal,
      ),
    ).rejects.toThrow();
    const [run] = await saved.list('demo');
    const best = run.partial!.best!;
    // The entry names a saved, validated epoch no later than the one it stopped at, with that epoch's figure.
    expect(best.epoch).toBeLessThanOrEqual(run.partial!.epoch);
    expect(best.ndcg10).toBe(figures.get(best.epoch));
    // It is the training loop's best up to the epoch saved last (ties to the later epoch), also where an epoch's save was
    // skipped because the previous one was still being written.
    let expected = 0;
    for (const [e, ndcg] of figures) if (e <= run.partial!.epoch && (expected === 0 || ndcg >= figures.get(expected)!)) expected = e;
    expect(best.epoch).toBe(expected);
    // The weights kept as best are that epoch's.
    const loaded = await store().load(run.id);
    if (!loaded.ok) throw new Error(loaded.reason);
    const decoded = await decodeCheckpoint(bestFileReader(loaded.data.files));
    if (!decoded.ok) throw new Error(decoded.reason);
    for (const [name, t] of Object.entries(states.get(best.epoch)!.tensors)) expect(decoded.data.state.tensors[name].data).toEqual(t.data);

    const info = await saved.open('demo', run.id);
    expect(info.notices).toContain(`stopped at epoch ${run.partial!.epoch} of 6 (best epoch ${best.epoch})`);
    expect(info.trainSeconds).toBeGreaterThan(0);
    expect((await top(service, info.id)).items.length).toBe(5);
    // Kept as a finished model beside the run, which can still be resumed.
    const listed = await saved.list('demo');
    expect(listed.map((c) => [c.id, c.partial === undefined]).sort()).toEqual(
      [
        [info.savedAs, true],
        [run.id, false],
      ].sort(),
    );
    expect(listed.find((c) => c.id === info.savedAs)!.validation).toEqual(info.validation);
  });

  it('refuses a checkpoint folder whose items.json was reordered (the folder picker), saying why, and keeps nothing', async () => {
    const { saved, store } = setUp();
    const info = await saved.train({ ...sasrec, model: 'pop', settings: {} }, () => {});
    const loaded = await store().load(info.savedAs!);
    if (!loaded.ok) throw new Error(loaded.reason);
    const items = JSON.parse(loaded.data.files['items.json'] as string) as string[];
    const picked: Record<string, Uint8Array> = {};
    for (const [name, f] of Object.entries(loaded.data.files)) picked[name] = typeof f === 'string' ? new TextEncoder().encode(f) : f;
    picked['items.json'] = new TextEncoder().encode(JSON.stringify([...items].reverse()));
    await expect(saved.openFiles('demo', picked)).rejects.toThrow(
      /^This checkpoint folder was refused: items\.json does not match the checksum config\.json records for it/,
    );
    expect((await saved.list('demo')).map((c) => c.id)).toEqual([info.savedAs]);
  });

  it('refuses a checkpoint made on another dataset, naming both', async () => {
    const { saved } = setUp();
    const info = await saved.train({ ...sasrec, model: 'pop', settings: {}, datasetId: 'other' }, () => {});
    await expect(saved.open('demo', info.savedAs!)).rejects.toThrow(/trained on "other" \(70 users, .* not the active dataset \(80 users/);
  });
});
