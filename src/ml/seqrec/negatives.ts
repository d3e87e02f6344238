// Negatives for the sampled softmax: uniform, or a mix of uniform and popularity draws with the logQ correction.
//
// With uniform negatives a popular item is a negative in ~K/N of the steps, yet it is the item the softmax most
// needs pushed down; drawing part of the negatives by training frequency shows the popular items far more often.
// Any proposal q other than uniform biases the softmax towards unpopular items unless each logit (target's included)
// is lowered by log(expected draws) = log(K·q) (Bengio & Senécal 2008; Yi et al. 2019), which this returns.
import type { Rng } from '../../lib/rng';
import { cumulative, pickCumulative } from '../../lib/weightedDraw';

export interface NegativeSample {
  /** Item indices (0-based), one per softmax column. */
  ids: Int32Array;
  /**
   * log of each given item's expected count among the draws, for the correction of the sampled columns and the
   * targets alike; absent for uniform draws (a constant, which the softmax ignores).
   */
  logQOf?: (items: ArrayLike<number>) => Float32Array;
}

export interface TrainingNegatives {
  sample(rng: Rng): NegativeSample;
}

/**
 * `popularShare` of the `k` draws come from the items' training frequency (with replacement), the rest are
 * uniform. With share 0 the draws are k distinct uniform items and need no correction (the original sampler).
 */
export function trainingNegatives(numItems: number, k: number, popularShare: number, counts: ArrayLike<number>): TrainingNegatives {
  if (popularShare <= 0 || k >= numItems) return { sample: (rng) => ({ ids: distinctUniform(numItems, k, rng) }) };
  const kPop = Math.round(k * popularShare);
  const kUni = k - kPop;
  const cum = cumulative(counts, numItems);
  const total = cum[numItems - 1];
  if (total === 0) return trainingNegatives(numItems, k, 0, counts);
  const logQ = (item: number) => Math.log(kUni / numItems + (kPop * Math.max(0, counts[item])) / total);
  const logQOf = (items: ArrayLike<number>) => Float32Array.from(items, logQ);
  return {
    sample(rng) {
      const ids = new Int32Array(k);
      for (let j = 0; j < kUni; j++) ids[j] = rng.int(numItems);
      for (let j = kUni; j < k; j++) ids[j] = pickCumulative(cum, rng.next());
      return { ids, logQOf };
    },
  };
}

/** `k` distinct uniform items. */
function distinctUniform(numItems: number, k: number, rng: Rng): Int32Array {
  if (k >= numItems) return Int32Array.from({ length: numItems }, (_, i) => i);
  const seen = new Set<number>();
  while (seen.size < k) seen.add(rng.int(numItems));
  return Int32Array.from(seen);
}

/** Training frequency of each item over the sequences (every position counts). */
export function itemCounts(numItems: number, seqs: readonly { items: ArrayLike<number> }[]): Float64Array {
  const counts = new Float64Array(numItems);
  for (const s of seqs) for (let k = 0; k < s.items.length; k++) counts[s.items[k]]++;
  return counts;
}
