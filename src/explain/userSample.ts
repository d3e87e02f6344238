// Explanations over a seeded sample of users, each explained for their top recommendation: which items and categories
// drive recommendations (population drivers), and how faithful each method is (mean deletion/insertion AUC with CIs).
import { asItemIdx, asUserIdx } from '../lib/ids';
import { throwIfAborted, yieldToEvents, type Progress } from '../lib/progress';
import { createRng } from '../lib/rng';
import { topK } from '../rec/rank';
import { historyEventsOf, historyOf, type LeaveOneOutSplit } from '../rec/split';
import { faithfulnessSummary, populationDrivers, type MethodFaithfulness, type PopulationDrivers } from './population';
import { METHODS, type MethodName } from './registry';
import type { ExplainableModel, ExplainTarget } from './types';

export type { PopulationDrivers };

export interface PopulationRequest {
  /** How many users to sample (seeded), each explained for their top recommendation. */
  users: number;
  method: MethodName;
  seed: number;
}

export interface SampleContext {
  onProgress: (p: Progress) => void;
  signal?: AbortSignal;
}

/** Which items and categories most often drive the top recommendation, over a seeded sample of users. */
export async function populationFor(
  model: ExplainableModel,
  histories: Int32Array[],
  req: PopulationRequest,
  ctx: SampleContext & { categoryOf: (item: number) => string | null },
): Promise<PopulationDrivers> {
  const { recommender } = model;
  const rng = createRng(req.seed);
  const candidates = histories.map((h, u) => ({ h, u })).filter((x) => x.h.length > 0);
  const sample = rng.shuffle(candidates).slice(0, req.users);
  const targets: ExplainTarget[] = [];
  for (const { h, u } of sample) {
    await yieldToEvents();
    throwIfAborted(ctx.signal);
    const scores = await recommender.scoreUsers({ users: Int32Array.of(u), histories: [h] });
    targets.push({ user: asUserIdx(u), history: h, item: asItemIdx(topK(scores, 1, h).items[0]) });
  }
  return populationDrivers(model, targets, req.method, {
    seed: req.seed,
    signal: ctx.signal,
    onProgress: ctx.onProgress,
    categoryOf: ctx.categoryOf,
    limit: 15,
  });
}

export interface FaithfulnessSummaryRequest {
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
  model: ExplainableModel,
  users: { history: Int32Array; events?: Uint8Array }[],
  req: FaithfulnessSummaryRequest,
  ctx: SampleContext,
): Promise<FaithfulnessSummaryResult> {
  const started = performance.now();
  const { recommender } = model;
  const skipped = req.methods
    .filter((m) => METHODS[m].applies(model) !== null)
    .map((m) => ({ method: m, reason: METHODS[m].applies(model)! }));
  const methods = req.methods.filter((m) => METHODS[m].applies(model) === null);
  if (methods.length === 0) throw new Error(`none of ${req.methods.join(', ')} can explain ${recommender.name}`);
  const rng = createRng(req.seed);
  const sample = rng.shuffle(users.map((x, u) => ({ ...x, u })).filter((x) => x.history.length > 0)).slice(0, req.users);
  const targets: ExplainTarget[] = [];
  for (const { history, events, u } of sample) {
    await yieldToEvents();
    throwIfAborted(ctx.signal);
    const ev = events ? { events: Int32Array.from(events) } : {};
    const scores = await recommender.scoreUsers({
      users: Int32Array.of(u),
      histories: [history],
      ...(events ? { events: [ev.events!] } : {}),
    });
    targets.push({ user: asUserIdx(u), history, item: asItemIdx(topK(scores, 1, history).items[0]), ...ev });
  }
  const summary = await faithfulnessSummary(model, targets, methods, {
    seed: req.seed,
    steps: req.steps,
    signal: ctx.signal,
    onProgress: ctx.onProgress,
  });
  return { methods: summary, skipped, users: targets.length, seconds: (performance.now() - started) / 1000 };
}

/** Population drivers over every user's full history in the split (all interactions kept, test item included). */
export function populationOnSplit(
  model: ExplainableModel,
  split: LeaveOneOutSplit,
  req: PopulationRequest,
  ctx: SampleContext & { categoryOf: (item: number) => string | null },
): Promise<PopulationDrivers> {
  const histories = Array.from({ length: split.numUsers }, (_, u) => historyOf(split, u, 'all'));
  return populationFor(model, histories, req, ctx);
}

/** Faithfulness per method over the split's users, on what the model sees at test time (train + validation). */
export function faithfulnessOnSplit(
  model: ExplainableModel,
  split: LeaveOneOutSplit,
  req: FaithfulnessSummaryRequest,
  ctx: SampleContext,
): Promise<FaithfulnessSummaryResult> {
  const users = Array.from({ length: split.numUsers }, (_, u) => ({
    history: historyOf(split, u, 'test'),
    events: historyEventsOf(split, u, 'test'),
  }));
  return faithfulnessFor(model, users, req, ctx);
}
