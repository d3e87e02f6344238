// Guidance in the ML worker (where the trained models live), with progress and Cancel in the task list.
import { mlWorker } from '../workers/client';
import { fail, type Result } from '../lib/result';
import type { Guidance } from '../rec/guidance/guidance';
import type { GuidanceRequest } from '../workers/guidanceService';
import { ensureDatasetInWorker } from './modelActions';
import { runTask } from './runTask';

/** Null when the analyst cancelled; a refusal or a failure in the worker as a failed Result. */
export async function computeGuidance(request: GuidanceRequest): Promise<Result<Guidance> | null> {
  try {
    await ensureDatasetInWorker();
    return await runTask(
      'guidance',
      'Guidance: who to act on',
      (id) => void mlWorker().cancel(id),
      (id, onProgress) => mlWorker().guidance(request, id, onProgress) as Promise<Result<Guidance>>,
    );
  } catch (e) {
    return fail((e as Error).message);
  }
}
