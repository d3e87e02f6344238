// Which metrics the Evaluate table shows by default and how many decimals each gets (pure: no React).
import { decimalsFor } from '../../i18n/digits';

/**
 * Decimals per metric: AvgPop is a mean count of training users (one decimal tells items apart), Novelty is in bits
 * (two), Precision@K is at most 1/K (four, or small values all read 0.00x), the other rates and shares three. Given the
 * figure itself, a small one gets more, to keep two significant digits (decimalsFor: a sparse log's NDCG@10 of 0.00034
 * is not "0.000"); its CI is printed with the same decimals.
 */
export function metricDigits(key: string, value?: number): number {
  const name = key.split('@')[0];
  const base = name === 'AvgPop' ? 1 : name === 'Novelty' ? 2 : name === 'Precision' ? 4 : 3;
  return value === undefined ? base : decimalsFor(value, base);
}

/** The five metrics that fit beside the model name at 1280 px: accuracy (HR, NDCG, MRR) and beyond (Coverage, AvgPop) at the first K. */
export function defaultMetricKeys(keys: readonly string[], k: number): string[] {
  const wanted = [`HR@${k}`, `NDCG@${k}`, 'MRR', `Coverage@${k}`, `AvgPop@${k}`];
  return keys.filter((key) => wanted.includes(key));
}
