// The counterfactual explanation of one user's recommendation, both directions, as the CLI and the ML worker ask for
// it: which events, removed, drop the item out of the top-K, and which single added item brings another one in.
import { asItemIdx, asUserIdx, type ItemIdx } from '../lib/ids';
import type { Progress } from '../lib/progress';
import { checkValue } from '../lib/ranges';
import { topK } from '../rec/rank';
import type { Interactions } from '../rec/recommender';
import {
  additionCandidates,
  additionCounterfactual,
  COUNTERFACTUAL_DEFAULTS,
  COUNTERFACTUAL_RANGES,
  removalCounterfactual,
  type AdditionCounterfactual,
  type RemovalCounterfactual,
} from './counterfactual';
import { explain, type MethodName } from './registry';
import type { ExplainableModel, ExplainTarget } from './types';

export interface CounterfactualRequest {
  user: number;
  /** Item indices in time order. */
  history: Int32Array;
  /** Items never ranked (default: the history's items). */
  exclude?: ArrayLike<number>;
  /** Event type index per history event, for models that embed event types. */
  events?: Int32Array;
  /** The recommendation to explain by removal (default: the top one). */
  item?: number;
  /** The item to bring into the top-K by adding one event (default: the one ranked just below it, K + 1). */
  addItem?: number;
  k: number;
  /** Candidate events for the removal search (default 20). */
  maxEvents?: number;
  /** Candidate items for the addition (default 200). */
  candidates?: number;
  /** The attribution method that orders the removal search (default occlusion: exact, one batch, any model). */
  guide?: MethodName;
  seed?: number;
}

export interface CounterfactualResult {
  item: ItemIdx;
  guide: MethodName;
  removal: RemovalCounterfactual;
  /** Null when the user has fewer than K + 1 items left to rank and none was asked for. */
  addItem: ItemIdx | null;
  addition: AdditionCounterfactual | null;
  seconds: number;
}

export interface CounterfactualContext {
  /** Training sequences, for the addition candidates (items co-consumed with the chosen one, then popular ones). */
  sequences: Interactions;
  onProgress?: (p: Progress) => void;
  signal?: AbortSignal;
}

/** Null when the request's numbers are in range, else the first violation (checked before anything is scored). */
export function checkCounterfactualRequest(req: Pick<CounterfactualRequest, 'k' | 'maxEvents' | 'candidates'>): string | null {
  for (const key of ['k', 'maxEvents', 'candidates'] as const) {
    const v = req[key];
    if (v === undefined) continue;
    const why = checkValue(key, v, COUNTERFACTUAL_RANGES[key]);
    if (why) return why;
  }
  return null;
}

export async function explainCounterfactual(
  model: ExplainableModel,
  req: CounterfactualRequest,
  ctx: CounterfactualContext,
): Promise<CounterfactualResult> {
  const started = performance.now();
  const invalid = checkCounterfactualRequest(req);
  if (invalid) throw new Error(invalid);
  const { signal, onProgress } = ctx;
  const exclude = req.exclude ?? req.history;
  const events = req.events ? { events: req.events } : {};
  const row = await model.recommender.scoreUsers({
    users: Int32Array.of(req.user),
    histories: [req.history],
    ...(req.events ? { events: [req.events] } : {}),
  });
  const ranked = topK(row, req.k + 1, exclude).items;
  const item = asItemIdx(req.item ?? ranked[0]);
  if (req.item === undefined && ranked.length === 0) throw new Error('no item is left to recommend to this user');
  const target: ExplainTarget = { user: asUserIdx(req.user), history: req.history, item, exclude, ...events };
  const guide = req.guide ?? 'occlusion';
  const attribution = await explain(guide, model, target, { seed: req.seed, signal });
  if (!attribution.ok) throw new Error(attribution.reason);
  const removal = await removalCounterfactual(model, target, attribution.data.values, {
    k: req.k,
    maxEvents: req.maxEvents,
    signal,
    onProgress,
  });
  const chosen = req.addItem ?? (ranked.length > req.k ? ranked[req.k] : undefined);
  let addition: AdditionCounterfactual | null = null;
  if (chosen !== undefined) {
    const m = req.candidates ?? COUNTERFACTUAL_DEFAULTS.candidates;
    const candidates = additionCandidates(ctx.sequences, row.length, chosen, exclude, m);
    addition = await additionCounterfactual(model, { ...target, item: asItemIdx(chosen) }, candidates, { k: req.k, signal, onProgress });
  }
  return {
    item,
    guide,
    removal,
    addItem: chosen === undefined ? null : asItemIdx(chosen),
    addition,
    seconds: (performance.now() - started) / 1000,
  };
}
