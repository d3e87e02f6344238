// Accuracy metrics of one held-out item per user, and beyond-accuracy metrics of the recommended lists.
import { resampler } from '../lib/bootstrap';
import { normaliseRows } from '../lib/linalg';
import { rowOf, type Interactions } from './recommender';

/** Binary relevance, one relevant item at 1-based rank r. */
export const hitRate = (rank: number, k: number): number => (rank <= k ? 1 : 0);
export const ndcg = (rank: number, k: number): number => (rank <= k ? 1 / Math.log2(rank + 1) : 0);
/** Untruncated reciprocal rank. */
export const reciprocalRank = (rank: number): number => 1 / rank;
/** With one relevant item, precision@K = hit/K and recall@K = hit. */
export const precision = (rank: number, k: number): number => hitRate(rank, k) / k;
export const recall = (rank: number, k: number): number => hitRate(rank, k);

/** Share of the catalog that appears in at least one list. */
export function coverage(lists: readonly ArrayLike<number>[], numItems: number): number {
  const seen = new Uint8Array(numItems);
  let n = 0;
  for (const l of lists)
    for (let t = 0; t < l.length; t++) {
      if (seen[l[t]]) continue;
      seen[l[t]] = 1;
      n++;
    }
  return numItems ? n / numItems : 0;
}

/**
 * Mean self-information −log2(pop(i)/#users) of recommended items (pop = distinct training users of i).
 * An item nobody trained on counts as pop 1, the rarest observable, instead of infinite.
 */
export function novelty(lists: readonly ArrayLike<number>[], popularity: ArrayLike<number>, numUsers: number): number {
  let sum = 0;
  let n = 0;
  for (const l of lists) {
    for (let t = 0; t < l.length; t++) {
      sum += -Math.log2(Math.max(popularity[l[t]], 1) / numUsers);
      n++;
    }
  }
  return n ? sum / n : 0;
}

/** Mean training popularity (distinct users) of recommended items. */
export function averagePopularity(lists: readonly ArrayLike<number>[], popularity: ArrayLike<number>): number {
  let sum = 0;
  let n = 0;
  for (const l of lists) for (let t = 0; t < l.length; t++, n++) sum += popularity[l[t]];
  return n ? sum / n : 0;
}

/** Gini index of how often each catalog item is recommended: 0 = all equally, → 1 = a few items take everything. */
export function gini(lists: readonly ArrayLike<number>[], numItems: number): number {
  const counts = new Float64Array(numItems);
  for (const l of lists) for (let t = 0; t < l.length; t++) counts[l[t]]++;
  counts.sort();
  let total = 0;
  let weighted = 0;
  for (let i = 0; i < numItems; i++) {
    total += counts[i];
    weighted += (2 * (i + 1) - numItems - 1) * counts[i];
  }
  return total > 0 ? weighted / (numItems * total) : 0;
}

export type ItemSimilarity = (i: number, j: number) => number;

/** Intra-list diversity of one list: 1 − mean pairwise similarity (0 for lists shorter than 2). */
export function intraListDiversity(list: ArrayLike<number>, sim: ItemSimilarity): number {
  let sum = 0;
  let pairs = 0;
  for (let a = 0; a < list.length; a++) {
    for (let b = a + 1; b < list.length; b++, pairs++) sum += sim(list[a], list[b]);
  }
  return pairs ? 1 - sum / pairs : 0;
}

/** Cosine of item vectors (e.g. text embeddings), numItems × dim row-major. */
export function embeddingSimilarity(vectors: Float32Array, dim: number): ItemSimilarity {
  const unit = normaliseRows(vectors, dim);
  return (i, j) => {
    let dot = 0;
    for (let p = 0; p < dim; p++) dot += unit[i * dim + p] * unit[j * dim + p];
    return dot;
  };
}

/** Category equality: diversity then counts pairs from different categories. Unknown (-1) differs from everything. */
export function categorySimilarity(category: ArrayLike<number>): ItemSimilarity {
  return (i, j) => (category[i] >= 0 && category[i] === category[j] ? 1 : 0);
}

/** Fallback when no item vectors are given: cosine of the items' binary training-user columns (item → sorted users). */
export function cooccurrenceSimilarity(itemUsers: Interactions): ItemSimilarity {
  return (i, j) => {
    const a = rowOf(itemUsers, i);
    const b = rowOf(itemUsers, j);
    if (!a.length || !b.length) return 0;
    let x = 0;
    let y = 0;
    let common = 0;
    while (x < a.length && y < b.length) {
      if (a[x] === b[y]) {
        common++;
        x++;
        y++;
      } else if (a[x] < b[y]) x++;
      else y++;
    }
    return common / Math.sqrt(a.length * b.length);
  };
}

export interface Interval {
  lo: number;
  hi: number;
}

/** Percentile bootstrap 95% interval of the mean, resampling users with replacement (seeded). */
export function bootstrapCi(values: ArrayLike<number>, seed: number, samples = 1000): Interval {
  const n = values.length;
  if (n === 0) return { lo: NaN, hi: NaN };
  const draw = resampler(n, seed, { reuse: true });
  const means = new Float64Array(samples);
  for (let s = 0; s < samples; s++) {
    const rows = draw();
    let sum = 0;
    for (let t = 0; t < n; t++) sum += values[rows[t]];
    means[s] = sum / n;
  }
  means.sort();
  const at = (q: number) => means[Math.min(samples - 1, Math.max(0, Math.round(q * (samples - 1))))];
  return { lo: at(0.025), hi: at(0.975) };
}

export const mean = (values: ArrayLike<number>): number => {
  let s = 0;
  for (let i = 0; i < values.length; i++) s += values[i];
  return values.length ? s / values.length : 0;
};
