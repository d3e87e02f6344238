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
