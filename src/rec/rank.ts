// Top-K selection from a score row with a bounded min-heap: O(n log K), no full sort, history masked.
import type { ItemIdx } from '../lib/ids';

export interface TopK {
  items: Int32Array;
  scores: Float32Array;
}

/** True when (sa, ia) ranks below (sb, ib): lower score, or equal score and higher index (ties go to the lower index). */
const below = (sa: number, ia: number, sb: number, ib: number): boolean => sa < sb || (sa === sb && ia > ib);

/**
 * True when a top-K list of two or more holds one score only: the model had nothing to rank them by (itemknn for a
 * history without neighbours, say), so their order is topK's tie-break (the lower item index, i.e. the item seen first
 * in the log), not a preference.
 */
export function allTied(scores: ArrayLike<number>): boolean {
  return scores.length > 1 && Array.prototype.every.call(scores, (s: number) => s === scores[0]);
}

/**
 * The K best items of `row[offset .. offset+n)`, best first. Items in `exclude` (indices relative to the row)
 * are never returned; -Infinity and NaN scores are treated as unrankable. `row` is restored before returning.
 */
export function topK(
  row: ArrayLike<number> & { [i: number]: number },
  k: number,
  exclude?: ArrayLike<number>,
  offset = 0,
  n = row.length - offset,
): TopK {
  const saved = exclude ? new Float64Array(exclude.length) : null;
  if (exclude && saved) {
    for (let e = 0; e < exclude.length; e++) {
      saved[e] = row[offset + exclude[e]];
      row[offset + exclude[e]] = -Infinity;
    }
  }
  const cap = Math.max(0, Math.min(k, n));
  const heapItem = new Int32Array(cap);
  const heapScore = new Float64Array(cap);
  let size = 0;
  for (let i = 0; i < n; i++) {
    const s = row[offset + i];
    if (!(s > -Infinity)) continue;
    if (size < cap) {
      // Sift up.
      let c = size++;
      while (c > 0) {
        const p = (c - 1) >> 1;
        if (!below(s, i, heapScore[p], heapItem[p])) break;
        heapScore[c] = heapScore[p];
        heapItem[c] = heapItem[p];
        c = p;
      }
      heapScore[c] = s;
      heapItem[c] = i;
    } else if (cap > 0 && below(heapScore[0], heapItem[0], s, i)) {
      siftDown(heapScore, heapItem, size, s, i);
    }
  }
  if (exclude && saved) for (let e = exclude.length - 1; e >= 0; e--) row[offset + exclude[e]] = saved[e];
  // Pop the heap from worst to best.
  const items = new Int32Array(size);
  const scores = new Float32Array(size);
  for (let end = size - 1; end >= 0; end--) {
    items[end] = heapItem[0];
    scores[end] = heapScore[0];
    if (end > 0) siftDown(heapScore, heapItem, end, heapScore[end], heapItem[end]);
  }
  return { items, scores };
}

/** Replace the heap root with (s, i) and restore the min-heap property over the first `size` entries. */
function siftDown(heapScore: Float64Array, heapItem: Int32Array, size: number, s: number, i: number): void {
  let c = 0;
  for (;;) {
    const l = 2 * c + 1;
    if (l >= size) break;
    const r = l + 1;
    const m = r < size && below(heapScore[r], heapItem[r], heapScore[l], heapItem[l]) ? r : l;
    if (!below(heapScore[m], heapItem[m], s, i)) break;
    heapScore[c] = heapScore[m];
    heapItem[c] = heapItem[m];
    c = m;
  }
  heapScore[c] = s;
  heapItem[c] = i;
}

/**
 * 1-based rank of `target` among `candidates` (or the whole row when null), skipping -Infinity/NaN entries.
 * Ties count half (expected rank under random tie-breaking, rounded down), so a constant scorer is not rewarded.
 */
export function rankOf(
  row: ArrayLike<number>,
  target: ItemIdx,
  candidates: ArrayLike<number> | null = null,
  offset = 0,
  n = row.length - offset,
): number {
  const t = row[offset + target];
  // A target the model cannot score ranks last.
  if (!(t > -Infinity)) return 1 + (candidates ? candidates.length : n - 1);
  let greater = 0;
  let ties = 0;
  const visit = (s: number) => {
    if (s > t) greater++;
    else if (s === t) ties++;
  };
  if (candidates) for (let c = 0; c < candidates.length; c++) visit(row[offset + candidates[c]]);
  else for (let i = 0; i < n; i++) if (i !== target) visit(row[offset + i]);
  return 1 + greater + Math.floor(ties / 2);
}
