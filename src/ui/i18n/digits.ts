// How many decimals a figure is printed with. A fixed three decimals print a small but real figure as "0.000" (a sparse
// shop log's NDCG@10 of 0.00034), claiming less than the data show, so small figures keep two significant digits.

/** `base` decimals, or more where |x| is small so that it keeps two significant digits (0.00034, 0.0012); at most `max`. */
export function decimalsFor(x: number, base = 3, max = 6): number {
  if (!Number.isFinite(x) || x === 0) return base;
  return Math.min(max, Math.max(base, 1 - Math.floor(Math.log10(Math.abs(x)))));
}
