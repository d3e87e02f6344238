// The ML worker's guidance call: who to act on and with what, for a trained model of a dataset held here. An adapter
// only: rec/guidance does the work; an uplift model already fitted on the recommender (Evaluate view) is reused.
import type { Progress } from '../lib/progress';
import type { Result } from '../lib/result';
import { buildGuidance, type Guidance, type GuidanceSettings } from '../rec/guidance/guidance';
import type { ModelWorkspace } from '../rec/modelWorkspace';

export interface GuidanceRequest {
  modelId: string;
  settings: Partial<GuidanceSettings>;
}

export async function guidanceIn(
  models: ModelWorkspace,
  request: GuidanceRequest,
  onProgress: (p: Progress) => void,
  signal?: AbortSignal,
): Promise<Result<Guidance>> {
  const { model, info } = models.modelOf(request.modelId);
  const { log, split } = models.datasetOf(info.datasetId);
  return buildGuidance(log, split, model, {
    settings: request.settings,
    uplift: models.uplifts.get(request.modelId) ?? null,
    signal,
    onProgress,
  });
}
