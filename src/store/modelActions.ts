// Actions on recommenders in the ML worker: train, evaluate, recommend (with an edited history).
import { mlWorker } from '../workers/client';
import type { RecommendResult, TrainedModelInfo } from '../workers/mlProtocol';
import type { EvaluationResult, Protocol } from '../rec/evaluate';
import type { BackendName } from '../ml/backend';
import { activeDataset } from './dataSlice';
import { runTask } from './runTask';
import { useApp } from './index';

const cancelMl = (id: string) => void mlWorker().cancel(id);
const sentDatasets = new Set<string>();

/** After the ML worker was restarted: it holds no dataset, so each is sent again on next use. */
export const forgetSentDatasets = (): void => sentDatasets.clear();

/** The active dataset's id, after handing its log to the ML worker once. */
export async function ensureDatasetInWorker(): Promise<string> {
  const dataset = activeDataset(useApp.getState());
  if (!dataset) throw new Error('Load a dataset first.');
  if (!sentDatasets.has(dataset.id)) {
    await mlWorker().addDataset(dataset.id, dataset.log, { catalog: dataset.catalog, truthEdges: dataset.truth?.edges ?? null });
    sentDatasets.add(dataset.id);
  }
  return dataset.id;
}

export async function loadModelCatalog(): Promise<void> {
  useApp.getState().catalogLoaded(await mlWorker().models());
}

export async function trainModel(model: string, settings: Record<string, unknown>, seed: number): Promise<TrainedModelInfo | null> {
  try {
    const datasetId = await ensureDatasetInWorker();
    const info = await runTask('train', `Training ${model}`, cancelMl, (id, onProgress) =>
      mlWorker().train({ datasetId, model, settings, seed }, id, onProgress) as Promise<TrainedModelInfo>,
    );
    if (info) {
      useApp.getState().modelTrained(info);
      // A GPU fault moved training to another backend: the header must show where work now runs, and why.
      if (info.notices.length) useApp.getState().backendChanged({ backend: info.backend as BackendName, gflops: 0 }, info.notices.join(' '));
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
      const result = await runTask('evaluate', `Evaluating ${m.name} (${protocol})`, cancelMl, (id, onProgress) =>
        mlWorker().evaluate({ modelId: m.id, protocol, k, seed }, id, onProgress) as Promise<EvaluationResult>,
      );
      if (!result) return; // cancelled: stop the whole batch
      useApp.getState().evaluationDone({ modelId: m.id, protocol, k, result });
    } catch (e) {
      useApp.getState().setModelError(`${m.name}: ${(e as Error).message}`);
    }
  }
}

export function recommend(modelId: string, user: number, history: Int32Array, k: number, events?: Int32Array): Promise<RecommendResult> {
  return mlWorker().recommend({ modelId, user, history, k, ...(events ? { events } : {}) }) as Promise<RecommendResult>;
}

export async function removeModel(id: string): Promise<void> {
  await mlWorker().removeModel(id);
  useApp.getState().modelRemoved(id);
}
