// Seeded bootstrap resampling: the one stream of row draws behind every bootstrap loop (causal stability, effect CIs, metric CIs).
import { createRng, type Rng } from './rng';

/**
 * Returns a function that draws the next resample of n row indices with replacement. Each draw takes n values from
 * the generator in row order, so the same seed gives the same resamples wherever it is used. `reuse` hands back one
 * buffer, overwritten on each draw (for loops that only read the rows before drawing again).
 */
export function resampler(n: number, seed: number | Rng, options: { reuse?: boolean } = {}): () => Uint32Array {
  const rng = typeof seed === 'number' ? createRng(seed) : seed;
  const shared = options.reuse ? new Uint32Array(n) : null;
  return () => {
    const rows = shared ?? new Uint32Array(n);
    for (let i = 0; i < n; i++) rows[i] = rng.int(n);
    return rows;
  };
}

/**
 * 95% percentile interval of a statistic `f(rows)` over `samples` seeded resamples of n rows (users): the one
 * loop behind intervals of ratios and paired differences, where f recomputes the statistic on the drawn rows.
 */
export function bootstrapInterval(n: number, seed: number, samples: number, f: (rows: Uint32Array) => number): [number, number] {
  const draw = resampler(n, seed, { reuse: true });
  const values: number[] = [];
  for (let b = 0; b < samples; b++) {
    const v = f(draw());
    if (Number.isFinite(v)) values.push(v);
  }
  if (!values.length) return [NaN, NaN];
  values.sort((a, b) => a - b);
  const at = (q: number) => values[Math.min(values.length - 1, Math.max(0, Math.round(q * (values.length - 1))))];
  return [at(0.025), at(0.975)];
}

/** Mean of `values` over the drawn rows. */
export function meanOver(values: ArrayLike<number>, rows: ArrayLike<number>): number {
  let s = 0;
  for (let t = 0; t < rows.length; t++) s += values[rows[t]];
  return rows.length ? s / rows.length : NaN;
}

/** Mean of a − b over the same rows, with the 95% interval of resampling the rows jointly (a paired bootstrap). */
export function pairedMeanDifference(
  a: ArrayLike<number>,
  b: ArrayLike<number>,
  seed: number,
  samples: number,
): { difference: number; ci95: [number, number] } {
  const all = Uint32Array.from({ length: a.length }, (_, t) => t);
  const diff = (rows: ArrayLike<number>) => meanOver(a, rows) - meanOver(b, rows);
  return { difference: diff(all), ci95: bootstrapInterval(a.length, seed, samples, diff) };
}
