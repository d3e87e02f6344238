// Wrap a Recommender as an ExplainableModel, loading the TF.js internals lazily and only for models whose registry
// entry declares them sequence models.
import type { Recommender } from '../rec/recommender';
import { modelCapabilities } from '../rec/registry';
import type { ExplainableModel } from './types';

export async function explainable(recommender: Recommender): Promise<ExplainableModel> {
  if (!modelCapabilities(recommender.name).sequence) return { recommender };
  // A dynamic import keeps TF.js out of bundles (and CLI runs) that only explain baselines.
  const { internalsOf } = await import('../ml/explain');
  return { recommender, internals: internalsOf(recommender) };
}
