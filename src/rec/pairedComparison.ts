// Paired comparison of models on the same evaluated users: the difference of a per-user metric against a reference
// model, with the 95% interval of resampling the users jointly (both models' values of a drawn user travel together,
// so the spread between users cancels and only their disagreement remains).
import { pairedMeanDifference } from '../lib/bootstrap';
import { hitRate, ndcg, precision, recall, reciprocalRank } from './metrics';
import type { EvaluationResult } from './evaluate';

type PerUser = NonNullable<EvaluationResult['perUser']>;

/** Per-user value of a rank metric; null for metrics whose per-user values an evaluation does not keep. */
function rankMetric(metric: string): ((rank: number) => number) | null {
  if (metric === 'MRR') return reciprocalRank;
  const m = /^(HR|NDCG|Precision|Recall)@(\d+)$/.exec(metric);
  if (!m) return null;
  const k = Number(m[2]);
  const f = { HR: hitRate, NDCG: ndcg, Precision: precision, Recall: recall }[m[1] as 'HR' | 'NDCG' | 'Precision' | 'Recall'];
  return (rank) => f(rank, k);
}

/** Metrics of a result that can be compared paired: those computed from each user's rank of the held-out item. */
export function pairableMetrics(result: EvaluationResult): string[] {
  return result.perUser ? Object.keys(result.metrics).filter((k) => rankMetric(k) !== null) : [];
}

export interface PairedDifference {
  /** Mean over shared users of (model − reference). */
  difference: number;
  ci95: [number, number];
  /** Users evaluated by both (the pairs). */
  users: number;
  /** 'none' when the interval covers 0 (no difference shown); else the sign the whole interval has. */
  verdict: 'higher' | 'lower' | 'none';
}

/**
 * model − reference on `metric` over the users both evaluations ranked for the same held-out item, or null when
 * the metric has no per-user values or no user is shared. Users are joined by index, never by position.
 */
export function pairedDifference(
  model: PerUser,
  reference: PerUser,
  metric: string,
  seed: number,
  samples = 1000,
): PairedDifference | null {
  const f = rankMetric(metric);
  if (!f) return null;
  const refAt = new Map<number, number>();
  reference.users.forEach((u, i) => refAt.set(u, i));
  const a: number[] = [];
  const b: number[] = [];
  model.users.forEach((u, i) => {
    const j = refAt.get(u);
    if (j === undefined || reference.items[j] !== model.items[i]) return;
    a.push(f(model.ranks[i]));
    b.push(f(reference.ranks[j]));
  });
  if (!a.length) return null;
  const { difference, ci95 } = pairedMeanDifference(a, b, seed, samples);
  const verdict = ci95[0] > 0 ? 'higher' : ci95[1] < 0 ? 'lower' : 'none';
  return { difference, ci95, users: a.length, verdict };
}
