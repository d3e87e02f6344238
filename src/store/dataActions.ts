// Actions that load data through the core worker, reporting progress into the store.
import { coreWorker } from '../workers/client';
import { runTask } from './runTask';
import type { CoreApi, DatasetPayload, FileRequest, IngestFailure, ProgressCallback } from '../workers/protocol';
import type { FileShape } from '../data/csv/reader';
import type { Result } from '../lib/result';
import { useApp } from './index';

const cancelCore = (id: string) => void coreWorker().cancel(id);

export async function loadDemoDataset(options: { seed?: number; users?: number } = {}): Promise<void> {
  const payload = await runTask('demo', 'Building the demo shop', cancelCore, (id, onProgress) => coreWorker().demo(options, id, onProgress));
  if (payload) useApp.getState().datasetAdded(payload);
}

export function inspectFile(file: File, overrides: Parameters<CoreApi['inspect']>[2] = {}): Promise<Result<FileShape>> {
  return coreWorker().inspect(file, file.name, overrides) as Promise<Result<FileShape>>;
}

export async function loadFiles(events: FileRequest, items?: FileRequest): Promise<void> {
  // Comlink's Remote type spreads the Promise over the Result union; the worker returns exactly CoreApi's type.
  const ingest = (id: string, onProgress: ProgressCallback) => coreWorker().ingest({ events, items }, id, onProgress) as Promise<Result<DatasetPayload, IngestFailure>>;
  const result = await runTask('ingest', `Loading ${events.name}`, cancelCore, ingest);
  if (!result) {
    useApp.getState().loadFailed(`Loading ${events.name}: cancelled`, []);
    return;
  }
  if (result.ok) useApp.getState().datasetAdded(result.data);
  else useApp.getState().loadFailed(result.reason.message, result.reason.reports);
}
