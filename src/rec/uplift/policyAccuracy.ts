// What ranking by uplift costs in accuracy: the leave-one-out HR@K and NDCG@K of the score policy's list and of the
// uplift policy's list (the same candidates re-ranked by estimated uplift), per user on the same users, so that the
// difference gets a paired bootstrap interval. Each user's history is the training part (stage 'test'), as evaluate's.
import { bootstrapInterval, meanOver, pairedMeanDifference } from '../../lib/bootstrap';
import { progressTracker, throwIfAborted, yieldToEvents, type Progress } from '../../lib/progress';
import { hitRate, ndcg } from '../metrics';
import { topK } from '../rank';
import { evaluatedUsers, excludedItems, heldOutItem, historyEventsOf, historyOf, type LeaveOneOutSplit } from '../split';
import type { Recommender } from '../recommender';
import { standardiseRow } from './upliftPairs';
import { upliftTopK, type UpliftModel } from './upliftModel';
import type { Policy } from './policies';

const BATCH = 64;

export interface PolicyAccuracy {
  users: number;
  k: number;
  /** Per policy: "HR@K" and "NDCG@K", mean over users, with percentile bootstrap intervals. */
  policies: Record<Policy, { metrics: Record<string, number>; ci95: Record<string, [number, number]> }>;
  /** Uplift policy − score policy on the same users, paired bootstrap interval. */
  paired: Record<string, { difference: number; ci95: [number, number] }>;
}

/** 1-based rank of the held-out item in a list, Infinity when the list does not hold it. */
export function rankInList(list: readonly number[], target: number): number {
  const at = list.indexOf(target);
  return at < 0 ? Infinity : at + 1;
}

/** Means, intervals and the paired difference of per-user HR/NDCG values of the two policies. */
export function summariseAccuracy(
  ranks: Record<Policy, Float64Array>,
  k: number,
  options: { seed: number; samples?: number },
): PolicyAccuracy {
  const samples = options.samples ?? 1000;
  const n = ranks.score.length;
  const all = Uint32Array.from({ length: n }, (_, t) => t);
  const metric = { [`HR@${k}`]: (r: number) => hitRate(r, k), [`NDCG@${k}`]: (r: number) => ndcg(r, k) };
  const values = (policy: Policy, name: string) => Float64Array.from(ranks[policy], metric[name]);
  const policies = {} as PolicyAccuracy['policies'];
  for (const policy of ['score', 'uplift'] as const) {
    const fig: PolicyAccuracy['policies'][Policy] = { metrics: {}, ci95: {} };
    for (const name of Object.keys(metric)) {
      const v = values(policy, name);
      fig.metrics[name] = meanOver(v, all);
      fig.ci95[name] = bootstrapInterval(n, options.seed, samples, (r) => meanOver(v, r));
    }
    policies[policy] = fig;
  }
  const paired: PolicyAccuracy['paired'] = {};
  for (const name of Object.keys(metric)) {
    const a = values('uplift', name);
    const b = values('score', name);
    paired[name] = pairedMeanDifference(a, b, options.seed, samples);
  }
  return { users: n, k, policies, paired };
}

export async function policyAccuracy(
  model: UpliftModel,
  recommender: Recommender,
  split: LeaveOneOutSplit,
  options: { k: number; seed: number; samples?: number; signal?: AbortSignal; onProgress?: (p: Progress) => void },
): Promise<PolicyAccuracy> {
  const users = evaluatedUsers(split);
  const n = split.numItems;
  const ranks = { score: new Float64Array(users.length), uplift: new Float64Array(users.length) };
  const track = progressTracker('Accuracy of the policies', 'users', users.length);
  for (let start = 0; start < users.length; start += BATCH) {
    await yieldToEvents();
    throwIfAborted(options.signal);
    const batch = users.subarray(start, Math.min(users.length, start + BATCH));
    const histories = Array.from(batch, (u) => historyOf(split, u, 'test'));
    const events = split.events ? Array.from(batch, (u) => historyEventsOf(split, u, 'test')!) : undefined;
    const scores = await recommender.scoreUsers({ users: batch, histories, ...(events ? { events } : {}) });
    batch.forEach((u, j) => {
      const raw = scores.slice(j * n, (j + 1) * n);
      const exclude = excludedItems(split, u, 'test');
      const target = heldOutItem(split, u, 'test');
      const byScore = Array.from(topK(raw, options.k, exclude).items);
      const byUplift = upliftTopK(model, u, raw, standardiseRow(raw), options.k, exclude).items;
      ranks.score[start + j] = rankInList(byScore, target);
      ranks.uplift[start + j] = rankInList(byUplift, target);
    });
    options.onProgress?.(track(start + batch.length));
  }
  return summariseAccuracy(ranks, options.k, { seed: options.seed, samples: options.samples });
}
