// Comparing numeric arrays in tests.

/** The largest |a[i] − b[i]| over a's length (0 for empty arrays). */
export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let d = 0;
  for (let i = 0; i < a.length; i++) d = Math.max(d, Math.abs(a[i] - b[i]));
  return d;
}
