// Actions that load data through the core worker, reporting progress into the store.
import { coreWorker, newTaskId, Comlink } from '../workers/client';
import type { CoreApi, DatasetPayload, FileRequest, IngestFailure, ProgressCallback } from '../workers/protocol';
import type { FileShape } from '../data/csv/reader';
import type { Result } from '../lib/result';
import { isAbortError, type Progress } from '../lib/progress';
import { useApp } from './index';

async function runTask<T>(kind: string, label: string, work: (taskId: string, onProgress: ProgressCallback) => Promise<T>): Promise<T | null> {
  const id = newTaskId(kind);
  const { taskStarted, taskProgress, taskEnded } = useApp.getState();
  taskStarted({ id, label, cancel: () => void coreWorker().cancel(id) });
  try {
    return await work(id, Comlink.proxy((p: Progress) => taskProgress(id, p)));
  } catch (e) {
    if (isAbortError(e) || (e instanceof Error && e.message === 'Cancelled')) {
      useApp.getState().loadFailed(`${label}: cancelled`, []);
      return null;
    }
    throw e;
  } finally {
    taskEnded(id);
  }
}

export async function loadDemoDataset(options: { seed?: number; users?: number } = {}): Promise<void> {
  const payload = await runTask('demo', 'Building the demo shop', (id, onProgress) => coreWorker().demo(options, id, onProgress));
  if (payload) useApp.getState().datasetAdded(payload);
}

export function inspectFile(file: File, overrides: Parameters<CoreApi['inspect']>[2] = {}): Promise<Result<FileShape>> {
  return coreWorker().inspect(file, file.name, overrides) as Promise<Result<FileShape>>;
}

export async function loadFiles(events: FileRequest, items?: FileRequest): Promise<void> {
  // Comlink's Remote type spreads the Promise over the Result union; the worker returns exactly CoreApi's type.
  const ingest = (id: string, onProgress: ProgressCallback) => coreWorker().ingest({ events, items }, id, onProgress) as Promise<Result<DatasetPayload, IngestFailure>>;
  const result = await runTask('ingest', `Loading ${events.name}`, ingest);
  if (!result) return;
  if (result.ok) useApp.getState().datasetAdded(result.data);
  else useApp.getState().loadFailed(result.reason.message, result.reason.reports);
}
