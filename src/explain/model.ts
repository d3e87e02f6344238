// Wrap a Recommender as an ExplainableModel, loading the TF.js internals lazily and only for sequence models.
import type { Recommender } from '../rec/recommender';
import type { ExplainableModel } from './types';

const SEQUENCE_MODELS = new Set(['sasrec', 'bert4rec']);

export async function explainable(recommender: Recommender): Promise<ExplainableModel> {
  if (!SEQUENCE_MODELS.has(recommender.name)) return { recommender };
  // A dynamic import keeps TF.js out of bundles (and CLI runs) that only explain baselines.
  const { internalsOf } = await import('../ml/explain');
  return { recommender, internals: internalsOf(recommender) };
}
