// The explanation service: each of a user's top-K recommendations (or the items asked for) attributed to their history
// by one or two methods, with faithfulness, plain-language reasons (en, zh) and, for models with attention, the maps.
// The ML worker and `reclens explain` both call it: the explanation loop lives here only.
import { asItemIdxs, type ItemIdx, type UserIdx } from '../lib/ids';
import { checkValue } from '../lib/ranges';
import { progressTracker, throwIfAborted, yieldToEvents, type Progress } from '../lib/progress';
import { topK } from '../rec/rank';
import { faithfulness, spearman, type Faithfulness } from './faithfulness';
import { attentionFaithfulness, type AttentionFaithfulness } from './attentionFaithfulness';
import { reasonText, type ReasonContext, type ReasonStrength } from './reasons';
import { applicableMethods, explain, METHOD_NAMES, METHODS, type MethodName } from './registry';
import { subsetTarget } from './scorer';
import { maxSensitivity, SENSITIVITY_DEFAULTS, SENSITIVITY_RANGES } from './sensitivity';
import type { AttentionMaps, ExplainableModel, ExplainTarget, IgBaseline } from './types';

export interface ExplainRequest {
  user: UserIdx;
  /** Item indices in time order (possibly edited by the analyst). */
  history: Int32Array;
  /** Event type name per history event (for reasons), null when unknown; absent when the log is not at hand. */
  types?: (string | null)[];
  /** Rating or value per history event when the log has a rating/value column (for reasons and labels), else null. */
  ratings?: (number | null)[];
  /** Unix seconds per history event (for labels), null when unknown. */
  times?: (number | null)[];
  /** How many top recommendations to explain (ignored when `items` is given). */
  k: number;
  /** Explain these items instead of the top K. */
  items?: ItemIdx[];
  /** Items never recommended nor ranked against (default: the history's items). */
  exclude?: ArrayLike<number>;
  /** Event type index per history event, for models that embed event types (scored and explained with them). */
  events?: Int32Array;
  /** Methods wanted; those this model cannot run are dropped (an error when none is left). */
  methods: MethodName[];
  steps?: number;
  baseline?: IgBaseline;
  samples?: number;
  seed: number;
  /** Also read the attention maps behind the first explained item (models with attention). */
  attention?: boolean;
  /** Re-explanations per row and method for the max-sensitivity figure (explain/sensitivity; default 2, 0 = skip). */
  sensitivityDrops?: number;
}

export interface ExplainedRow {
  item: ItemIdx;
  score: number;
  /** Per method: one value per history event. */
  values: Record<string, number[]>;
  diagnostics: Record<string, Record<string, unknown>>;
  notes: string[];
  /** Faithfulness of the first method's attribution for this recommendation. */
  faithfulness: Omit<Faithfulness, 'deletion' | 'insertion'> & { deletion: number[]; insertion: number[]; x: number[] };
  /** Faithfulness of every method's attribution (the first method's is `faithfulness`), so compared methods are judged alike. */
  faithfulnessBy?: Record<string, ExplainedRow['faithfulness']>;
  /**
   * The reason in words, from the first method's values: `events` are the history positions it names, `share` their
   * share of the total absolute attribution, `noise` the threshold under which no event is named (explain/reasons).
   */
  reason: { en: string; zh: string; share: number; events: number[]; strength: ReasonStrength; noise: number };
  /** Per method: max-sensitivity to dropping one random non-top event (explain/sensitivity; NaN when not measured). */
  sensitivity: Record<string, number>;
}

export interface ExplainResult {
  rows: ExplainedRow[];
  methods: MethodName[];
  applicable: { name: string; summary: string; reason: string | null }[];
  /** Spearman rank correlation between the two methods' attributions, per row (when two were asked for). */
  agreement: number[] | null;
  attention: AttentionMaps | null;
  /** The rollout order's faithfulness for the item the maps were read for (attention is not an explanation by itself). */
  attentionFaithfulness?: AttentionFaithfulness | null;
  seconds: number;
}

export interface ExplainContext {
  /** Item titles and categories for the reasons. */
  labels: ReasonContext;
  onProgress?: (p: Progress) => void;
  signal?: AbortSignal;
}

/** Explain a user's top-K recommendations (or `req.items`) with `model` (see explain/model's `explainable`). */
export async function explainTopK(model: ExplainableModel, req: ExplainRequest, ctx: ExplainContext): Promise<ExplainResult> {
  const started = performance.now();
  const { recommender } = model;
  const { signal, labels } = ctx;
  const usable = applicableMethods(model);
  const applicable = METHOD_NAMES.map((name) => ({ name, summary: METHODS[name].summary, reason: METHODS[name].applies(model) }));
  const methods = req.methods.filter((m) => usable.includes(m));
  // Checked before any work: each drop is a full re-explanation per row and method.
  const drops = req.sensitivityDrops ?? SENSITIVITY_DEFAULTS.drops;
  const badDrops = checkValue('sensitivityDrops', drops, SENSITIVITY_RANGES.drops);
  if (badDrops) throw new Error(badDrops);
  if (methods.length === 0) throw new Error(`none of ${req.methods.join(', ')} can explain ${recommender.name}`);
  const events = req.events ? { events: req.events } : {};
  const items = req.items ?? (await topItems(model, req));
  const track = progressTracker('Explaining recommendations', 'recommendations', items.length);
  const rows: ExplainedRow[] = [];
  for (const item of items) {
    await yieldToEvents();
    throwIfAborted(signal);
    const target: ExplainTarget = {
      user: req.user,
      history: req.history,
      item,
      ...(req.exclude ? { exclude: req.exclude } : {}),
      ...events,
    };
    const values: Record<string, number[]> = {};
    const diagnostics: ExplainedRow['diagnostics'] = {};
    const notes = new Set<string>();
    let score = NaN;
    const options = { seed: req.seed, steps: req.steps, baseline: req.baseline, samples: req.samples, signal };
    for (const m of methods) {
      const a = await explain(m, model, target, options);
      if (!a.ok) throw new Error(a.reason);
      values[m] = Array.from(a.data.values);
      diagnostics[m] = a.data.diagnostics;
      a.data.notes.forEach((n) => notes.add(n));
      score = a.data.score;
    }
    const { deletion, insertion, ...figures } = await faithfulness(model, target, values[methods[0]], { seed: req.seed, signal });
    const meta = { types: req.types, ratings: req.ratings, times: req.times };
    const gap = diagnostics[methods[0]].completenessGap;
    // Scores are float32: differences below ~1e-6 of the score are rounding, not the model.
    const evidence = {
      completenessGap: typeof gap === 'number' ? gap : null,
      floor: 1e-6 * Math.max(1, Math.abs(score)),
      faithfulness: figures,
    };
    const en = reasonText(values[methods[0]], req.history, meta, labels, 'en', evidence);
    const zh = reasonText(values[methods[0]], req.history, meta, labels, 'zh', evidence);
    const faith = { ...figures, deletion: deletion.y, insertion: insertion.y, x: deletion.x };
    const faithfulnessBy: Record<string, ExplainedRow['faithfulness']> = { [methods[0]]: faith };
    for (const m of methods.slice(1)) {
      const { deletion: d, insertion: i, ...f } = await faithfulness(model, target, values[m], { seed: req.seed, signal });
      faithfulnessBy[m] = { ...f, deletion: d.y, insertion: i.y, x: d.x };
    }
    const sensitivity: Record<string, number> = {};
    for (const m of methods) {
      // Each drop re-runs the method on the history without one event, with the same seed and options.
      const reexplain = async (kept: number[]) => {
        const keep = new Uint8Array(req.history.length);
        for (const k of kept) keep[k] = 1;
        const a = await explain(m, model, subsetTarget(target, keep), options);
        if (!a.ok) throw new Error(a.reason);
        return a.data.values;
      };
      sensitivity[m] = await maxSensitivity(values[m], reexplain, { drops, seed: req.seed, signal });
    }
    rows.push({
      item,
      score,
      values,
      diagnostics,
      notes: [...notes],
      faithfulness: faith,
      faithfulnessBy,
      reason: { en: en.text, zh: zh.text, share: en.share, events: en.events, strength: en.strength, noise: en.noise },
      sensitivity,
    });
    ctx.onProgress?.(track(rows.length));
  }
  const agreement = methods.length > 1 ? rows.map((r) => spearman(r.values[methods[0]], r.values[methods[1]])) : null;
  const first = items[0];
  const attention =
    req.attention && model.internals && first !== undefined
      ? await model.internals.attentions({ user: req.user, history: req.history, item: first, ...events })
      : null;
  const attentionTarget = {
    user: req.user,
    history: req.history,
    item: first,
    ...(req.exclude ? { exclude: req.exclude } : {}),
    ...events,
  };
  // When rollout was the first method, the first row's faithfulness already is the rollout order's for this item.
  const known = methods[0] === 'rollout' && rows[0] ? figuresOf(rows[0].faithfulness) : undefined;
  const attentionFaith = attention
    ? await attentionFaithfulness(model, attentionTarget, attention, { seed: req.seed, signal, known })
    : null;
  return {
    rows,
    methods,
    applicable,
    agreement,
    attention,
    attentionFaithfulness: attentionFaith,
    seconds: (performance.now() - started) / 1000,
  };
}

/** A row's faithfulness without its curves. */
function figuresOf({
  deletion: _d,
  insertion: _i,
  x: _x,
  ...figures
}: ExplainedRow['faithfulness']): Omit<Faithfulness, 'deletion' | 'insertion'> {
  return figures;
}

/** The user's top K, the history (or `req.exclude`) left out. */
async function topItems(model: ExplainableModel, req: ExplainRequest): Promise<ItemIdx[]> {
  const scores = await model.recommender.scoreUsers({
    users: Int32Array.of(req.user),
    histories: [req.history],
    ...(req.events ? { events: [req.events] } : {}),
  });
  return asItemIdxs(topK(scores, req.k, req.exclude ?? req.history).items);
}
