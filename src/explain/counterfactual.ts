// Counterfactual explanations, both directions, each verified by re-scoring the model:
// - removal: a small set of history events without which the item leaves the top-K (attribution-guided greedy search,
//   pruned back, then shown smallest among the candidate events by exhaustive search where that is cheap);
// - addition: the single catalog item which, added as the newest event, brings a chosen item into the top-K.
import { asItemIdx, type ItemIdx } from '../lib/ids';
import { progressTracker, throwIfAborted, yieldToEvents, type Progress } from '../lib/progress';
import type { Range } from '../lib/ranges';
import type { Interactions } from '../rec/recommender';
import { attributionOrder } from './faithfulness';
import { fullMask, MAX_ROWS, rankExcluding, scoreSubsets } from './scorer';
import type { ExplainableModel, ExplainTarget } from './types';

/** Ranges of the search settings, checked (CLI flags, worker requests) before anything is scored. */
export const COUNTERFACTUAL_RANGES = {
  k: { min: 1, max: 1000, integer: true },
  /** Candidate events for the removal search: the most supportive ones by attribution. */
  maxEvents: { min: 1, max: 64, integer: true },
  /** Candidate items tried for the addition direction. */
  candidates: { min: 1, max: 5000, integer: true },
} as const satisfies Record<string, Range>;

export const COUNTERFACTUAL_DEFAULTS = { k: 10, maxEvents: 20, candidates: 200 } as const;

/** Re-scored histories (rows) one removal search may spend: bounds the exhaustive step, the rest is far below it. */
export const MAX_SCORINGS = 4096;

export interface RemovalCounterfactual {
  k: number;
  /** 1-based rank of the item on the full history (history items excluded). */
  rank: number;
  /** Indices into target.history of the events removed, ascending; null when no set within the caps was found. */
  removed: number[] | null;
  /** Rank of the item with `removed` gone (or, when none was found, with every candidate event gone). */
  newRank: number;
  /** The item's score on the full history and without the removed events. */
  score: number;
  newScore: number;
  /** True when re-scoring without `removed` put the item below the top-K (rank > k). */
  verified: boolean;
  /** How many events (the most supportive by attribution) the search could remove. */
  pool: number;
  /** True when every smaller set of pool events was re-scored and none drops the item: `removed` is smallest among them. */
  smallest: boolean;
  /** True when putting back any one removed event was re-scored and keeps the item in the top-K. */
  needed: boolean;
  /** Histories re-scored. */
  scorings: number;
  /** Why nothing was searched or found: the item is not in the top-K, or no set within the pool drops it. */
  status: 'found' | 'not-in-top-k' | 'not-found';
}

export interface SearchOptions {
  k: number;
  maxEvents?: number;
  /** Histories the removal search may re-score in all (default MAX_SCORINGS); only the exhaustive step comes near it. */
  maxScorings?: number;
  signal?: AbortSignal;
  onProgress?: (p: Progress) => void;
}

/** n choose r, saturating above `cap` (only compared against the budget). */
function choose(n: number, r: number, cap: number): number {
  let c = 1;
  for (let j = 1; j <= r; j++) {
    c = (c * (n - r + j)) / j;
    if (c > cap) return cap + 1;
  }
  return Math.round(c);
}

/** Every r-subset of 0..n-1 in lexicographic order. */
function* combinations(n: number, r: number): Generator<number[]> {
  const idx = Array.from({ length: r }, (_, j) => j);
  if (r > n) return;
  for (;;) {
    yield idx.slice();
    let j = r - 1;
    while (j >= 0 && idx[j] === n - r + j) j--;
    if (j < 0) return;
    idx[j]++;
    for (let t = j + 1; t < r; t++) idx[t] = idx[t - 1] + 1;
  }
}

const maskWithout = (n: number, events: Iterable<number>): Uint8Array => {
  const m = fullMask(n);
  for (const e of events) m[e] = 0;
  return m;
};

/**
 * The events whose removal drops `target.item` out of the top-K, guided by `values` (one attribution per event):
 * 1. remove the most supportive events one by one (at most maxEvents) and take the shortest prefix that drops it;
 * 2. prune: put back, one at a time, any event the drop does not need (the one leaving the item lowest first);
 * 3. where the budget allows, re-score every smaller set of the candidate events: if one drops the item, it replaces
 *    the set and the step repeats; if none does, the set is the smallest among the candidates (`smallest`).
 * Every set reported was re-scored with its events removed, so `verified` is a measurement, not a prediction.
 */
export async function removalCounterfactual(
  model: ExplainableModel,
  target: ExplainTarget,
  values: ArrayLike<number>,
  options: SearchOptions,
): Promise<RemovalCounterfactual> {
  const { k, signal } = options;
  const n = target.history.length;
  if (values.length !== n) throw new Error(`counterfactual: ${values.length} attributions for ${n} events`);
  const pool = attributionOrder(values).slice(0, Math.min(n, options.maxEvents ?? COUNTERFACTUAL_DEFAULTS.maxEvents));
  const track = progressTracker('Searching counterfactual', 'histories', null);
  let scorings = 0;
  const score = async (sets: number[][]) => {
    throwIfAborted(signal);
    await yieldToEvents();
    const r = await scoreSubsets(
      model,
      target,
      sets.map((s) => maskWithout(n, s)),
      { ranks: true, signal },
    );
    scorings += sets.length;
    options.onProgress?.(track(scorings));
    return { scores: r.scores, ranks: r.ranks! };
  };

  // Step 1: prefixes of the attribution order (prefix 0 = the full history), one batch.
  const prefixes = Array.from({ length: pool.length + 1 }, (_, p) => pool.slice(0, p));
  const first = await score(prefixes);
  const base = { k, rank: first.ranks[0], score: first.scores[0], pool: pool.length };
  const last = pool.length;
  if (base.rank > k) {
    return {
      ...base,
      removed: null,
      newRank: base.rank,
      newScore: base.score,
      verified: false,
      smallest: false,
      needed: false,
      scorings,
      status: 'not-in-top-k',
    };
  }
  let p = 1;
  while (p <= last && first.ranks[p] <= k) p++;
  if (p > last) {
    const r = { newRank: first.ranks[last], newScore: first.scores[last] };
    return { ...base, removed: null, ...r, verified: false, smallest: false, needed: false, scorings, status: 'not-found' };
  }
  let set = prefixes[p];
  let best = { rank: first.ranks[p], score: first.scores[p] };

  // Step 2: put back unneeded events, one per round; each round re-scores every single put-back in one batch.
  while (set.length > 1) {
    const trials = set.map((e) => set.filter((x) => x !== e));
    const r = await score(trials);
    let pick = -1;
    for (let t = 0; t < trials.length; t++) if (r.ranks[t] > k && (pick < 0 || r.ranks[t] > r.ranks[pick])) pick = t;
    if (pick < 0) break;
    set = trials[pick];
    best = { rank: r.ranks[pick], score: r.scores[pick] };
  }

  // Step 3: smaller sets among the pool, exhaustively, while the budget allows.
  // Pruning left a set every single put-back of which was re-scored and failed (or one event: the full history fails).
  let replaced = false;
  let smallest = set.length === 1;
  while (!smallest) {
    const size = set.length - 1;
    const left = (options.maxScorings ?? MAX_SCORINGS) - scorings;
    if (choose(pool.length, size, left) > left) break;
    let found: { set: number[]; rank: number; score: number } | null = null;
    const combos = combinations(pool.length, size);
    for (let more = true; more;) {
      const batch: number[][] = [];
      while (batch.length < MAX_ROWS) {
        const c = combos.next();
        if (c.done) {
          more = false;
          break;
        }
        batch.push(c.value.map((j) => pool[j]));
      }
      if (batch.length === 0) break;
      const r = await score(batch);
      for (let t = 0; t < batch.length; t++)
        if (r.ranks[t] > k && (!found || r.ranks[t] > found.rank)) found = { set: batch[t], rank: r.ranks[t], score: r.scores[t] };
    }
    if (!found) smallest = true;
    else {
      set = found.set;
      replaced = true;
      best = { rank: found.rank, score: found.score };
      smallest = set.length === 1;
    }
  }
  const removed = [...set].sort((a, b) => a - b);
  return {
    ...base,
    removed,
    newRank: best.rank,
    newScore: best.score,
    verified: best.rank > k,
    smallest,
    needed: smallest || !replaced,
    scorings,
    status: 'found',
  };
}

export interface AdditionCounterfactual {
  k: number;
  /** Rank of the chosen item on the history as it is. */
  rank: number;
  /** The candidate whose addition ranks the chosen item highest; null when no candidate was left to try. */
  added: ItemIdx | null;
  /** Rank of the chosen item with `added` appended as the newest event (then excluded like any history item). */
  newRank: number;
  score: number;
  newScore: number;
  /** True when re-scoring with `added` put the chosen item in the top-K (rank ≤ k). */
  verified: boolean;
  /** Candidates re-scored, and how many of them bring the item into the top-K. */
  tried: number;
  reaching: number;
  status: 'found' | 'already-in-top-k' | 'not-found';
}

/** The history with one more event appended: item `c`, the newest event's type and time copied (0 for an empty history). */
function appended(target: ExplainTarget, c: number) {
  const n = target.history.length;
  const grow = <T extends Int32Array | Float64Array>(a: ArrayLike<number>, out: T, v: number): T => {
    out.set(Array.from(a));
    out[n] = v;
    return out;
  };
  return {
    history: grow(target.history, new Int32Array(n + 1), c),
    events: target.events && grow(target.events, new Int32Array(n + 1), n ? target.events[n - 1] : 0),
    times: target.times && grow(target.times, new Float64Array(n + 1), n ? target.times[n - 1] : 0),
  };
}

/**
 * Which single added event brings `target.item` into the top-K: each candidate item is appended to the history as the
 * newest event (event type and time copied from the newest event, for models that read them) and re-scored in
 * batches; the added item then counts as seen and leaves the list. Skipped: the item itself, items already excluded,
 * and items ranked above the chosen one, which would lift it trivially by leaving the list rather than through the model.
 */
export async function additionCounterfactual(
  model: ExplainableModel,
  target: ExplainTarget,
  candidates: ArrayLike<number>,
  options: SearchOptions,
): Promise<AdditionCounterfactual> {
  const { k, signal } = options;
  const excluded = new Set<number>(Array.from(target.exclude ?? target.history));
  excluded.delete(target.item);
  const rows = async (adds: (number | null)[]) => {
    throwIfAborted(signal);
    await yieldToEvents();
    const inputs = adds.map((c) => (c === null ? target : appended(target, c)));
    // Side inputs travel as scoreSubsets sends them: events for models that embed types, times where given.
    const batch = {
      users: new Int32Array(adds.length).fill(target.user),
      histories: inputs.map((x) => x.history),
      ...(target.events ? { events: inputs.map((x) => x.events!) } : {}),
      ...(target.times ? { times: inputs.map((x) => x.times!) } : {}),
    };
    const out = await model.recommender.scoreUsers(batch);
    return { out, numItems: out.length / adds.length };
  };
  const first = await rows([null]);
  const base = { k, rank: rankExcluding(first.out, target.item, excluded), score: first.out[target.item] };
  const tried = [...new Set(Array.from(candidates))].filter(
    (c) => c !== target.item && !excluded.has(c) && c >= 0 && c < first.numItems && first.out[c] < base.score,
  );
  if (base.rank <= k)
    return {
      ...base,
      added: null,
      newRank: base.rank,
      newScore: base.score,
      verified: false,
      tried: 0,
      reaching: 0,
      status: 'already-in-top-k',
    };
  const track = progressTracker('Trying added events', 'histories', tried.length);
  const scores = new Float64Array(tried.length);
  const ranks = new Int32Array(tried.length);
  for (let r = 0; r < tried.length; r += MAX_ROWS) {
    const part = tried.slice(r, r + MAX_ROWS);
    const { out, numItems } = await rows(part);
    part.forEach((c, j) => {
      const row = out.subarray(j * numItems, (j + 1) * numItems);
      excluded.add(c);
      scores[r + j] = row[target.item];
      ranks[r + j] = rankExcluding(row, target.item, excluded);
      excluded.delete(c);
    });
    options.onProgress?.(track(r + part.length));
  }
  let pick = -1;
  let reaching = 0;
  for (let j = 0; j < tried.length; j++) {
    if (ranks[j] <= k) reaching++;
    if (pick < 0 || ranks[j] < ranks[pick]) pick = j;
  }
  const counts = { tried: tried.length, reaching };
  if (pick < 0) return { ...base, ...counts, added: null, newRank: base.rank, newScore: base.score, verified: false, status: 'not-found' };
  const newRank = ranks[pick];
  const verified = newRank <= k;
  return {
    ...base,
    ...counts,
    added: asItemIdx(tried[pick]),
    newRank,
    newScore: scores[pick],
    verified,
    status: verified ? 'found' : 'not-found',
  };
}

/**
 * Candidate items to add, at most `m`: those most often consumed by the users who consumed `item` (co-occurrence in
 * the training sequences, a model-free similarity), then the most popular items to fill up. Excluded items and the
 * item itself are left out. Ties go to the lower index, so the list is deterministic.
 */
export function additionCandidates(
  sequences: Interactions,
  numItems: number,
  item: number,
  exclude: ArrayLike<number>,
  m: number,
): number[] {
  const co = new Float64Array(numItems);
  const pop = new Float64Array(numItems);
  const { offsets, items } = sequences;
  const seen = new Uint8Array(numItems);
  for (let u = 0; u + 1 < offsets.length; u++) {
    let has = false;
    for (let e = offsets[u]; e < offsets[u + 1]; e++) {
      pop[items[e]]++;
      if (items[e] === item) has = true;
    }
    if (!has) continue;
    for (let e = offsets[u]; e < offsets[u + 1]; e++) {
      if (seen[items[e]]) continue;
      seen[items[e]] = 1;
      co[items[e]]++;
    }
    for (let e = offsets[u]; e < offsets[u + 1]; e++) seen[items[e]] = 0;
  }
  const skip = new Set<number>(Array.from(exclude));
  skip.add(item);
  const order = Array.from({ length: numItems }, (_, i) => i)
    .filter((i) => !skip.has(i))
    .sort((a, b) => co[b] - co[a] || pop[b] - pop[a] || a - b);
  return order.slice(0, m);
}
