// Ranges of the causal settings (PC, NOTEARS, bootstrap), checked before discovery runs; README and `reclens help` read them.
import { checkValue, type Range } from '../lib/ranges';

/** PC's significance level and depth; the bootstrap's resample count (each resample reruns discovery). */
export const PC_RANGES = {
  alpha: { min: 0, max: 1, minOpen: true, maxOpen: true },
  maxDepth: { min: 0, max: 64, integer: true },
} as const satisfies Record<string, Range>;

/** NOTEARS (src/causal/notears.ts) options: the L1 weight, the edge threshold and the optimiser's limits. */
export const NOTEARS_RANGES = {
  lambda1: { min: 0, max: 1000 },
  wThreshold: { min: 0, max: 1000 },
  hTol: { min: 0, max: 1, minOpen: true },
  rhoMax: { min: 0, max: 1e20, minOpen: true },
  maxOuter: { min: 1, max: 1000, integer: true },
  maxInnerIterations: { min: 1, max: 1_000_000, integer: true },
} as const satisfies Record<string, Range>;

export const BOOTSTRAP_RANGE: Range = { min: 0, max: 10_000, integer: true };

/** Null when every option given is in range, else the first violation naming the option and its range. */
export function checkRanges<T extends Record<string, Range>>(table: T, options: Partial<Record<keyof T, unknown>>): string | null {
  for (const key of Object.keys(table) as (keyof T & string)[]) {
    const v = options[key];
    if (v === undefined) continue;
    const why = checkValue(key, v, table[key]);
    if (why) return why;
  }
  return null;
}
