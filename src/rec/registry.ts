// Model registry: name → factory. Commands and the UI look models up here; neural models register the same way.
import type { Recommender } from './recommender';
import { ContentRecommender } from './models/content';
import { EaseRecommender } from './models/ease';
import { ItemKnnRecommender } from './models/itemKnn';
import { MfRecommender } from './models/mf';
import { PopularityRecommender } from './models/popularity';

/** Inputs beyond the interaction log that a model may need. */
export interface ModelContext {
  /** numItems × dim text embeddings in the log's item order. */
  embeddings?: { data: Float32Array; dim: number };
}

export interface ModelEntry {
  summary: string;
  /** What the model needs besides interactions; `create` is only called when `applies` returns null. */
  applies?(context: ModelContext): string | null;
  /**
   * Build an unfitted model from settings (a checkpoint's config.settings, or CLI overrides). May be async so a
   * TF.js model can be loaded lazily: `create: async (s) => new (await import('../ml/seqrec/sasrec')).SasRec(s)`.
   */
  create(settings: Record<string, unknown>, context: ModelContext): Recommender | Promise<Recommender>;
}

/**
 * The registry. To add a model (e.g. bert4rec/sasrec from src/ml/seqrec), add one entry here with a lazy import;
 * `reclens train|evaluate|recommend` pick it up by name without changes.
 */
export const MODELS: Record<string, ModelEntry> = {
  pop: { summary: 'most popular items (distinct training users)', create: () => new PopularityRecommender() },
  itemknn: { summary: 'item-kNN, cosine on binary user columns, top-k neighbours', create: (s) => new ItemKnnRecommender(s) },
  ease: { summary: 'EASE closed-form item-item model (dense inverse, ≤ maxItems items)', create: (s) => new EaseRecommender(s) },
  mf: { summary: 'matrix factorisation, implicit ALS with confidence weighting', create: (s) => new MfRecommender(s) },
  content: {
    summary: 'content-based: cosine between item text embeddings and the history profile',
    applies: (c) => (c.embeddings ? null : 'the content model needs item embeddings'),
    create: (_s, c) => new ContentRecommender(c.embeddings?.data, c.embeddings?.dim),
  },
  sasrec: { summary: 'SASRec: causal transformer, next-item full-softmax cross-entropy (TF.js)', create: async (s, c) => (await import('../ml/seqrec/register')).createSeqRec('sasrec', s, c.embeddings) },
  bert4rec: { summary: 'BERT4Rec: bidirectional transformer trained with Cloze masking (TF.js)', create: async (s, c) => (await import('../ml/seqrec/register')).createSeqRec('bert4rec', s, c.embeddings) },
};

/** Register a model at runtime (tests, plug-ins); refuses to overwrite an existing name. */
export function registerModel(name: string, entry: ModelEntry): void {
  if (MODELS[name]) throw new Error(`model "${name}" is already registered`);
  MODELS[name] = entry;
}

export async function createModel(name: string, settings: Record<string, unknown> = {}, context: ModelContext = {}): Promise<Recommender> {
  const entry = MODELS[name];
  if (!entry) throw new Error(`unknown model "${name}"; known: ${Object.keys(MODELS).join(', ')}`);
  const reason = entry.applies?.(context);
  if (reason) throw new Error(reason);
  return entry.create(settings, context);
}
