// Recommenders saved in the browser (IndexedDB, in the ML worker): open, resume an interrupted run, open a CLI folder.
import { mlWorker } from '../workers/client';
import type { SavedCheckpointInfo } from '../rec/checkpointStore';
import type { TrainedModelInfo } from '../rec/train';
import { ensureDatasetInWorker } from './modelActions';
import { runTask } from './runTask';
import { useApp } from './index';

const cancelMl = (id: string) => void mlWorker().cancel(id);

export async function listSavedModels(): Promise<SavedCheckpointInfo[]> {
  const datasetId = await ensureDatasetInWorker();
  return mlWorker().savedModels(datasetId) as Promise<SavedCheckpointInfo[]>;
}

async function adopt(
  kind: string,
  label: string,
  work: (datasetId: string, taskId: string, onProgress: Parameters<Parameters<typeof runTask>[3]>[1]) => Promise<TrainedModelInfo>,
): Promise<TrainedModelInfo | null> {
  try {
    const datasetId = await ensureDatasetInWorker();
    const info = await runTask(kind, label, cancelMl, (taskId, onProgress) => work(datasetId, taskId, onProgress));
    if (info) useApp.getState().modelTrained(info);
    return info;
  } catch (e) {
    useApp.getState().setModelError(`${label}: ${(e as Error).message}`);
    return null;
  }
}

export const openSavedModel = (c: SavedCheckpointInfo) =>
  adopt(
    'open',
    `Opening ${c.model}`,
    (datasetId, taskId) => mlWorker().openSavedModel(datasetId, c.id, taskId) as Promise<TrainedModelInfo>,
  );

export const resumeTraining = (c: SavedCheckpointInfo) =>
  adopt(
    'train',
    `Resuming ${c.model}`,
    (datasetId, taskId, onProgress) => mlWorker().resumeTraining(datasetId, c.id, taskId, onProgress) as Promise<TrainedModelInfo>,
  );

/** Continue a finished sequence model (saved as `savedAs`) for another epoch budget: "Train longer". */
export const trainLonger = (name: string, savedAs: string) =>
  adopt(
    'train',
    `Training ${name} longer`,
    (datasetId, taskId, onProgress) => mlWorker().resumeTraining(datasetId, savedAs, taskId, onProgress, true) as Promise<TrainedModelInfo>,
  );

/** A folder picked with the directory picker: its files are keyed by name (the checkpoint's files are flat). */
export async function openCheckpointFolder(files: readonly File[]): Promise<TrainedModelInfo | null> {
  const contents: Record<string, Uint8Array> = {};
  for (const f of files) contents[f.name] = new Uint8Array(await f.arrayBuffer());
  return adopt(
    'open',
    'Opening checkpoint folder',
    (datasetId, taskId) => mlWorker().openCheckpointFiles(datasetId, contents, taskId) as Promise<TrainedModelInfo>,
  );
}

export async function deleteSavedModel(id: string): Promise<void> {
  await mlWorker().deleteSavedModel(id);
}

export async function clearSavedModels(): Promise<void> {
  await mlWorker().clearSavedModels();
}
