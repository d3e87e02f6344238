// The behavior-sequence classifier in the ML worker (where the trained model it starts from lives), with progress and
// Cancel (the task list shows both); each report joins the store's list, a failure its error line.
import { mlWorker } from '../workers/client';
import type { Result } from '../lib/result';
import type { SequenceClassifierInfo, SequenceClassifierRequest } from '../workers/sequenceClassifierService';
import { runTask } from './runTask';
import { useApp } from './index';

/** Null when the analyst cancelled or it failed (the reason goes to sequenceClassifierError). */
export async function fitSequenceClassifier(request: SequenceClassifierRequest): Promise<SequenceClassifierInfo | null> {
  const { sequenceClassifierFitted, sequenceClassifierFailed } = useApp.getState();
  sequenceClassifierFailed(null);
  try {
    const r = await runTask(
      'sequence-classifier',
      'Fine-tuning a sequence classifier',
      (id) => void mlWorker().cancel(id),
      (id, onProgress) => mlWorker().fitSequenceClassifier(request, id, onProgress) as Promise<Result<SequenceClassifierInfo>>,
    );
    if (!r) return null;
    if (!r.ok) {
      sequenceClassifierFailed(r.reason);
      return null;
    }
    sequenceClassifierFitted(r.data);
    return r.data;
  } catch (e) {
    sequenceClassifierFailed((e as Error).message);
    return null;
  }
}
