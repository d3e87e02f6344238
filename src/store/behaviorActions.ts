// Behavior classifiers and faithfulness summaries in the ML worker, with progress and Cancel.
import { mlWorker } from '../workers/client';
import type { FaithfulnessSummaryResult } from '../explain/userSample';
import type { BehaviorClassifierInfo, BehaviorExplanation, BehaviorTrainRequest } from '../ml/explain/behavior';
import type { MethodName } from '../explain/registry';
import type { IgBaseline } from '../explain/types';
import { ensureDatasetInWorker } from './modelActions';
import { runTask } from './runTask';
import { useApp } from './index';

const cancelMl = (id: string) => void mlWorker().cancel(id);

/** Describe the active dataset's users, fine-tune the chosen text model on them; the result joins the text models. */
export async function trainBehaviorClassifier(request: Omit<BehaviorTrainRequest, 'datasetId'>): Promise<BehaviorClassifierInfo | null> {
  try {
    const datasetId = await ensureDatasetInWorker();
    const info = await runTask(
      'behavior-train',
      'Fine-tuning a behavior classifier',
      cancelMl,
      (id, onProgress) => mlWorker().trainBehaviorClassifier({ ...request, datasetId }, id, onProgress) as Promise<BehaviorClassifierInfo>,
    );
    if (info) {
      useApp.getState().textModelLoaded(info.textModel);
      useApp.getState().behaviorClassifierTrained(info);
    }
    return info;
  } catch (e) {
    useApp.getState().behaviorFailed((e as Error).message);
    return null;
  }
}

export async function explainBehavior(
  classifierId: string,
  user: number,
  methods: MethodName[],
  ig: { baseline: IgBaseline; steps: number },
): Promise<BehaviorExplanation | null> {
  return runTask(
    'behavior-explain',
    'Explaining the behavior prediction',
    cancelMl,
    (id, onProgress) =>
      mlWorker().explainBehavior({ classifierId, user, methods, ...ig, seed: 42 }, id, onProgress) as Promise<BehaviorExplanation>,
  );
}

/** Per method, deletion/insertion AUC with CIs over a seeded sample of users. */
export async function summariseFaithfulness(
  modelId: string,
  users: number,
  methods: MethodName[],
): Promise<FaithfulnessSummaryResult | null> {
  return runTask(
    'faithfulness',
    `Faithfulness over ${users} users`,
    cancelMl,
    (id, onProgress) =>
      mlWorker().faithfulnessSummary({ modelId, users, methods, seed: 42 }, id, onProgress) as Promise<FaithfulnessSummaryResult>,
  );
}
