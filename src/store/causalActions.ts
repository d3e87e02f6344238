// Causal analysis in the ML worker: variables, discovery with bootstrap, and effect estimates on the edited graph.
import { mlWorker } from '../workers/client';
import type { CausalVariables, DiscoverRequest, DiscoverResult, EffectRequest, EffectResult } from '../workers/mlProtocol';
import { ensureDatasetInWorker } from './modelActions';
import { runTask } from './runTask';

const cancelMl = (id: string) => void mlWorker().cancel(id);

export async function causalVariables(unit: 'user' | 'session'): Promise<CausalVariables & { datasetId: string }> {
  const datasetId = await ensureDatasetInWorker();
  return { datasetId, ...((await mlWorker().causalVariables(datasetId, unit)) as CausalVariables) };
}

export function discover(request: DiscoverRequest): Promise<DiscoverResult | null> {
  return runTask('discover', `Discovering the causal graph (${request.algo === 'notears' ? 'NOTEARS' : 'PC'})`, cancelMl, (id, onProgress) => mlWorker().discover(request, id, onProgress) as Promise<DiscoverResult>);
}

export function estimateEffect(request: EffectRequest): Promise<EffectResult | null> {
  return runTask('effect', `Estimating the effect of ${request.treatment} on ${request.outcome}`, cancelMl, (id, onProgress) => mlWorker().effect(request, id, onProgress) as Promise<EffectResult>);
}
