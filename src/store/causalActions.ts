// Causal analysis in the ML worker: variables, discovery with bootstrap, and effect estimates on the edited graph.
import { DISCOVERY_ALGORITHMS } from '../causal/discovery';
import { mlWorker } from '../workers/client';
import type { CausalVariables, DiscoverRequest, DiscoverResult, EffectRequest, EffectResult } from '../causal/pipelineTypes';
import { ensureDatasetInWorker } from './modelActions';
import { runTask } from './runTask';
import type { CausalReason, CausalReasonRequest } from '../causal/causalReason';
import type { Result } from '../lib/result';

const cancelMl = (id: string) => void mlWorker().cancel(id);

export async function causalVariables(unit: 'user' | 'session'): Promise<CausalVariables & { datasetId: string }> {
  const datasetId = await ensureDatasetInWorker();
  return { datasetId, ...((await mlWorker().causalVariables(datasetId, unit)) as CausalVariables) };
}

export function discover(request: DiscoverRequest): Promise<DiscoverResult | null> {
  return runTask(
    'discover',
    `Discovering the causal graph (${DISCOVERY_ALGORITHMS[request.algo ?? 'pc'].name})`,
    cancelMl,
    (id, onProgress) => mlWorker().discover(request, id, onProgress) as Promise<DiscoverResult>,
  );
}

export function estimateEffect(request: EffectRequest): Promise<EffectResult | null> {
  return runTask(
    'effect',
    `Estimating the effect of ${request.treatment} on ${request.outcome}`,
    cancelMl,
    (id, onProgress) => mlWorker().effect(request, id, onProgress) as Promise<EffectResult>,
  );
}

/** One user's causal reason on the Causal view's graph (a quick read of the worker's cached per-user table). */
export async function causalReasonOf(request: Omit<CausalReasonRequest, 'datasetId'>): Promise<Result<CausalReason>> {
  const datasetId = await ensureDatasetInWorker();
  return (await mlWorker().causalReason({ ...request, datasetId })) as Result<CausalReason>;
}
