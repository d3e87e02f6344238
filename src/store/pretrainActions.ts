// Domain-adaptive pretraining of a loaded text model on the active dataset's texts, in the ML worker with progress and
// Cancel; the adapted model joins the text models, and the run's figures stay for the panel to show.
import { mlWorker } from '../workers/client';
import type { PretrainOutcome, PretrainRequest } from '../workers/pretrainService';
import { ensureDatasetInWorker } from './modelActions';
import { runTask } from './runTask';
import { useApp } from './index';

const cancelMl = (id: string) => void mlWorker().cancel(id);

/** The adapted model's figures, or null (cancelled before a step, or failed: the reason is shown as a text-model error). */
export async function pretrainTextModel(request: Omit<PretrainRequest, 'datasetId'>): Promise<PretrainOutcome | null> {
  try {
    const datasetId = await ensureDatasetInWorker();
    const outcome = await runTask(
      'pretrain',
      'Pretraining on the domain texts',
      cancelMl,
      (id, onProgress) => mlWorker().pretrainTextModel({ ...request, datasetId }, id, onProgress) as Promise<PretrainOutcome>,
    );
    if (outcome) useApp.getState().textModelLoaded(outcome.info);
    return outcome;
  } catch (e) {
    useApp.getState().textModelFailed((e as Error).message);
    return null;
  }
}
