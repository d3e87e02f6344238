// Model registry: name → factory. Commands and the UI look models up here; neural models register the same way.
import { checkSettings, own, type RangeTable } from '../lib/ranges';
import { SEQREC_OTHER_SETTINGS, SEQREC_RANGES } from '../ml/seqrec/config';
import type { Recommender } from './recommender';
import { ContentRecommender } from './models/content';
import { EASE_RANGES, EaseRecommender } from './models/ease';
import { ITEMKNN_RANGES, ItemKnnRecommender } from './models/itemKnn';
import { MF_RANGES, MfRecommender } from './models/mf';
import { MF_EXPLICIT_RANGES, MfExplicitRecommender, type MfExplicitSettings } from './models/mfExplicit';
import { MF_IMPLICIT_IPS_RANGES, MfImplicitIpsRecommender, type MfImplicitIpsSettings } from './models/mfImplicitIps';
import type { PropensityModel } from './propensity';
import type { RatingData } from './ratings';
import { PopularityRecommender } from './models/popularity';

/** Inputs beyond the interaction log that a model may need. */
export interface ModelContext {
  /** numItems × dim text embeddings in the log's item order. */
  embeddings?: { data: Float32Array; dim: number };
  /** The training part's ratings, in the log's indices (rating models such as mf-explicit fit these). */
  ratings?: RatingData;
  /** P(observed) for debiased objectives (mf-explicit, mf-ips, sasrec/bert4rec); without one, popularity × activity. */
  propensity?: PropensityModel;
}

/** What a model offers explanation methods beyond its scores; every flag is false unless its entry declares it. */
export interface ModelCapabilities {
  /** Reads the history as an ordered sequence through a TF.js network (its internals load for explanations). */
  sequence: boolean;
  /** Gradients of a score with respect to the input item embeddings (Integrated Gradients, gradient × input). */
  gradients: boolean;
  /** Attention maps (attention rollout). */
  attention: boolean;
}

export interface ModelEntry {
  summary: string;
  /** Declared capabilities (omitted flags are false): explanation methods and views ask `modelCapabilities(name)`. */
  capabilities?: Partial<ModelCapabilities>;
  /** What the model needs besides interactions; `create` is only called when `applies` returns null. */
  applies?(context: ModelContext): string | null;
  /** Every numeric setting with its range (README and `reclens help` list these); keys not here are refused. */
  params: RangeTable;
  /** Settings that are not numbers, checked by the model itself (e.g. itemText). */
  otherParams?: readonly string[];
  /**
   * Build an unfitted model from settings (a checkpoint's config.settings, or CLI overrides). May be async so a
   * TF.js model is loaded lazily, as the sequence models do through `import('../ml/seqrec/register')`.
   */
  create(settings: Record<string, unknown>, context: ModelContext): Recommender | Promise<Recommender>;
}

const SEQUENCE_CAPABILITIES: ModelCapabilities = { sequence: true, gradients: true, attention: true };

/**
 * The registry. To add a model, add one entry here (a TF.js model with a lazy import, as sasrec and bert4rec do);
 * `reclens train|evaluate|recommend` and the app pick it up by name without changes.
 */
export const MODELS: Record<string, ModelEntry> = {
  pop: { summary: 'most popular items (distinct training users)', params: {}, create: () => new PopularityRecommender() },
  itemknn: {
    summary: 'item-kNN, cosine on binary user columns, top-k neighbours',
    params: ITEMKNN_RANGES,
    create: (s) => new ItemKnnRecommender(s),
  },
  ease: {
    summary: 'EASE closed-form item-item model (dense inverse, ≤ maxItems items)',
    params: EASE_RANGES,
    create: (s) => new EaseRecommender(s),
  },
  mf: { summary: 'matrix factorisation, implicit ALS with confidence weighting', params: MF_RANGES, create: (s) => new MfRecommender(s) },
  'mf-explicit': {
    summary:
      'explicit MF with biases for rating logs (weighted ALS); objective naive, IPS, SNIPS or doubly robust (debias=none|ips|snips|dr)',
    params: MF_EXPLICIT_RANGES,
    otherParams: ['debias'],
    create: (s, c) => new MfExplicitRecommender(s as Partial<MfExplicitSettings>, c),
  },
  'mf-ips': {
    summary:
      'implicit MF debiased by exposure propensities (Rel-MF, Saito et al. 2020): least squares on all pairs towards click/θ (debias=none|ips|snips)',
    params: MF_IMPLICIT_IPS_RANGES,
    otherParams: ['debias'],
    create: (s, c) => new MfImplicitIpsRecommender(s as Partial<MfImplicitIpsSettings>, c),
  },
  content: {
    summary: 'content-based: cosine between item text embeddings and the history profile',
    applies: (c) => (c.embeddings ? null : 'the content model needs item embeddings'),
    // dim travels in a checkpoint's settings; the embeddings themselves come from the context.
    params: { dim: { min: 0, max: 8192, integer: true, internal: true } },
    create: (_s, c) => new ContentRecommender(c.embeddings?.data, c.embeddings?.dim),
  },
  sasrec: {
    summary:
      'SASRec: causal transformer, next-item full-softmax cross-entropy (TF.js); targets weighted by 1/propensity with debias=ips|snips',
    capabilities: SEQUENCE_CAPABILITIES,
    params: SEQREC_RANGES,
    otherParams: SEQREC_OTHER_SETTINGS,
    create: async (s, c) => (await import('../ml/seqrec/register')).createSeqRec('sasrec', s, c.embeddings, c.propensity),
  },
  bert4rec: {
    summary:
      'BERT4Rec: bidirectional transformer trained with Cloze masking (TF.js); targets weighted by 1/propensity with debias=ips|snips',
    capabilities: SEQUENCE_CAPABILITIES,
    params: SEQREC_RANGES,
    otherParams: SEQREC_OTHER_SETTINGS,
    create: async (s, c) => (await import('../ml/seqrec/register')).createSeqRec('bert4rec', s, c.embeddings, c.propensity),
  },
};

/** A registered model's capabilities; an unknown name (a test double, a plug-in without them) offers scores only. */
export function modelCapabilities(name: string): ModelCapabilities {
  const declared = modelEntry(name)?.capabilities ?? {};
  return { sequence: false, gradients: false, attention: false, ...declared };
}

/** Registered model names with a capability, in registry order (e.g. for "only a sequence model (…) has"). */
export const modelsWith = (capability: keyof ModelCapabilities): string[] =>
  Object.keys(MODELS).filter((n) => modelCapabilities(n)[capability]);

/** The entry of a registered name; own properties only, so "constructor" or "__proto__" from a file or flag is unknown. */
export const modelEntry = (name: string): ModelEntry | undefined => own(MODELS, name);
export const isModelName = (name: string): boolean => modelEntry(name) !== undefined;

/** Register a model at runtime (tests, plug-ins); refuses to overwrite an existing name. */
export function registerModel(name: string, entry: ModelEntry): void {
  if (Object.hasOwn(MODELS, name)) throw new Error(`model "${name}" is already registered`);
  MODELS[name] = entry;
}

/** Unknown keys (with the known ones listed) and out-of-range numbers, before anything is built. */
export function checkModelSettings(name: string, settings: unknown): string | null {
  const entry = modelEntry(name);
  if (!entry) return `unknown model "${name}"; known: ${Object.keys(MODELS).join(', ')}`;
  const r = checkSettings(entry.params, settings, { other: entry.otherParams, owner: name });
  return r.ok ? null : r.reason;
}

export async function createModel(name: string, settings: Record<string, unknown> = {}, context: ModelContext = {}): Promise<Recommender> {
  const invalid = checkModelSettings(name, settings);
  if (invalid) throw new Error(invalid);
  const entry = modelEntry(name)!;
  const reason = entry.applies?.(context);
  if (reason) throw new Error(reason);
  return entry.create(settings, context);
}
