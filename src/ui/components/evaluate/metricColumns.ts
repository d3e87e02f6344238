// Which metrics the Evaluate table shows by default and how many decimals each gets (pure: no React).

/**
 * Decimals per metric: AvgPop is a mean count of training users (one decimal tells items apart), Novelty is in bits
 * (two), Precision@K is at most 1/K (four, or small values all read 0.00x), the other rates and shares three.
 */
export function metricDigits(key: string): number {
  const name = key.split('@')[0];
  if (name === 'AvgPop') return 1;
  if (name === 'Novelty') return 2;
  if (name === 'Precision') return 4;
  return 3;
}

/** The five metrics that fit beside the model name at 1280 px: accuracy (HR, NDCG, MRR) and beyond (Coverage, AvgPop) at the first K. */
export function defaultMetricKeys(keys: readonly string[], k: number): string[] {
  const wanted = [`HR@${k}`, `NDCG@${k}`, 'MRR', `Coverage@${k}`, `AvgPop@${k}`];
  return keys.filter((key) => wanted.includes(key));
}
