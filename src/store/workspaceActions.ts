// The workspace kept across reloads: every dataset the analyst loads is saved in IndexedDB (the built-in demo is
// regenerated instead), and a workspace record says which datasets are open, which saved models were open and what
// they scored. On start the record is replayed; without one the demo opens as before.
import { openDatasetStore, type DatasetStore } from '../data/datasetStore';
import { emptyWorkspace, type WorkspaceRecord } from '../data/workspaceRecord';
import { datasetName } from '../data/datasetName';
import { datasetKey, openCheckpointStore, sameDataset, type CheckpointStore } from '../rec/checkpointStore';
import { storageEstimate } from '../lib/idb';
import type { Result } from '../lib/result';
import type { SavedCheckpointInfo } from '../rec/checkpointStore';
import type { DatasetPayload } from '../data/dataset';
import type { EvaluationEntry } from './modelsSlice';
import { loadDemoDataset } from './dataActions';
import { openSavedModel } from './savedModelActions';
import { removeModel, saveFromMlWorker } from './modelActions';
import { VIEWS, type Theme, type View } from './uiSlice';
import { useApp, type AppState } from './index';
import { causalRecordOf, parseCausalRecord, restoreCausal } from './workspaceCausal';
import { forgetUnnamed, keepTextModels, restoreExplanation, restoreText, textEntriesOf } from './workspaceText';

const DEMO = 'demo';
let datasetDb: Promise<Result<DatasetStore>> | undefined;
let checkpointDb: Promise<Result<CheckpointStore>> | undefined;
/** The message of the last failed dataset save, while it is the one shown. */
let lastSaveError: string | null = null;
/** While true, store changes are the restore's own and are not written back one by one. */
let replaying = false;
/** Writes happen one at a time, in order. */
let queue: Promise<unknown> = Promise.resolve();
const enqueue = <T>(work: () => Promise<T>): Promise<T> => {
  const next = queue.then(work, work);
  queue = next.catch(() => undefined);
  return next;
};

export async function datasets(): Promise<DatasetStore> {
  const r = await (datasetDb ??= openDatasetStore());
  if (!r.ok) throw new Error(r.reason);
  return r.data;
}

export async function checkpoints(): Promise<CheckpointStore> {
  const r = await (checkpointDb ??= openCheckpointStore());
  if (!r.ok) throw new Error(r.reason);
  return r.data;
}

const isDemo = (d: DatasetPayload) => d.truth !== null;
const newStoredId = () => `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;

/** Restore the saved workspace (or open the demo when there is none), then keep saving every change. */
export async function startWorkspace(): Promise<void> {
  useApp.getState().setWorkspaceBusy(true);
  try {
    await restoreOrDemo();
  } finally {
    useApp.getState().setWorkspaceBusy(false);
  }
  await watchWorkspace();
}

let watching: (() => void) | undefined;

/** Save every change from now on (and once right away). */
export async function watchWorkspace(): Promise<void> {
  watching ??= useApp.subscribe(onChange);
  await enqueue(sync);
}

/** Settles when every save asked for so far is done. */
export const flushWorkspace = (): Promise<unknown> => enqueue(async () => undefined);

/** Datasets of a workspace record, read from this browser's store. */
export async function fromBrowser(id: string): Promise<Result<{ content: DatasetPayload; storedAs: string | null }>> {
  const r = await (await datasets()).load(id);
  return r.ok ? { ok: true, data: { content: r.data, storedAs: id } } : r;
}

async function restoreOrDemo(): Promise<void> {
  let record: WorkspaceRecord | null = null;
  try {
    const r = await (await datasets()).loadWorkspace();
    if (r.ok) record = r.data;
    else useApp.getState().setWorkspaceError(r.reason);
  } catch (e) {
    useApp.getState().setWorkspaceError(`Workspaces are not saved in this browser: ${(e as Error).message}`);
  }
  if (record && record.datasets.length) {
    await replay(record, fromBrowser);
  } else await loadDemoDataset();
}

function onChange(s: AppState, prev: AppState): void {
  if (replaying) return;
  if (
    s.datasets !== prev.datasets ||
    s.activeDatasetId !== prev.activeDatasetId ||
    s.trainedModels !== prev.trainedModels ||
    s.evaluations !== prev.evaluations ||
    s.causalGraph !== prev.causalGraph ||
    s.causalEffect !== prev.causalEffect ||
    s.textModels !== prev.textModels ||
    s.behaviorClassifiers !== prev.behaviorClassifiers ||
    s.itemEmbeddings !== prev.itemEmbeddings ||
    s.lastExplanation !== prev.lastExplanation ||
    s.view !== prev.view ||
    s.theme !== prev.theme
  ) {
    void enqueue(sync);
  }
}

/**
 * Replay a workspace record: open its datasets in order, re-open its models from their saved checkpoints, put back the
 * evaluations (model ids renamed to the re-opened models') and the active dataset. `storedAs` null means "save it".
 * `problems` found before (an import's refused checkpoints) are reported with the replay's own.
 */
export async function replay(
  record: WorkspaceRecord,
  content: (storedId: string) => Promise<Result<{ content: DatasetPayload; storedAs: string | null }>>,
  earlier: readonly string[] = [],
): Promise<void> {
  const app = useApp.getState;
  replaying = true;
  app().setWorkspaceBusy(true);
  const problems: string[] = [...earlier];
  try {
    const runtimeIds: (string | null)[] = [];
    for (const ref of record.datasets) {
      if (ref.kind === 'demo') {
        // An import into a tab that already shows the demo uses it rather than opening a second copy.
        const open = app().datasets.find((d) => isDemo(d) && !runtimeIds.includes(d.id));
        if (open) {
          runtimeIds.push(open.id);
          continue;
        }
        const before = app().datasets.length;
        await loadDemoDataset();
        const id = app().datasets.length > before ? app().datasets[app().datasets.length - 1].id : null;
        if (!id) problems.push('the built-in demo could not be rebuilt');
        if (id) app().datasetStored(id, DEMO);
        runtimeIds.push(id);
        continue;
      }
      const r = await content(ref.id);
      if (!r.ok) {
        problems.push(r.reason);
        runtimeIds.push(null);
        continue;
      }
      const id = app().datasetAdded(r.data.content as DatasetPayload);
      if (r.data.storedAs) app().datasetStored(id, r.data.storedAs);
      runtimeIds.push(id);
    }
    if (record.models.length || record.text) await backendReady();
    // Text models first: a content model re-opens beside its item embeddings.
    problems.push(...(await restoreText(record.text, runtimeIds)));
    const modelIds = new Map<string, string>();
    for (const m of record.models) {
      const datasetId = runtimeIds[m.dataset];
      if (!datasetId) continue;
      app().selectDataset(datasetId);
      const info = await openSavedModel({ id: m.checkpoint, model: m.name } as SavedCheckpointInfo);
      if (info) modelIds.set(m.modelId, info.id);
      else problems.push(`${m.name}: ${app().modelError ?? 'could not be re-opened'}`);
    }
    for (const e of record.evaluations as EvaluationEntry[]) {
      const modelId = modelIds.get(e.modelId);
      if (modelId) app().evaluationDone({ ...e, modelId });
    }
    problems.push(...restoreExplanation(record.explanation, modelIds));
    const causal = parseCausalRecord(record.causal, record.datasets.length);
    const causalDataset = causal ? runtimeIds[causal.dataset] : null;
    if (causal && causalDataset) restoreCausal(causal, causalDataset, app());
    const active = record.active === null ? null : runtimeIds[record.active];
    if (active) app().selectDataset(active);
    const { view, theme } = record.settings;
    // With problems, the Data view, whose workspace panel shows them: elsewhere nothing would say a model is missing
    // (the model view's own error is cleared by the next model that opens).
    if (problems.length) app().setView('data');
    else if (view && (VIEWS as readonly string[]).includes(view)) app().setView(view as View);
    if (theme === 'light' || theme === 'dark') app().setTheme(theme as Theme);
  } finally {
    replaying = false;
    app().setWorkspaceBusy(false);
  }
  app().setWorkspaceError(problems.length ? `Part of the saved workspace could not be restored: ${problems.join('; ')}` : null);
  await enqueue(sync);
  if (record.text) await enqueue(() => forgetUnnamed(currentRecord())).catch(() => undefined);
}

/** The model list waits for the ML worker's backend, so re-opened models run where new ones would. */
function backendReady(): Promise<void> {
  const ready = (s: AppState) => !s.backendPending || s.backend !== null || s.backendError !== null;
  if (ready(useApp.getState())) return Promise.resolve();
  return new Promise((resolve) => {
    const stop = useApp.subscribe((s) => {
      if (!ready(s)) return;
      stop();
      resolve();
    });
  });
}

/** Save datasets not saved yet, drop the copies of closed ones, write the workspace record, refresh the overview. */
async function sync(): Promise<void> {
  const app = useApp.getState;
  let db: DatasetStore;
  try {
    db = await datasets();
  } catch (e) {
    app().setWorkspaceError(`Workspaces are not saved in this browser: ${(e as Error).message}`);
    return;
  }
  for (const d of app().datasets) {
    if (d.id in app().datasetStorage) continue;
    if (isDemo(d)) {
      app().datasetStored(d.id, DEMO);
      continue;
    }
    const storedId = newStoredId();
    const saved = (await saveFromMlWorker(d.id, storedId)) ?? (await db.save(storedId, d));
    app().datasetStored(d.id, saved.ok ? saved.data.id : null);
    // A save clears only a save's own earlier failure: what a replay or an import reported (a model that could not
    // be opened) must stay until the analyst has seen it.
    if (!saved.ok) app().setWorkspaceError((lastSaveError = saved.reason));
    else if (lastSaveError !== null && app().workspaceError === lastSaveError) app().setWorkspaceError((lastSaveError = null));
  }
  const open = new Set(app().datasets.map((d) => d.id));
  for (const [id, storedAs] of Object.entries(app().datasetStorage)) {
    if (open.has(id)) continue;
    if (storedAs && storedAs !== DEMO) await db.delete(storedAs);
    useApp.setState((s) => {
      const rest = { ...s.datasetStorage };
      delete rest[id];
      return { datasetStorage: rest };
    });
  }
  await keepTextModels();
  const written = await db.saveWorkspace(currentRecord());
  if (!written.ok) app().setWorkspaceError(written.reason);
  await refreshStorage();
}

/** The workspace as a record: open datasets that are kept (saved or the demo), their saved models, the evaluations. */
export function currentRecord(
  storedIds: (datasetId: string) => string | null | undefined = (id) => useApp.getState().datasetStorage[id],
): WorkspaceRecord {
  const s = useApp.getState();
  const record = emptyWorkspace();
  const index = new Map<string, number>();
  for (const d of s.datasets) {
    const storedAs = storedIds(d.id);
    if (!storedAs) continue;
    index.set(d.id, record.datasets.length);
    record.datasets.push(storedAs === DEMO ? { kind: 'demo' } : { kind: 'stored', id: storedAs });
  }
  record.active = s.activeDatasetId !== null ? (index.get(s.activeDatasetId) ?? null) : null;
  const kept = new Set<string>();
  for (const m of s.trainedModels) {
    const dataset = index.get(m.datasetId);
    if (dataset === undefined || !m.savedAs) continue;
    record.models.push({ checkpoint: m.savedAs, dataset, modelId: m.id, name: m.name });
    kept.add(m.id);
  }
  record.evaluations = s.evaluations.filter((e) => kept.has(e.modelId));
  record.settings = { view: s.view, theme: s.theme };
  record.causal = causalRecordOf(s, index);
  Object.assign(record, textEntriesOf(s, index, kept));
  return record;
}

export async function refreshStorage(): Promise<void> {
  try {
    const list = await (await datasets()).list();
    const saved = await (await checkpoints()).list();
    useApp.getState().storageChanged({
      datasets: list.ok ? list.data : [],
      checkpoints: saved.ok ? { count: saved.data.length, bytes: saved.data.reduce((a, c) => a + c.bytes, 0) } : { count: 0, bytes: 0 },
      estimate: (await storageEstimate()) ?? null,
    });
  } catch (e) {
    useApp.getState().setWorkspaceError((e as Error).message);
  }
}

/** Close a dataset, delete its saved copy, and delete its models (open ones and saved checkpoints). */
export async function deleteDataset(id: string): Promise<void> {
  const app = useApp.getState;
  const dataset = app().datasets.find((d) => d.id === id);
  if (!dataset) return;
  const key = datasetKey(dataset.name, dataset.log.users, dataset.log.items);
  for (const m of app().trainedModels.filter((x) => x.datasetId === id)) await removeModel(m.id).catch(() => app().modelRemoved(m.id));
  await enqueue(async () => {
    const store = await checkpoints();
    const all = await store.list();
    if (all.ok) for (const c of all.data.filter((x) => sameDataset(x.dataset, key))) await store.delete(c.id);
  });
  app().removeDataset(id);
  await enqueue(sync);
}

/**
 * Rename an open dataset and its saved copy. Runs after the saves queued before it, so a dataset renamed right after
 * loading is saved first and then renamed. The demo is rebuilt on every reload and keeps its own name.
 */
export async function renameDataset(id: string, given: string): Promise<void> {
  const app = useApp.getState;
  const dataset = app().datasets.find((d) => d.id === id);
  if (!dataset || isDemo(dataset)) return;
  const name = datasetName(given, dataset.name);
  if (name === dataset.name) return;
  app().datasetRenamed(id, name);
  await enqueue(async () => {
    const storedAs = app().datasetStorage[id];
    if (!storedAs || storedAs === DEMO) return;
    const r = await (await datasets()).rename(storedAs, name);
    if (!r.ok) app().setWorkspaceError(r.reason);
  });
  await refreshStorage();
}

/** Close everything and delete every saved dataset, model and the workspace record. */
export async function clearEverything(): Promise<void> {
  const app = useApp.getState;
  replaying = true;
  try {
    for (const m of app().trainedModels) await removeModel(m.id).catch(() => app().modelRemoved(m.id));
    for (const d of app().datasets) app().removeDataset(d.id);
    useApp.setState({ datasetStorage: {}, lastLoad: null });
    await enqueue(async () => {
      const a = await (await datasets()).clear();
      const b = await (await checkpoints()).clear();
      const failed = [a, b].find((r) => !r.ok);
      app().setWorkspaceError(failed && !failed.ok ? failed.reason : null);
    });
  } finally {
    replaying = false;
  }
  await enqueue(sync);
}
