// Uplift on top of a trained recommender, in the ML worker: fit (progress, cancel), compare the score and uplift
// policies, and read per-item estimates (the Recommend/Explain views' causal reason).
import { mlWorker } from '../workers/client';
import type { Result } from '../lib/result';
import type { UpliftEstimate } from '../rec/uplift/tLearner';
import type { UpliftFitInfo, UpliftReport } from '../rec/uplift/upliftReport';
import { ensureDatasetInWorker } from './modelActions';
import { runTask } from './runTask';
import { useApp } from './index';

const cancelMl = (id: string) => void mlWorker().cancel(id);

/**
 * Fits the uplift model on `modelId`, then compares the policies at K. Resolves to the reason when either step
 * refused (e.g. a log without exposure events), null when cancelled or done.
 */
export async function fitUpliftAndCompare(
  modelId: string,
  settings: Record<string, unknown>,
  options: { k: number; seed: number },
): Promise<string | null> {
  await ensureDatasetInWorker();
  const fit = await runTask(
    'uplift-fit',
    'Fitting the uplift model',
    cancelMl,
    (id, onProgress) => mlWorker().fitUplift(modelId, settings, options.seed, id, onProgress) as Promise<Result<UpliftFitInfo>>,
  );
  if (!fit) return null;
  if (!fit.ok) return fit.reason;
  useApp.getState().upliftFitted(fit.data);
  const report = await runTask(
    'uplift-compare',
    'Comparing score and uplift policies',
    cancelMl,
    (id, onProgress) => mlWorker().comparePolicies(modelId, options, id, onProgress) as Promise<Result<UpliftReport>>,
  );
  if (!report) return null;
  if (!report.ok) return report.reason;
  useApp.getState().upliftReported(report.data);
  return null;
}

/** Estimated uplift with its CI of each item (index) for the user (index); null when no uplift model is fitted on it. */
export function upliftOf(modelId: string, user: number, items: number[]): Promise<UpliftEstimate[] | null> {
  if (!useApp.getState().upliftFits[modelId]) return Promise.resolve(null);
  return mlWorker().upliftOf(modelId, user, items) as Promise<UpliftEstimate[] | null>;
}
