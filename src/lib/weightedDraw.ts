// Draws by weight through cumulative weights (inverse CDF), shared by the demo simulator, the pop100 evaluation
// sampler and the training negatives: build the cumulative array once, then each draw is a binary search.

/** Running sums of the first `n` weights (missing ones count as 0, and so does a negative weight). */
export function cumulative(weights: ArrayLike<number>, n = weights.length): Float64Array {
  const c = new Float64Array(n);
  let s = 0;
  for (let i = 0; i < n; i++) c[i] = s += i < weights.length ? Math.max(0, weights[i]) : 0;
  return c;
}

/**
 * Index drawn with probability proportional to the weights behind `cum`, for u ∈ [0, 1): the first index whose
 * running sum exceeds u × total, so a zero-weight item is never drawn.
 */
export function pickCumulative(cum: Float64Array, u: number): number {
  const target = u * cum[cum.length - 1];
  let lo = 0;
  let hi = cum.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cum[mid] > target) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
