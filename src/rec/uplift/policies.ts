// The score policy (the recommender's top-K) against the uplift policy (its candidates re-ranked by estimated
// uplift): per user, the estimated uplift of each list and, where a simulator's potential outcomes are known, its TRUE
// incremental purchases; means over users with bootstrap intervals and the paired difference and ratio.
import type { EventLog } from '../../data/eventLog';
import { bootstrapInterval, meanOver } from '../../lib/bootstrap';
import { progressTracker, type Progress } from '../../lib/progress';
import { topK } from '../rank';
import type { Recommender } from '../recommender';
import { excludedItems, type LeaveOneOutSplit } from '../split';
import { forEachScoreRow, upliftRow, upliftTopK, type UpliftModel } from './upliftModel';

export const POLICIES = ['score', 'uplift'] as const;
export type Policy = (typeof POLICIES)[number];

/** True incremental purchases of showing these item ids to this user id, or null when the truth does not know them. */
export type UpliftTruthFn = (user: string, items: readonly string[]) => number | null;

export interface PolicyFigures {
  /** "estimatedUplift@K" and, with a truth, "trueUplift@K" for each K: mean per user. */
  metrics: Record<string, number>;
  ci95: Record<string, [number, number]>;
}

export interface PolicyComparison {
  users: number;
  k: number[];
  policies: Record<Policy, PolicyFigures>;
  /** Per metric: uplift policy − score policy on the same users, and their ratio, with paired bootstrap intervals. */
  paired: Record<string, { difference: number; ci95: [number, number]; ratio: number; ratioCi95: [number, number] }>;
  /** Users the truth did not know (left out of the true figures). */
  usersWithoutTruth: number;
}

export async function comparePolicies(
  model: UpliftModel,
  recommender: Recommender,
  split: LeaveOneOutSplit,
  log: EventLog,
  options: {
    k: readonly number[];
    truth?: UpliftTruthFn | null;
    seed: number;
    samples?: number;
    signal?: AbortSignal;
    onProgress?: (p: Progress) => void;
  },
): Promise<PolicyComparison> {
  const ks = [...new Set(options.k)].sort((a, b) => a - b);
  const kMax = ks[ks.length - 1];
  const users = Array.from({ length: log.users.length }, (_, u) => u);
  const perUser: Record<string, Float64Array> = {};
  const names = (policy: Policy) =>
    ks.flatMap((k) => [`${policy}:estimatedUplift@${k}`, ...(options.truth ? [`${policy}:trueUplift@${k}`] : [])]);
  for (const policy of POLICIES) for (const name of names(policy)) perUser[name] = new Float64Array(users.length);
  const known = new Uint8Array(users.length).fill(1);
  const track = progressTracker('Scoring the policies', 'users', users.length);
  await forEachScoreRow(
    recommender,
    split,
    users,
    (k, raw, z) => {
      const u = users[k];
      const exclude = excludedItems(split, u, 'all');
      const byScore = Array.from(topK(Float32Array.from(raw), kMax, exclude).items);
      const lists: Record<Policy, { items: number[]; uplift: ArrayLike<number> }> = {
        score: { items: byScore, uplift: upliftRow(model, u, byScore, z) },
        uplift: upliftTopK(model, u, raw, z, kMax, exclude),
      };
      for (const policy of POLICIES) {
        const { items, uplift } = lists[policy];
        for (const K of ks) {
          let est = 0;
          for (let j = 0; j < Math.min(K, items.length); j++) est += uplift[j];
          perUser[`${policy}:estimatedUplift@${K}`][k] = est;
          if (!options.truth) continue;
          const truth = options.truth(
            log.users[u],
            items.slice(0, K).map((i) => log.items[i]),
          );
          if (truth === null) known[k] = 0;
          perUser[`${policy}:trueUplift@${K}`][k] = truth ?? 0;
        }
      }
      if ((k + 1) % 256 === 0 || k + 1 === users.length) options.onProgress?.(track(k + 1));
    },
    options.signal,
  );
  return summarise(perUser, known, ks, !!options.truth, options.seed, options.samples ?? 1000);
}

function summarise(
  perUser: Record<string, Float64Array>,
  known: Uint8Array,
  ks: number[],
  withTruth: boolean,
  seed: number,
  samples: number,
): PolicyComparison {
  // Only users the truth knows, so that true and estimated figures describe the same people.
  const rows = Uint32Array.from(Array.from(known.keys()).filter((k) => known[k]));
  const at = (name: string) => {
    const all = perUser[name];
    return Float64Array.from(rows, (k) => all[k]);
  };
  const metricNames = ks.flatMap((k) => [`estimatedUplift@${k}`, ...(withTruth ? [`trueUplift@${k}`] : [])]);
  const policies = {} as Record<Policy, PolicyFigures>;
  for (const policy of POLICIES) {
    const figures: PolicyFigures = { metrics: {}, ci95: {} };
    for (const m of metricNames) {
      const v = at(`${policy}:${m}`);
      figures.metrics[m] = meanOver(v, Uint32Array.from(v.keys()));
      figures.ci95[m] = bootstrapInterval(v.length, seed, samples, (r) => meanOver(v, r));
    }
    policies[policy] = figures;
  }
  const paired: PolicyComparison['paired'] = {};
  for (const m of metricNames) {
    const a = at(`uplift:${m}`);
    const b = at(`score:${m}`);
    const all = Uint32Array.from(a.keys());
    const diff = (r: ArrayLike<number>) => meanOver(a, r) - meanOver(b, r);
    const ratio = (r: ArrayLike<number>) => meanOver(a, r) / meanOver(b, r);
    paired[m] = {
      difference: diff(all),
      ci95: bootstrapInterval(a.length, seed, samples, diff),
      ratio: ratio(all),
      ratioCi95: bootstrapInterval(a.length, seed, samples, ratio),
    };
  }
  return { users: rows.length, k: ks, policies, paired, usersWithoutTruth: known.length - rows.length };
}
