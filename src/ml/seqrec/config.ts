// Settings of the sequence recommender (SASRec / BERT4Rec): defaults derived from the data, validated up front.
import { checkSettings, checkValue, type Range } from '../../lib/ranges';
import { fail, ok, type Result } from '../../lib/result';
import type { MemoryEstimate } from '../../rec/memory';
import { EPOCH_BUDGET_RANGE } from '../../rec/epochBudget';
import { DEFAULT_CLIP, PROPENSITY_RANGES } from '../../rec/propensity';
import { ITEM_TEXT_MODES, type ItemTextMode } from './itemText';

export type SeqRecMode = 'sasrec' | 'bert4rec';

/**
 * Example weights of the training loss (exampleWeights.ts): none, IPS (1 / clipped propensity of the target pair) or
 * SNIPS (those weights normalised to mean 1 in each batch). No doubly robust mode: it needs an imputed outcome for
 * every unobserved (history, item) pair, and a softmax over the next item has no per-pair outcome to impute.
 */
export const SEQ_DEBIAS_MODES = ['none', 'ips', 'snips'] as const;
export type SeqDebiasMode = (typeof SEQ_DEBIAS_MODES)[number];

/**
 * How positions are numbered: 'end' counts back from the newest item (0 = newest; scores do not depend on how much
 * history precedes), 'start' counts from the oldest item of the window (0 = oldest), as RecBole and Hugging Face do.
 */
export const SEQ_POSITION_MODES = ['end', 'start'] as const;
export type SeqPositionMode = (typeof SEQ_POSITION_MODES)[number];

export interface SeqRecConfig {
  mode: SeqRecMode;
  /** Items in the catalog (model ids 1..numItems; 0 = padding, numItems + 1 = [MASK]). */
  numItems: number;
  /** Distinct event types (view/click/…); 1 when the log has a single type. Model ids 1..n, 0 = unknown/padding. */
  numEventTypes: number;
  /** Log-scale time-gap buckets; 0 disables the time embedding. */
  timeBuckets: number;
  maxLen: number;
  hidden: number;
  layers: number;
  heads: number;
  /** Feed-forward width (4 × hidden as in BERT unless set). */
  intermediate: number;
  dropout: number;
  /** bert4rec: probability a position is replaced by [MASK]. */
  maskProb: number;
  /** bert4rec: share of training sequences where only the last item is masked (the inference situation). */
  lastMaskShare: number;
  /**
   * Share of training rows cut at a random end instead of the newest item (data augmentation: with a short maxLen a
   * long history otherwise only ever shows its last maxLen items). 0 = always the newest window, as the papers do.
   */
  randomWindows: number;
  /** sasrec/bert4rec: sampled negatives per batch for the softmax (0 = full softmax over every item). */
  negatives: number;
  /**
   * Share of those negatives drawn by training frequency instead of uniformly, with the logQ correction
   * (negatives.ts): popular items, the hardest negatives, then appear in most steps. 0 = all uniform.
   */
  popularNegatives: number;
  learningRate: number;
  weightDecay: number;
  batchSize: number;
  maxEpochs: number;
  /** Validation passes without a better NDCG@10 before stopping. */
  patience: number;
  /** Validate every this many epochs. */
  evalEvery: number;
  /** Cap on validation users (a seeded sample), so early stopping stays cheap on big logs. */
  maxValUsers: number;
  /** Wall-clock budget for fit in seconds (0 = none): training stops at the end of the step that passes it. */
  timeBudgetSec: number;
  /**
   * Epoch budget in seconds (0 = none): after the first steps, maxEpochs is lowered to the epochs that fit this long
   * at the measured step rate (rec/epochBudget.ts). The app and `reclens train` without --epochs set it.
   */
  epochBudgetSec: number;
  maxGradNorm: number;
  /**
   * Item text embeddings (BERT vectors of titles/descriptions): 'init' starts the item table from a fixed seeded
   * projection of them; 'augment' adds a learned projection of the frozen vectors to every item's embedding (items
   * never seen in training are then scored from their text). 'off' ignores them.
   */
  itemText: ItemTextMode;
  /** Width of the item text vectors (set from the embeddings at fit; 0 = none). */
  textDim: number;
  /** Weighting of each target in the loss by its inverse propensity (none = the unweighted loss, bit for bit). */
  debias: SeqDebiasMode;
  /** Lower clip of the propensities behind the IPS/SNIPS weights (as mf-explicit's). */
  clip: number;
  /** Position numbering (see SEQ_POSITION_MODES); 'end' unless a model trained elsewhere counts from the start. */
  positions: SeqPositionMode;
  /** A dense → gelu → LayerNorm transform of the hidden state before the tied item product (RecBole's BERT4Rec head). */
  outputHead: boolean;
}

export type SeqRecSettings = Partial<SeqRecConfig>;

/** Catalogs above this many items train with a sampled softmax by default. */
export const LARGE_CATALOG = 10_000;

/** Defaults from the training sequence lengths: maxLen covers ~80% of users (8…200), rounded to a multiple of 8. */
export function defaultConfig(mode: SeqRecMode, numItems: number, lengths: ArrayLike<number>, numEventTypes = 1): SeqRecConfig {
  const sorted = Float64Array.from(lengths).sort();
  const p80 = sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(0.8 * sorted.length))] : 8;
  // bert4rec appends [MASK] at inference, so it needs one more slot than the history.
  const maxLen = Math.min(200, Math.max(8, Math.ceil((p80 + (mode === 'bert4rec' ? 1 : 0)) / 8) * 8));
  return {
    mode,
    numItems,
    numEventTypes: Math.max(1, numEventTypes),
    timeBuckets: 0,
    maxLen,
    hidden: 64,
    layers: 2,
    heads: 2,
    intermediate: 256,
    // Small data overfits quickly; BERT4Rec's paper uses 0.1 on big logs, SASRec 0.2 (ML-1M) to 0.5 (sparse).
    dropout: 0.2,
    maskProb: 0.2,
    lastMaskShare: 0.1,
    randomWindows: 0,
    // A full softmax costs a [positions × items] product per step: past ~10k items sample instead (negatives.ts).
    negatives: numItems > LARGE_CATALOG ? 1024 : 0,
    popularNegatives: numItems > LARGE_CATALOG ? 0.5 : 0,
    learningRate: 1e-3,
    weightDecay: 0.01,
    batchSize: 128,
    maxEpochs: 200,
    patience: 5,
    evalEvery: 2,
    maxValUsers: 2048,
    timeBudgetSec: 0,
    epochBudgetSec: 0,
    maxGradNorm: 5,
    itemText: 'off',
    textDim: 0,
    debias: 'none',
    clip: DEFAULT_CLIP,
    positions: 'end',
    outputHead: false,
  };
}

type NumericKey = { [K in keyof SeqRecConfig]: SeqRecConfig[K] extends number ? K : never }[keyof SeqRecConfig];

/**
 * Every numeric setting's range, checked before anything is allocated (README "Sequence models" lists this table).
 * The bounds are far beyond what trains on one machine; the memory estimate below decides what actually fits.
 */
export const SEQREC_RANGES: Readonly<Record<NumericKey, Range>> & { epochsTrained: Range } = {
  numItems: { min: 1, max: 2 ** 24, integer: true, internal: true },
  numEventTypes: { min: 1, max: 255, integer: true },
  timeBuckets: { min: 0, max: 64, integer: true },
  maxLen: { min: 1, max: 2048, integer: true },
  hidden: { min: 1, max: 4096, integer: true },
  layers: { min: 1, max: 48, integer: true },
  heads: { min: 1, max: 64, integer: true },
  intermediate: { min: 1, max: 16384, integer: true },
  dropout: { min: 0, max: 1, maxOpen: true },
  maskProb: { min: 0, max: 1, maxOpen: true },
  lastMaskShare: { min: 0, max: 1, maxOpen: true },
  randomWindows: { min: 0, max: 1, maxOpen: true },
  negatives: { min: 0, max: 65536, integer: true },
  popularNegatives: { min: 0, max: 1, maxOpen: true },
  learningRate: { min: 0, max: 1, minOpen: true },
  weightDecay: { min: 0, max: 1 },
  batchSize: { min: 1, max: 65536, integer: true },
  maxEpochs: { min: 1, max: 100_000, integer: true },
  patience: { min: 1, max: 10_000, integer: true },
  evalEvery: { min: 1, max: 10_000, integer: true },
  maxValUsers: { min: 1, max: 10_000_000, integer: true },
  timeBudgetSec: { min: 0, max: 31_536_000 },
  epochBudgetSec: EPOCH_BUDGET_RANGE,
  maxGradNorm: { min: 0, max: 1e6, minOpen: true },
  textDim: { min: 0, max: 8192, integer: true, internal: true },
  clip: PROPENSITY_RANGES.clip,
  epochsTrained: { min: 0, max: 1e9, integer: true, internal: true },
};

/** Settings that are not numbers (checked by validateConfig). */
export const SEQREC_OTHER_SETTINGS = ['mode', 'itemText', 'debias', 'positions', 'outputHead'] as const;

/** Unknown keys and out-of-range numbers in user settings (CLI --params, the UI's JSON, a checkpoint's settings). */
export function checkSeqRecSettings(settings: unknown, owner?: string): Result<true> {
  return checkSettings(SEQREC_RANGES, settings, { other: SEQREC_OTHER_SETTINGS, owner });
}

export function resolveConfig(base: SeqRecConfig, overrides: SeqRecSettings): Result<SeqRecConfig> {
  // A misspelt setting ("epochs" for maxEpochs) must not be silently ignored while the run uses the default.
  const checked = checkSeqRecSettings(overrides);
  if (!checked.ok) return checked;
  const c: SeqRecConfig = { ...base };
  for (const [k, v] of Object.entries(overrides as Record<string, unknown>))
    if (v !== undefined && k !== 'epochsTrained')
      // --params gives strings: outputHead=true is the boolean.
      (c as unknown as Record<string, unknown>)[k] = k === 'outputHead' && (v === 'true' || v === 'false') ? v === 'true' : v;
  return validateConfig(c);
}

export function validateConfig(c: SeqRecConfig): Result<SeqRecConfig> {
  if (c.mode !== 'sasrec' && c.mode !== 'bert4rec') return fail(`unknown mode "${String(c.mode)}" (sasrec or bert4rec)`);
  for (const k of Object.keys(SEQREC_RANGES) as NumericKey[]) {
    if (!Object.hasOwn(c, k)) continue;
    const why = checkValue(k, c[k], SEQREC_RANGES[k]);
    if (why) return fail(why);
  }
  if (c.hidden % c.heads !== 0) return fail(`hidden (${c.hidden}) must be divisible by heads (${c.heads})`);
  if (c.mode === 'bert4rec' && c.maxLen < 2) return fail('bert4rec needs maxLen ≥ 2 (history + [MASK])');
  if (!ITEM_TEXT_MODES.includes(c.itemText))
    return fail(`itemText must be one of ${ITEM_TEXT_MODES.join(', ')} (got ${JSON.stringify(c.itemText)})`);
  if (!(SEQ_DEBIAS_MODES as readonly string[]).includes(c.debias))
    return fail(`debias must be one of ${SEQ_DEBIAS_MODES.join(', ')} for ${c.mode} (got ${JSON.stringify(c.debias)})`);
  if (!(SEQ_POSITION_MODES as readonly string[]).includes(c.positions))
    return fail(`positions must be one of ${SEQ_POSITION_MODES.join(', ')} (got ${JSON.stringify(c.positions)})`);
  if (typeof c.outputHead !== 'boolean') return fail(`outputHead must be true or false (got ${JSON.stringify(c.outputHead)})`);
  if (c.itemText !== 'off' && c.textDim < 1)
    return fail(`itemText "${c.itemText}" needs item text embeddings: embed the item texts first (Model view, or --text-model in the CLI)`);
  return ok(c);
}

/**
 * Peak memory of one training step, from the config alone: weights, gradients and Adam's two moments (4 × float32
 * per parameter), plus the activations one batch keeps for the backward pass — per layer ≈ 12·hidden + 3·intermediate
 * floats per position and 3 [heads × maxLen × maxLen] attention maps per row, and 3 floats per logit (logits, softmax,
 * gradient) over every item, or over the sampled negatives.
 */
export function estimateSeqRecMemory(c: SeqRecConfig): MemoryEstimate {
  const { hidden: h, intermediate: f, maxLen: l, batchSize: b, layers } = c;
  const rows = c.numItems + 2;
  const perLayer = 4 * (h * h + h) + (f * h + f) + (h * f + h) + 4 * h;
  const text = c.itemText === 'augment' ? rows * (c.textDim + 1) + c.textDim * (h + 1) : 0;
  const head = c.outputHead ? h * h + 3 * h : 0;
  const params = rows * h + c.numItems + (c.numEventTypes + 1) * h + l * h + c.timeBuckets * h + 2 * h + layers * perLayer + text + head;
  const positions = b * (c.mode === 'sasrec' ? l : Math.max(1, Math.ceil(l * c.maskProb)));
  const columns = c.negatives > 0 ? c.negatives + 1 : c.numItems;
  const activations = layers * (b * l * (12 * h + 3 * f) + 3 * b * c.heads * l * l) + 3 * positions * columns;
  return {
    bytes: 4 * (4 * params + activations),
    lower: 'hidden/layers/maxLen/batchSize' + (c.negatives > 0 ? '/negatives' : ' or sample negatives'),
  };
}

/** Log-scale bucket of a time gap in seconds: 0 = unknown/first event, then 1 + ⌊log2(1 + gap)⌋ capped. */
export function timeBucket(gapSeconds: number, buckets: number): number {
  if (!(gapSeconds >= 0) || buckets < 2) return 0;
  return 1 + Math.min(buckets - 2, Math.floor(Math.log2(1 + gapSeconds)));
}
