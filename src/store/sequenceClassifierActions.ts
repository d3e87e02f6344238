// The behavior-sequence classifier in the ML worker (where the trained model it starts from lives), with progress and
// Cancel (the task list shows both).
import { mlWorker } from '../workers/client';
import { fail, type Result } from '../lib/result';
import type { SequenceClassifierInfo, SequenceClassifierRequest } from '../workers/sequenceClassifierService';
import { runTask } from './runTask';

/** Null when the analyst cancelled; a failure (thrown in the worker, or refused settings) as a failed Result. */
export async function fitSequenceClassifier(request: SequenceClassifierRequest): Promise<Result<SequenceClassifierInfo> | null> {
  try {
    return await runTask(
      'sequence-classifier',
      'Fine-tuning a sequence classifier',
      (id) => void mlWorker().cancel(id),
      (id, onProgress) => mlWorker().fitSequenceClassifier(request, id, onProgress) as Promise<Result<SequenceClassifierInfo>>,
    );
  } catch (e) {
    return fail((e as Error).message);
  }
}
