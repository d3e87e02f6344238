// Recommenders kept across reloads: every model trained in the app is saved as a checkpoint in IndexedDB (sequence
// models also after each epoch, so an interrupted run can resume), and checkpoint folders written by `reclens train`
// open here too. A checkpoint is only used with the dataset whose id dictionaries it indexes.
import { longerSettings } from './epochBudget';
import type { Progress } from '../lib/progress';
import type { Result } from '../lib/result';
import { decodeCheckpoint, encodeCheckpoint, type DecodedCheckpoint } from './checkpoint';
import {
  datasetKey,
  openCheckpointStore,
  sameDataset,
  type CheckpointFiles,
  type CheckpointStore,
  type DatasetKey,
  type SavedCheckpointInfo,
} from './checkpointStore';
import type { ModelState, Recommender } from './recommender';
import { restoreModel } from './openCheckpoint';
import { bestFileReader, improvesBest, stoppedNotice, withBestFiles, type BestEpoch } from './interruptedRun';
import { checkpointConfig, type TrainedModelInfo, type TrainOptions, type TrainRequest } from './train';
import type { EventLog } from '../data/eventLog';
import type { LeaveOneOutSplit } from './split';
import type { QualityRecord } from './qualityRecipe';

/** What holds the datasets and fitted models (rec/modelWorkspace's ModelWorkspace): trains, registers and looks data up. */
export interface ModelHolder {
  train(
    req: TrainRequest,
    onProgress: (p: Progress) => void,
    signal?: AbortSignal,
    hooks?: Pick<TrainOptions, 'resumeFrom' | 'onCheckpoint'>,
  ): Promise<{ info: TrainedModelInfo; model: Recommender }>;
  register(
    model: Recommender,
    about: TrainRequest & { trainSeconds: number; notices: string[] },
    signal?: AbortSignal,
  ): Promise<TrainedModelInfo>;
  datasetOf(id: string): { log: EventLog; split: LeaveOneOutSplit };
  /** The compute backend in use now (what a checkpoint records it was trained on). */
  activeBackend(): string;
}

export type { SavedCheckpointInfo };

/** The best validated epoch of a run, with its weights. */
type BestWeights = BestEpoch & { state: ModelState };

/** Why "Train longer" is refused for a model trained for quality (the app says the same beside its curve). */
export const TRAIN_LONGER_AFTER_QUALITY =
  'A model trained for quality cannot be trained longer: its final fit trained on the validation items, so nothing is left to judge more epochs by. Train for quality again to re-tune its epochs.';

export class SavedModels {
  private store: Promise<Result<CheckpointStore>> | undefined;
  private readonly keys = new Map<string, DatasetKey>();

  constructor(
    private readonly models: ModelHolder,
    private readonly openStore: () => Promise<Result<CheckpointStore>> = () => openCheckpointStore(),
  ) {}

  /**
   * Train, saving each epoch's weights while it runs (and, apart, the best validated epoch's, so an interrupted run can
   * be opened as it stands) and the finished model at the end.
   */
  async train(
    req: TrainRequest,
    onProgress: (p: Progress) => void,
    signal?: AbortSignal,
    resumeFrom?: { id: string; state: ModelState; best?: BestWeights },
  ): Promise<TrainedModelInfo> {
    const runId = resumeFrom?.id ?? `${req.datasetId}/${req.model}/run-${Date.now()}`;
    const maxEpochs = Number(req.settings.maxEpochs) || 0;
    // The best validated epoch's weights, kept in memory and written with every epoch save (a resumed run goes on from
    // the best its first part saved).
    let best = resumeFrom?.best;
    // One save at a time: an epoch that ends while the previous one is still being written is skipped, not queued.
    let saving: Promise<unknown> | null = null;
    // An epoch save records the seconds trained so far: a run opened as it stands shows them, not 0.
    const started = performance.now();
    const onCheckpoint = (state: ModelState, epoch: number, valNdcg10: number) => {
      if (improvesBest(best, valNdcg10)) best = { epoch, ndcg10: valNdcg10, state };
      if (saving) return;
      saving = this.save(runId, req, state, {
        trainSeconds: (performance.now() - started) / 1000,
        partial: { epoch, maxEpochs: Math.max(maxEpochs, epoch), ...(best ? { best: { epoch: best.epoch, ndcg10: best.ndcg10 } } : {}) },
        ...(best ? { bestState: best.state } : {}),
      }).finally(() => (saving = null));
    };
    // An epoch save still being written (encoding hashes the files first) finishes before this settles, also when
    // training fails or is cancelled: the interrupted run's checkpoint is what resume() will look for.
    const { info, model } = await this.models
      .train(req, onProgress, signal, { onCheckpoint, ...(resumeFrom ? { resumeFrom: resumeFrom.state } : {}) })
      .finally(() => saving);
    const finalId = `${req.datasetId}/${req.model}/${new Date().toISOString()}`;
    const saved = await this.save(finalId, req, await model.exportState(), {
      trainSeconds: info.trainSeconds,
      ...listedValidation(info),
      backend: info.backend,
      ...(info.recipe ? { recipe: info.recipe } : {}),
    });
    if (saved.ok) {
      info.savedAs = finalId;
      await this.delete(runId);
    } else info.notices.push(`Not saved in the browser: ${saved.reason}`);
    return info;
  }

  /**
   * Continue an interrupted run from its last saved epoch; `longer`: continue a finished sequence model for another
   * epoch budget ("Train longer"), as a run of its own, so the model it continues stays saved as it was.
   */
  async resume(
    datasetId: string,
    id: string,
    onProgress: (p: Progress) => void,
    signal?: AbortSignal,
    longer = false,
  ): Promise<TrainedModelInfo> {
    const c = await this.checkpoint(datasetId, id);
    // A model trained for quality has no held-out data left: its final fit trained on the validation items, so a longer
    // run's early stopping and validation figure would judge it on items it has seen.
    if (longer && c.config.recipe) throw new Error(TRAIN_LONGER_AFTER_QUALITY);
    const settings = longer ? longerSettings(c.config.settings) : c.config.settings;
    const req: TrainRequest = { datasetId, model: c.config.model, settings, seed: c.config.seed };
    const runId = longer ? `${datasetId}/${c.config.model}/run-${Date.now()}` : id;
    const best = longer ? undefined : await this.bestOf(datasetId, id);
    return this.train(req, onProgress, signal, { id: runId, state: c.state, ...(best ? { best } : {}) });
  }

  /** Saved checkpoints of this dataset (finished and interrupted), newest first. */
  async list(datasetId: string): Promise<SavedCheckpointInfo[]> {
    const store = await this.ready();
    const all = await store.list();
    if (!all.ok) throw new Error(all.reason);
    const key = this.key(datasetId);
    return all.data.filter((c) => sameDataset(c.dataset, key));
  }

  /**
   * Rebuild a saved model into this session. An interrupted run opens as it stands: the weights of its best validated
   * epoch, kept as a finished model of its own (so it survives the run being resumed or deleted).
   */
  async open(datasetId: string, id: string): Promise<TrainedModelInfo> {
    const partial = (await this.list(datasetId)).find((c) => c.id === id)?.partial;
    if (partial) return this.openAsItStands(datasetId, id, partial);
    const info = await this.restore(datasetId, await this.checkpoint(datasetId, id));
    // It is kept under that id: a session that lists it can re-open it after the next reload too.
    info.savedAs = id;
    return info;
  }

  /** Open a checkpoint folder's files (e.g. from `reclens train --out`), and keep a copy in the browser. */
  async openFiles(datasetId: string, files: CheckpointFiles): Promise<TrainedModelInfo> {
    const decoded = await decodeCheckpoint((f) => files[f] ?? null);
    if (!decoded.ok) throw new Error(`This checkpoint folder was refused: ${decoded.reason}`);
    this.requireSameDataset(datasetId, decoded.data);
    const info = await this.restore(datasetId, decoded.data);
    const id = `${datasetId}/${decoded.data.config.model}/${decoded.data.config.createdAt}`;
    const saved = await this.put(id, datasetId, decoded.data.config.model, files, listedValidation(info));
    if (saved.ok) info.savedAs = id;
    else info.notices.push(`Not saved in the browser: ${saved.reason}`);
    return info;
  }

  async delete(id: string): Promise<boolean> {
    const r = await (await this.ready()).delete(id);
    if (!r.ok) throw new Error(r.reason);
    return r.data;
  }

  private async openAsItStands(
    datasetId: string,
    runId: string,
    partial: NonNullable<SavedCheckpointInfo['partial']>,
  ): Promise<TrainedModelInfo> {
    const { best } = partial;
    if (!best) throw new Error('this run stopped before any epoch was validated and saved: resume it instead');
    const c = await this.checkpoint(datasetId, runId, true);
    const info = await this.restore(datasetId, c, [stoppedNotice({ ...partial, best })]);
    const req: TrainRequest = { datasetId, model: c.config.model, settings: c.config.settings, seed: c.config.seed };
    const id = `${datasetId}/${c.config.model}/${new Date().toISOString()}`;
    const saved = await this.save(id, req, c.state, {
      trainSeconds: c.config.trainSeconds,
      ...listedValidation(info),
      backend: c.config.backend,
    });
    if (saved.ok) info.savedAs = id;
    else info.notices.push(`Not saved in the browser: ${saved.reason}`);
    return info;
  }

  /** An interrupted run's best validated epoch with its weights, where its entry names one. */
  private async bestOf(datasetId: string, runId: string): Promise<BestWeights | undefined> {
    const best = (await this.list(datasetId)).find((c) => c.id === runId)?.partial?.best;
    return best && { ...best, state: (await this.checkpoint(datasetId, runId, true)).state };
  }

  async clear(): Promise<void> {
    const r = await (await this.ready()).clear();
    if (!r.ok) throw new Error(r.reason);
  }

  private async restore(datasetId: string, c: DecodedCheckpoint, extraNotices: string[] = []): Promise<TrainedModelInfo> {
    const restored = await restoreModel(c);
    if (!restored.ok) throw new Error(`This checkpoint was refused: ${restored.reason}`);
    const model = restored.data;
    const moved = backendChangeNotice(c.config.backend, model.backend);
    const notices = [...extraNotices, ...c.notes, ...(moved ? [moved] : [])];
    const info = await this.models.register(model, {
      datasetId,
      model: c.config.model,
      settings: c.config.settings,
      seed: c.config.seed,
      trainSeconds: c.config.trainSeconds,
      notices,
    });
    // A converted model (RecBole) says where it came from, whenever it is opened.
    if (c.config.importedFrom) info.importedFrom = c.config.importedFrom;
    // A "train for quality" model keeps its two phases (and its validation figures stay '–': they were trained on).
    if (c.config.recipe) info.recipe = c.config.recipe;
    return info;
  }

  /** A saved checkpoint, or with `best` the best epoch's checkpoint kept inside an interrupted run's files. */
  private async checkpoint(datasetId: string, id: string, best = false): Promise<DecodedCheckpoint> {
    const loaded = await (await this.ready()).load(id);
    if (!loaded.ok) throw new Error(loaded.reason);
    const files = loaded.data.files;
    const decoded = await decodeCheckpoint(best ? bestFileReader(files) : (f) => files[f] ?? null);
    if (!decoded.ok) throw new Error(`saved checkpoint "${id}" is damaged: ${decoded.reason}`);
    this.requireSameDataset(datasetId, decoded.data);
    return decoded.data;
  }

  private requireSameDataset(datasetId: string, c: DecodedCheckpoint): void {
    const key = this.key(datasetId);
    if (!sameDataset(datasetKey(c.config.data.source, c.users, c.items), key)) {
      throw new Error(
        `This checkpoint was trained on "${c.config.data.source}" (${c.users.length} users, ${c.items.length} items), which is not the active dataset ` +
          `(${key.users} users, ${key.items} items, or the same counts in another order). Load that file first, then open the checkpoint.`,
      );
    }
  }

  private async save(
    id: string,
    req: TrainRequest,
    state: ModelState,
    about: {
      trainSeconds: number;
      partial?: SavedCheckpointInfo['partial'];
      validation?: SavedCheckpointInfo['validation'];
      trainedForQuality?: true;
      /** Where the model computed ("js" for the baselines); epoch saves of TF.js models record the active backend. */
      backend?: string;
      /** An epoch save's best validated weights, written beside the epoch's own (interruptedRun.ts). */
      bestState?: ModelState;
      /** A "train for quality" run's two phases, for config.json (qualityFit.ts). */
      recipe?: QualityRecord;
    },
  ): Promise<Result<SavedCheckpointInfo>> {
    const { log, split } = this.models.datasetOf(req.datasetId);
    const createdAt = new Date().toISOString();
    const config = {
      ...checkpointConfig({
        model: req.model,
        backend: about.backend ?? this.models.activeBackend(),
        seed: req.seed,
        trainSeconds: about.trainSeconds,
        createdAt,
        source: req.datasetId,
        users: log.users.length,
        items: log.items.length,
        split,
      }),
      ...(about.recipe ? { recipe: about.recipe } : {}),
    };
    const encode = (s: ModelState) => encodeCheckpoint({ config, users: log.users, items: log.items, split, state: s });
    const own = await encode(state);
    const files = about.bestState ? withBestFiles(own, await encode(about.bestState)) : own;
    return this.put(id, req.datasetId, req.model, files, about, createdAt);
  }

  private async put(
    id: string,
    datasetId: string,
    model: string,
    files: CheckpointFiles,
    about: Pick<SavedCheckpointInfo, 'partial' | 'validation' | 'trainedForQuality'>,
    createdAt = new Date().toISOString(),
  ): Promise<Result<SavedCheckpointInfo>> {
    const store = await this.storeOrReason();
    if (!store.ok) return store;
    return store.data.save(
      {
        id,
        model,
        createdAt,
        dataset: this.key(datasetId),
        ...(about.partial ? { partial: about.partial } : {}),
        ...(about.validation ? { validation: about.validation } : {}),
        ...(about.trainedForQuality ? { trainedForQuality: true as const } : {}),
      },
      files,
    );
  }

  private key(datasetId: string): DatasetKey {
    let key = this.keys.get(datasetId);
    if (!key) {
      const { log } = this.models.datasetOf(datasetId);
      key = datasetKey(datasetId, log.users, log.items);
      this.keys.set(datasetId, key);
    }
    return key;
  }

  private storeOrReason(): Promise<Result<CheckpointStore>> {
    this.store ??= this.openStore().then((r) => {
      if (!r.ok) this.store = undefined; // try again next time (e.g. after the analyst frees space)
      return r;
    });
    return this.store;
  }

  private async ready(): Promise<CheckpointStore> {
    const r = await this.storeOrReason();
    if (!r.ok) throw new Error(r.reason);
    return r.data;
  }
}

/**
 * The notice for a restored model whose compute backend changed, or null. Baselines compute in plain JavaScript ("js")
 * wherever they run, and older checkpoints recorded the TF.js backend active when they were saved for them too, so only
 * a TF.js model (running on anything but "js") that now runs on another backend than it was trained on gets one.
 */
export function backendChangeNotice(trainedOn: string, runningOn: string): string | null {
  if (runningOn === 'js' || trainedOn === runningOn) return null;
  return `trained on ${trainedOn}, now running on ${runningOn}`;
}

/**
 * The validation figures a saved entry lists: none for a model trained for quality, whose final fit trained on the
 * validation items (its figure there, e.g. NDCG@10 0.84 on a REES46 sample, says nothing of how it ranks unseen items).
 */
function listedValidation(info: TrainedModelInfo): Pick<SavedCheckpointInfo, 'validation' | 'trainedForQuality'> {
  return info.recipe ? { trainedForQuality: true } : { validation: info.validation };
}
