// Explanations in the ML worker: attributions of a user's top-K recommendations over their history, by one or two
// methods, with faithfulness, plain-language reasons (en, zh) and, for sequence models, the attention maps.
import { progressTracker, throwIfAborted, yieldToEvents, type Progress } from '../lib/progress';
import { explainable } from '../explain/model';
import { applicableMethods, explain, METHODS, type MethodName } from '../explain/registry';
import { faithfulness, spearman, type Faithfulness } from '../explain/faithfulness';
import { reasonText } from '../explain/reasons';
import { faithfulnessSummary, populationDrivers, type MethodFaithfulness, type PopulationDrivers } from '../explain/population';
import { createRng } from '../lib/rng';
import type { AttentionMaps, ExplainTarget, IgBaseline } from '../explain/types';
import type { Recommender } from '../rec/recommender';
import { topK } from '../rec/rank';

export interface ExplainRequest {
  modelId: string;
  user: number;
  /** Item indices in time order (possibly edited by the analyst). */
  history: Int32Array;
  /** Event type name per history event (for reasons), null when unknown. */
  types: (string | null)[];
  /** Display titles and categories of every item, indexed by item (for reasons). */
  titles: string[];
  categories: (string | null)[];
  k: number;
  methods: MethodName[];
  steps?: number;
  baseline?: IgBaseline;
  seed: number;
}

export interface ExplainedRow {
  item: number;
  score: number;
  /** Per method: one value per history event. */
  values: Record<string, number[]>;
  diagnostics: Record<string, Record<string, unknown>>;
  notes: string[];
  /** Faithfulness of the first method's attribution for this recommendation. */
  faithfulness: Omit<Faithfulness, 'deletion' | 'insertion'> & { deletion: number[]; insertion: number[]; x: number[] };
  reason: { en: string; zh: string; share: number };
}

export interface ExplainResult {
  rows: ExplainedRow[];
  methods: MethodName[];
  applicable: { name: string; summary: string; reason: string | null }[];
  /** Spearman rank correlation between the two methods' attributions, per row (when two were asked for). */
  agreement: number[] | null;
  attention: AttentionMaps | null;
  seconds: number;
}

export async function explainTopK(recommender: Recommender, req: ExplainRequest, onProgress: (p: Progress) => void, signal?: AbortSignal, events?: Int32Array): Promise<ExplainResult> {
  const started = performance.now();
  const model = await explainable(recommender);
  const usable = applicableMethods(model);
  const applicable = (Object.keys(METHODS) as MethodName[]).map((name) => ({ name, summary: METHODS[name].summary, reason: METHODS[name].applies(model) }));
  const methods = req.methods.filter((m) => usable.includes(m));
  if (methods.length === 0) throw new Error(`none of ${req.methods.join(', ')} can explain ${recommender.name}`);
  const scores = await recommender.scoreUsers({ users: Int32Array.of(req.user), histories: [req.history], ...(events ? { events: [events] } : {}) });
  const top = topK(scores, req.k, req.history);
  const track = progressTracker('Explaining recommendations', 'recommendations', top.items.length);
  const rows: ExplainedRow[] = [];
  const ctx = { title: (i: number) => req.titles[i] ?? String(i), category: (i: number) => req.categories[i] ?? null };
  for (const item of top.items) {
    await yieldToEvents();
    throwIfAborted(signal);
    const target = { user: req.user, history: req.history, item, ...(events ? { events } : {}) };
    const values: Record<string, number[]> = {};
    const diagnostics: ExplainedRow['diagnostics'] = {};
    const notes = new Set<string>();
    let score = NaN;
    for (const m of methods) {
      const a = await explain(m, model, target, { seed: req.seed, steps: req.steps, baseline: req.baseline, signal });
      if (!a.ok) throw new Error(a.reason);
      values[m] = Array.from(a.data.values);
      diagnostics[m] = a.data.diagnostics;
      a.data.notes.forEach((n) => notes.add(n));
      score = a.data.score;
    }
    const f = await faithfulness(model, target, values[methods[0]], { seed: req.seed, signal });
    const { deletion, insertion, ...figures } = f;
    const en = reasonText(values[methods[0]], req.history, req.types, ctx, 'en');
    const zh = reasonText(values[methods[0]], req.history, req.types, ctx, 'zh');
    rows.push({ item, score, values, diagnostics, notes: [...notes], faithfulness: { ...figures, deletion: deletion.y, insertion: insertion.y, x: deletion.x }, reason: { en: en.text, zh: zh.text, share: en.share } });
    onProgress(track(rows.length));
  }
  const agreement = methods.length > 1 ? rows.map((r) => spearman(r.values[methods[0]], r.values[methods[1]])) : null;
  const attention = model.internals ? await model.internals.attentions({ user: req.user, history: req.history, item: top.items[0], ...(events ? { events } : {}) }) : null;
  return { rows, methods, applicable, agreement, attention, seconds: (performance.now() - started) / 1000 };
}

export interface PopulationRequest {
  modelId: string;
  /** How many users to sample (seeded), each explained for their top recommendation. */
  users: number;
  method: MethodName;
  /** Category of every item (null when unknown), for the category ranking. */
  categories: (string | null)[];
  seed: number;
}

/** Which items and categories most often drive the top recommendation, over a seeded sample of users. */
export async function populationFor(recommender: Recommender, histories: Int32Array[], req: PopulationRequest, onProgress: (p: Progress) => void, signal?: AbortSignal): Promise<PopulationDrivers> {
  const model = await explainable(recommender);
  const rng = createRng(req.seed);
  const candidates = histories.map((h, u) => ({ h, u })).filter((x) => x.h.length > 0);
  const sample = rng.shuffle(candidates).slice(0, req.users);
  const targets = [];
  for (const { h, u } of sample) {
    await yieldToEvents();
    throwIfAborted(signal);
    const scores = await recommender.scoreUsers({ users: Int32Array.of(u), histories: [h] });
    targets.push({ user: u, history: h, item: topK(scores, 1, h).items[0] });
  }
  return populationDrivers(model, targets, req.method, { seed: req.seed, signal, onProgress, categoryOf: (i) => req.categories[i] ?? null, limit: 15 });
}

export interface FaithfulnessSummaryRequest {
  modelId: string;
  /** Users sampled (seeded), each explained for their top recommendation given their test-time history. */
  users: number;
  methods: MethodName[];
  steps?: number;
  seed: number;
}

export interface FaithfulnessSummaryResult {
  methods: MethodFaithfulness[];
  /** Methods asked for that this model cannot run, with the reason. */
  skipped: { method: string; reason: string }[];
  users: number;
  seconds: number;
}

/** Per method, mean deletion/insertion AUC with CIs over a seeded sample of users, against a random order. */
export async function faithfulnessFor(
  recommender: Recommender,
  users: { history: Int32Array; events?: Uint8Array }[],
  req: FaithfulnessSummaryRequest,
  onProgress: (p: Progress) => void,
  signal?: AbortSignal,
): Promise<FaithfulnessSummaryResult> {
  const started = performance.now();
  const model = await explainable(recommender);
  const skipped = req.methods.filter((m) => METHODS[m].applies(model) !== null).map((m) => ({ method: m, reason: METHODS[m].applies(model)! }));
  const methods = req.methods.filter((m) => METHODS[m].applies(model) === null);
  if (methods.length === 0) throw new Error(`none of ${req.methods.join(', ')} can explain ${recommender.name}`);
  const rng = createRng(req.seed);
  const sample = rng.shuffle(users.map((x, u) => ({ ...x, u })).filter((x) => x.history.length > 0)).slice(0, req.users);
  const targets: ExplainTarget[] = [];
  for (const { history, events, u } of sample) {
    await yieldToEvents();
    throwIfAborted(signal);
    const ev = events ? { events: Int32Array.from(events) } : {};
    const scores = await recommender.scoreUsers({ users: Int32Array.of(u), histories: [history], ...(events ? { events: [ev.events!] } : {}) });
    targets.push({ user: u, history, item: topK(scores, 1, history).items[0], ...ev });
  }
  const summary = await faithfulnessSummary(model, targets, methods, { seed: req.seed, steps: req.steps, signal, onProgress });
  return { methods: summary, skipped, users: targets.length, seconds: (performance.now() - started) / 1000 };
}
