// Re-scoring perturbed histories: every model-agnostic method and every faithfulness curve goes through here.
import { throwIfAborted } from '../lib/progress';
import type { ExplainableModel, ExplainTarget } from './types';

/** Rows per scoreUsers call: bounds the rows × numItems score buffer (1024 × 1682 floats ≈ 7 MB on ml-100k). */
export const MAX_ROWS = 1024;

function pick<T extends ArrayLike<number>>(
  a: T | undefined,
  keep: Uint8Array,
  make: (n: number) => { [i: number]: number; length: number },
) {
  if (!a) return undefined;
  let n = 0;
  for (let k = 0; k < keep.length; k++) n += keep[k];
  const out = make(n);
  for (let k = 0, w = 0; k < keep.length; k++) if (keep[k]) out[w++] = a[k];
  return out as unknown as ArrayLike<number>;
}

/** The target with only the events where keep[k] = 1 (order preserved, side inputs kept aligned). */
export function subsetTarget(t: ExplainTarget, keep: Uint8Array): ExplainTarget {
  return {
    ...t,
    history: pick(t.history, keep, (n) => new Int32Array(n)) as Int32Array,
    events: pick(t.events, keep, (n) => new Int32Array(n)),
    times: pick(t.times, keep, (n) => new Float64Array(n)),
  };
}

export interface SubsetScores {
  /** The target item's score per keep mask. */
  scores: Float64Array;
  /** 1-based rank of the target item per mask (history items of the full target excluded), when asked for. */
  ranks?: Int32Array;
}

/**
 * Scores of the target item for each keep mask over the target's events, in as few scoreUsers calls as MAX_ROWS
 * allows (one call for up to 1024 perturbations). Ranks cost a pass over every item per row, so they are optional.
 */
export async function scoreSubsets(
  model: ExplainableModel,
  target: ExplainTarget,
  masks: Uint8Array[],
  options: { ranks?: boolean; signal?: AbortSignal } = {},
): Promise<SubsetScores> {
  const scores = new Float64Array(masks.length);
  const ranks = options.ranks ? new Int32Array(masks.length) : undefined;
  const excluded = new Set<number>(Array.from(target.exclude ?? target.history));
  excluded.delete(target.item);
  for (let r = 0; r < masks.length; r += MAX_ROWS) {
    throwIfAborted(options.signal);
    const part = masks.slice(r, r + MAX_ROWS).map((m) => subsetTarget(target, m));
    const hasEvents = !!target.events;
    const hasTimes = !!target.times;
    const batch = {
      users: new Int32Array(part.length).fill(target.user),
      histories: part.map((p) => p.history),
      ...(hasEvents ? { events: part.map((p) => p.events!) } : {}),
      ...(hasTimes ? { times: part.map((p) => p.times!) } : {}),
    };
    const out = await model.recommender.scoreUsers(batch);
    const numItems = out.length / part.length;
    for (let k = 0; k < part.length; k++) {
      const row = out.subarray(k * numItems, (k + 1) * numItems);
      scores[r + k] = row[target.item];
      if (ranks) ranks[r + k] = rankExcluding(row, target.item, excluded);
    }
  }
  return { scores, ranks };
}

/**
 * 1-based position of `item` in the list the analyst sees for `row` (excluded items left out): items scoring higher
 * come first, and a tie goes to the lower index, as topK (src/rec/rank.ts) orders the list. A counterfactual says where
 * an item would stand in that list; the tie-averaged rank of the evaluation (rankOf) put an item the list shows 6th,
 * tied with the 5th, at "rank 5, in the top 5" (REES46, item-kNN).
 */
export function rankExcluding(row: ArrayLike<number>, item: number, excluded: Set<number>): number {
  const t = row[item];
  let before = 0,
    others = 0;
  for (let i = 0; i < row.length; i++) {
    if (i === item || excluded.has(i)) continue;
    others++;
    if (row[i] > t || (row[i] === t && i < item)) before++;
  }
  // An item the model cannot score (−Infinity, NaN) stands last, as topK never lists it.
  return t > -Infinity ? 1 + before : 1 + others;
}

export const fullMask = (n: number): Uint8Array => new Uint8Array(n).fill(1);
