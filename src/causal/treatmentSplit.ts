// A continuous treatment (ml-100k's rating_mean, a count of views) split at a threshold into 0/1 for the estimators,
// which need a binary treatment: treated = value ≥ threshold, control = below. The split travels with the estimate
// (counts included) so every place that words it can say "rating_mean ≥ 3.6 vs below" and how many rows each side has.
import { fail, ok, type Result } from '../lib/result';
import { quantile } from '../lib/stats';

export interface TreatmentSplit {
  threshold: number;
  /** Rows with value ≥ threshold / below it. */
  treated: number;
  control: number;
}

/** What a form needs to offer a split of one variable: its range, median and the threshold to start from. */
export interface VariableSummary {
  min: number;
  max: number;
  median: number;
  /** defaultThreshold's pick; null for a constant variable, which no threshold splits. */
  threshold: number | null;
}

/** The estimators (estimate.ts) need at least this many rows on each side. */
export const MIN_ARM_ROWS = 2;

export function variableSummary(values: ArrayLike<number>): VariableSummary {
  let min = Infinity,
    max = -Infinity;
  for (let i = 0; i < values.length; i++) {
    min = Math.min(min, values[i]);
    max = Math.max(max, values[i]);
  }
  const median = quantile(Array.from(values), 0.5);
  return { min, max, median, threshold: defaultThreshold(values, min, max, median) };
}

/** How many rows fall at or above the threshold and below it. */
export function splitCounts(values: ArrayLike<number>, threshold: number): { treated: number; control: number } {
  let treated = 0;
  for (let i = 0; i < values.length; i++) if (values[i] >= threshold) treated++;
  return { treated, control: values.length - treated };
}

/**
 * Null when `threshold` splits the values into two arms of at least MIN_ARM_ROWS rows, else why not (in English, for
 * the CLI and the worker; the app words its own check from the same counts).
 */
export function checkThreshold(name: string, values: ArrayLike<number>, threshold: unknown): string | null {
  if (typeof threshold !== 'number' || !Number.isFinite(threshold))
    return `the threshold for ${name} must be a number (got ${String(threshold)})`;
  const { treated, control } = splitCounts(values, threshold);
  if (treated < MIN_ARM_ROWS || control < MIN_ARM_ROWS) {
    const { min, max } = variableSummary(values);
    return (
      `${name} ≥ ${threshold} leaves ${treated} row(s) at or above and ${control} below; each side needs at least ${MIN_ARM_ROWS} ` +
      `(${name} runs from ${min} to ${max})`
    );
  }
  return null;
}

/** The 0/1 treatment column for `values ≥ threshold`, with its counts; a threshold that leaves an arm too small fails. */
export function splitTreatment(
  name: string,
  values: ArrayLike<number>,
  threshold: number,
): Result<{ column: Float64Array; split: TreatmentSplit }> {
  const problem = checkThreshold(name, values, threshold);
  if (problem) return fail(problem);
  const column = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) column[i] = values[i] >= threshold ? 1 : 0;
  return ok({ column, split: { threshold, ...splitCounts(values, threshold) } });
}

/**
 * The threshold a form starts from: the median, shortened to three significant digits so the label shows the exact
 * value used; when ties at the bottom put every row at or above it (a count that is mostly 0), the smallest value
 * above the minimum instead. Null for a constant variable, which no threshold splits.
 */
export function defaultThreshold(values: ArrayLike<number>, min: number, max: number, median: number): number | null {
  if (!(max > min)) return null;
  const short = Number(median.toPrecision(3));
  const t = short > min && short <= max ? short : median;
  if (t > min) return t;
  let next = max;
  for (let i = 0; i < values.length; i++) if (values[i] > min && values[i] < next) next = values[i];
  return next;
}
