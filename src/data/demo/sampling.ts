// Inverse-CDF samplers and weighted choice for the demo simulator.
// The causal model draws every count from ONE uniform per variable through an inverse CDF, so that the same
// exogenous noise can be replayed under an intervention (common random numbers): a larger mean then gives a
// count that is never smaller, which keeps the potential outcomes coupled and the computed ATE low-variance.

/** Poisson(mean) quantile at u ∈ [0, 1). Means are kept small (< 100) by the model, so exp(-mean) does not underflow. */
export function poissonInv(u: number, mean: number): number {
  if (mean <= 0) return 0;
  let p = Math.exp(-mean);
  let cdf = p;
  let k = 0;
  // The cap only guards against u rounding to just below 1 where the summed CDF stalls.
  const cap = Math.ceil(mean + 20 * Math.sqrt(mean) + 20);
  while (u >= cdf && k < cap) {
    k++;
    p *= mean / k;
    cdf += p;
  }
  return k;
}

/** Binomial(n, p) quantile at u ∈ [0, 1). */
export function binomialInv(u: number, n: number, p: number): number {
  if (n <= 0 || p <= 0) return 0;
  if (p >= 1) return n;
  let q = Math.pow(1 - p, n);
  let cdf = q;
  let k = 0;
  const odds = p / (1 - p);
  while (u >= cdf && k < n) {
    q *= ((n - k) / (k + 1)) * odds;
    k++;
    cdf += q;
  }
  return k;
}

export const clip = (x: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, x));
