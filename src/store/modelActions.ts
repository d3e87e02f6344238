// Actions on recommenders in the ML worker: train, evaluate, recommend (with an edited history).
import { mlWorker } from '../workers/client';
import type { RecommendResult } from '../rec/recommend';
import type { TrainedModelInfo } from '../rec/train';
import type { EvaluationResult, Protocol } from '../rec/evaluate';
import type { BackendName } from '../ml/backend';
import { activeDataset } from './dataSlice';
import { asUserIdx } from '../lib/ids';
import type { Result } from '../lib/result';
import type { StoredDatasetInfo } from '../data/datasetStore';
import { runTask } from './runTask';
import { useApp } from './index';

const cancelMl = (id: string) => void mlWorker().cancel(id);
const sentDatasets = new Set<string>();
/** Datasets the core worker handed straight to the ML worker (posted before the page even had them). */
const handedOff = new Set<string>();

/** After the ML worker was restarted: it holds no dataset, so each is sent again on next use. */
export const forgetSentDatasets = (): void => {
  sentDatasets.clear();
  handedOff.clear();
};

export const datasetHandedOff = (id: string): void => void handedOff.add(id);

/** A load that will not be shown (cancelled, failed): the ML worker drops what the core worker may have handed it. */
export const discardHandOff = (id: string | undefined): void => {
  if (id !== undefined)
    void mlWorker()
      .removeDataset(id)
      .catch(() => undefined);
};

/** The active dataset's id, once the ML worker holds its log (handed over by the core worker, else sent from here). */
export async function ensureDatasetInWorker(): Promise<string> {
  const dataset = activeDataset(useApp.getState());
  if (!dataset) throw new Error('Load a dataset first.');
  if (!sentDatasets.has(dataset.id)) {
    const arrived = handedOff.has(dataset.id) && (await mlWorker().claimDataset(dataset.id, 30_000));
    if (!arrived)
      await mlWorker().addDataset(dataset.id, dataset.log, {
        catalog: dataset.catalog,
        truthEdges: dataset.truth?.edges ?? null,
        uplift: dataset.truth?.uplift ?? null,
      });
    sentDatasets.add(dataset.id);
  }
  return dataset.id;
}

/** Save a handed-over dataset in IndexedDB from the ML worker (off the page thread); null when the page must save it. */
export function saveFromMlWorker(id: string, storedId: string): Promise<Result<StoredDatasetInfo> | null> | null {
  return handedOff.has(id) ? (mlWorker().saveDataset(id, storedId) as Promise<Result<StoredDatasetInfo> | null>) : null;
}

/**
 * Let the ML worker drop a closed dataset that the core worker handed it and nothing used. (A dataset models were
 * trained on stays, with its models, as it always did.)
 */
export function watchDatasetRemovals(): () => void {
  return useApp.subscribe((s, before) => {
    if (s.datasets === before.datasets) return;
    const open = new Set(s.datasets.map((d) => d.id));
    for (const id of handedOff) {
      if (open.has(id) || sentDatasets.has(id)) continue;
      handedOff.delete(id);
      void mlWorker().removeDataset(id);
    }
  });
}

export async function loadModelCatalog(): Promise<void> {
  useApp.getState().catalogLoaded(await mlWorker().models());
}

export async function trainModel(
  model: string,
  settings: Record<string, unknown>,
  seed: number,
  recipe?: 'quality',
): Promise<TrainedModelInfo | null> {
  try {
    const datasetId = await ensureDatasetInWorker();
    const info = await runTask(
      'train',
      recipe === 'quality' ? `Training ${model} for quality` : `Training ${model}`,
      cancelMl,
      (id, onProgress) =>
        mlWorker().train({ datasetId, model, settings, seed, ...(recipe ? { recipe } : {}) }, id, onProgress) as Promise<TrainedModelInfo>,
    );
    if (info) {
      useApp.getState().modelTrained(info);
      // A GPU fault moved training to another backend: the header must show where work now runs, and why.
      if (info.notices.length)
        useApp.getState().backendChanged({ backend: info.backend as BackendName, gflops: 0 }, info.notices.join(' '));
    }
    return info;
  } catch (e) {
    useApp.getState().setModelError(`${model}: ${(e as Error).message}`);
    return null;
  }
}

export async function evaluateModels(protocol: Protocol, k: number[], seed: number): Promise<void> {
  for (const m of useApp.getState().trainedModels.filter((x) => x.datasetId === useApp.getState().activeDatasetId)) {
    try {
      const result = await runTask(
        'evaluate',
        `Evaluating ${m.name} (${protocol})`,
        cancelMl,
        (id, onProgress) => mlWorker().evaluate({ modelId: m.id, protocol, k, seed }, id, onProgress) as Promise<EvaluationResult>,
      );
      if (!result) return; // cancelled: stop the whole batch
      useApp.getState().evaluationDone({ modelId: m.id, protocol, k, result });
    } catch (e) {
      useApp.getState().setModelError(`${m.name}: ${(e as Error).message}`);
    }
  }
}

export function recommend(modelId: string, user: number, history: Int32Array, k: number, events?: Int32Array): Promise<RecommendResult> {
  return mlWorker().recommend({ modelId, user: asUserIdx(user), history, k, ...(events ? { events } : {}) }) as Promise<RecommendResult>;
}

export async function removeModel(id: string): Promise<void> {
  await mlWorker().removeModel(id);
  useApp.getState().modelRemoved(id);
}
