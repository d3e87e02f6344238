// Evaluation protocols (full ranking, 100 sampled negatives uniform or by popularity) over a leave-one-out split.
import { asUserIdxs, type ItemIdx, type UserIdx } from '../lib/ids';
import { createRng } from '../lib/rng';
import { progressTracker, throwIfAborted, yieldToEvents, type Progress } from '../lib/progress';
import {
  bootstrapCi,
  coverage,
  cooccurrenceSimilarity,
  gini,
  hitRate,
  intraListDiversity,
  mean,
  ndcg,
  precision,
  recall,
  reciprocalRank,
  type ItemSimilarity,
} from './metrics';
import { rankOf, topK } from './rank';
import { NegativeSampler } from './sampling';
import { transpose, userItemMatrix, itemPopularity } from './sparse';
import {
  evaluatedUsers,
  excludedItems,
  heldOutItem,
  historyEventsOf,
  historyOf,
  trainData,
  type LeaveOneOutSplit,
  type Stage,
} from './split';
import type { Recommender, TrainData } from './recommender';
import { caseCounts, emptySliceReason, fewestOf, SLICES, slicePositions, trainingCounts, type Slice } from './coldStart';

export const PROTOCOLS = ['full', 'uni100', 'pop100'] as const;
export type Protocol = (typeof PROTOCOLS)[number];
const NEGATIVES = 100;

/** An evaluation the app asks for: a trained model (by id) under a protocol, with cut-offs and a seed. */
export interface EvaluateRequest {
  modelId: string;
  protocol: Protocol;
  k: number[];
  seed: number;
}

export interface EvaluateOptions {
  protocol: Protocol;
  /** Cut-offs; metrics are reported for each (default [10]). */
  k?: number | number[];
  stage?: Stage;
  /** Seeds negative sampling and the bootstrap. */
  seed?: number;
  /** Users scored per scoreUsers call (default: as many as fit ~8M floats, at most 256). */
  batchSize?: number;
  bootstrapSamples?: number;
  /** Item similarity for intra-list diversity; default: cosine of the items' training-user columns. */
  itemSimilarity?: ItemSimilarity;
  /** Training data if already built (else derived from the split). */
  train?: TrainData;
  perUser?: boolean;
  /** Only these users' test cases (e.g. a seeded sample of a large log); users without a held-out item are ignored. */
  users?: ArrayLike<number>;
  /** Only the test cases of this cold-start slice (rec/coldStart): users or held-out items with ≤ 5 training interactions. */
  slice?: Slice;
  /** Also summarise each cold-start slice of the evaluated cases (counts, metrics, CIs) in `slices`. */
  slices?: boolean;
  onProgress?: (p: Progress) => void;
  signal?: AbortSignal;
}

export interface EvaluationResult {
  model: string;
  protocol: Protocol;
  /** True for uni100/pop100: ranks are among the positive and 100 sampled negatives, not the catalog. */
  sampled: boolean;
  stage: Stage;
  users: number;
  items: number;
  k: number[];
  /** "HR@10", "NDCG@10", "MRR", "Precision@10", "Recall@10", "Coverage@10", "Novelty@10", "ILD@10", "AvgPop@10", "Gini@10". */
  metrics: Record<string, number>;
  /** Percentile bootstrap over users for per-user metrics ([lo, hi]). */
  ci95: Record<string, [number, number]>;
  /** Beyond-accuracy metrics always use the full-catalog top-K (what a user would be shown), in every protocol. */
  notes: string[];
  perUser?: { users: UserIdx[]; items: ItemIdx[]; ranks: number[] };
  /** The cold-start slice the whole evaluation was restricted to. */
  slice?: Slice;
  /** Each cold-start slice of the evaluated cases, from the same ranks (options.slices). */
  slices?: Partial<Record<Slice, SliceSummary>>;
}

/** One cold-start slice of an evaluation: how many test cases, whose, and the per-case metrics with their CIs. */
export interface SliceSummary {
  users: number;
  /** The fewest training interactions (of the user, or of the held-out item) among all evaluated cases: why a slice is empty. */
  fewest: number;
  /** The users whose test case is in the slice (to pair two models' cases on it). */
  members: UserIdx[];
  /** Empty when the slice has no test case. */
  metrics: Record<string, number>;
  ci95: Record<string, [number, number]>;
}

/**
 * Why a split cannot be evaluated, or null. Without this, a log where nobody has a held-out item gave all-zero
 * metrics with null intervals, which read like a model that never hits.
 */
export function unevaluable(split: LeaveOneOutSplit): string | null {
  if (split.numItems < 2) return `the log has ${split.numItems === 1 ? 'only one distinct item' : 'no items'}: there is nothing to rank`;
  if (evaluatedUsers(split).length > 0) return null;
  let longest = 0;
  for (let u = 0; u < split.numUsers; u++) longest = Math.max(longest, split.sequences.offsets[u + 1] - split.sequences.offsets[u]);
  const targets = split.options.targetEvents ? ` (${split.options.targetEvents.join(', ')} events for the last two)` : '';
  return (
    `no user has 3 or more interactions: leave-one-out needs, per user, at least one earlier item, a validation item and a test item${targets}, ` +
    `and repeats of an item the user already had do not count; of the ${split.numUsers} users here, the longest has ${longest} ${longest === 1 ? 'item' : 'items'}`
  );
}

export async function evaluate(model: Recommender, split: LeaveOneOutSplit, options: EvaluateOptions): Promise<EvaluationResult> {
  const { protocol, stage = 'test', seed = 0, bootstrapSamples = 1000 } = options;
  const problem = unevaluable(split);
  if (problem) throw new Error(problem);
  const ks = [...new Set(Array.isArray(options.k) ? options.k : [options.k ?? 10])].sort((a, b) => a - b);
  if (!ks.length || ks.some((k) => !Number.isInteger(k) || k < 1)) throw new Error(`k must be positive integers, got ${ks}`);
  const maxK = ks[ks.length - 1];
  const n = split.numItems;
  const train = options.train ?? trainData(split);
  const popularity = itemPopularity(train);
  const sim = options.itemSimilarity ?? cooccurrenceSimilarity(transpose(userItemMatrix(train), n));
  const sampler = protocol === 'full' ? null : new NegativeSampler(protocol === 'uni100' ? 'uniform' : 'popularity', n, popularity);
  const rng = createRng(seed);
  const counts = options.slice || options.slices ? trainingCounts(train) : null;
  let users = options.users ? Int32Array.from(options.users).filter((u) => split.testPos[u] >= 0) : evaluatedUsers(split);
  if (options.slice) {
    const all = users;
    users = Int32Array.from(slicePositions(options.slice, split, all, stage, counts!), (p) => all[p]);
    if (users.length === 0) throw new Error(emptySliceReason(options.slice, split, all, stage, counts!));
  }
  const batchSize = options.batchSize ?? Math.max(1, Math.min(256, Math.floor(8_000_000 / Math.max(n, 1))));
  const ranks = new Float64Array(users.length);
  const lists: Int32Array[] = new Array(users.length);
  const track = progressTracker(`Evaluating ${model.name} (${protocol})`, 'users', users.length);
  let buffer: Float32Array | undefined;

  for (let start = 0; start < users.length; start += batchSize) {
    await yieldToEvents();
    throwIfAborted(options.signal);
    const batchUsers = users.subarray(start, Math.min(users.length, start + batchSize));
    const histories = Array.from(batchUsers, (u) => historyOf(split, u, stage));
    const events = split.events ? Array.from(batchUsers, (u) => historyEventsOf(split, u, stage)!) : undefined;
    const scores = await model.scoreUsers({ users: batchUsers, histories, ...(events ? { events } : {}) }, buffer);
    buffer = scores;
    batchUsers.forEach((u, r) => {
      const target = heldOutItem(split, u, stage);
      const exclude = excludedItems(split, u, stage);
      const off = r * n;
      lists[start + r] = topK(scores, maxK, exclude, off, n).items;
      if (sampler) {
        const forbidden = Int32Array.from([...historyOf(split, u, stage), target]);
        const negatives = sampler.sample(forbidden, NEGATIVES, rng);
        ranks[start + r] = rankOf(scores, target, negatives, off, n);
      } else {
        // Masked history scores -Infinity, so rankOf counts it neither above nor tied with the target.
        const saved = Float64Array.from(exclude, (i) => scores[off + i]);
        for (const i of exclude) scores[off + i] = -Infinity;
        ranks[start + r] = rankOf(scores, target, null, off, n);
        exclude.forEach((i, e) => (scores[off + i] = saved[e]));
      }
    });
    options.onProgress?.(track(start + batchUsers.length));
  }
  const inputs = { popularity, sim, seed, bootstrapSamples, perUser: options.perUser ?? false };
  const result = summarise(model.name, protocol, stage, split, users, ranks, lists, ks, inputs);
  if (options.slice) result.slice = options.slice;
  if (options.slices) {
    result.slices = {};
    for (const slice of SLICES) {
      const at = slicePositions(slice, split, users, stage, counts!);
      const members = asUserIdxs(at.map((p) => users[p]));
      const fewest = fewestOf(caseCounts(slice, split, users, stage, counts!));
      if (at.length === 0) {
        result.slices[slice] = { users: 0, fewest, members, metrics: {}, ci95: {} };
        continue;
      }
      const part = summarise(
        model.name,
        protocol,
        stage,
        split,
        Int32Array.from(members),
        Float64Array.from(at, (p) => ranks[p]),
        at.map((p) => lists[p]),
        ks,
        { ...inputs, perUser: false },
      );
      result.slices[slice] = { users: at.length, fewest, members, metrics: part.metrics, ci95: part.ci95 };
    }
  }
  return result;
}

interface SummaryInputs {
  popularity: Float64Array;
  sim: ItemSimilarity;
  seed: number;
  bootstrapSamples: number;
  perUser: boolean;
}

function summarise(
  name: string,
  protocol: Protocol,
  stage: Stage,
  split: LeaveOneOutSplit,
  users: Int32Array,
  ranks: Float64Array,
  lists: Int32Array[],
  ks: number[],
  s: SummaryInputs,
): EvaluationResult {
  const metrics: Record<string, number> = {};
  const ci95: Record<string, [number, number]> = {};
  let ciSeed = s.seed;
  const perUserMetric = (key: string, values: Float64Array) => {
    metrics[key] = mean(values);
    const ci = bootstrapCi(values, ++ciSeed, s.bootstrapSamples);
    ci95[key] = [ci.lo, ci.hi];
  };
  const numUsers = split.numUsers;
  for (const k of ks) {
    perUserMetric(
      `HR@${k}`,
      ranks.map((r) => hitRate(r, k)),
    );
    perUserMetric(
      `NDCG@${k}`,
      ranks.map((r) => ndcg(r, k)),
    );
    perUserMetric(
      `Precision@${k}`,
      ranks.map((r) => precision(r, k)),
    );
    perUserMetric(
      `Recall@${k}`,
      ranks.map((r) => recall(r, k)),
    );
  }
  perUserMetric(
    'MRR',
    ranks.map((r) => reciprocalRank(r)),
  );
  for (const k of ks) {
    const cut = lists.map((l) => l.subarray(0, k));
    metrics[`Coverage@${k}`] = coverage(cut, split.numItems);
    perUserMetric(
      `Novelty@${k}`,
      Float64Array.from(cut, (l) => mean(Array.from(l, (i) => -Math.log2(Math.max(s.popularity[i], 1) / numUsers)))),
    );
    perUserMetric(
      `ILD@${k}`,
      Float64Array.from(cut, (l) => intraListDiversity(l, s.sim)),
    );
    perUserMetric(
      `AvgPop@${k}`,
      Float64Array.from(cut, (l) => mean(Array.from(l, (i) => s.popularity[i]))),
    );
    metrics[`Gini@${k}`] = gini(cut, split.numItems);
  }
  const notes = ['beyond-accuracy metrics (Coverage, Novelty, ILD, AvgPop, Gini) use the full-catalog top-K excluding history'];
  if (protocol !== 'full')
    notes.unshift(
      `sampled protocol: the positive is ranked among ${NEGATIVES} negatives drawn ${protocol === 'uni100' ? 'uniformly' : 'by popularity'} from items the user never interacted with; not comparable with full ranking`,
    );
  return {
    model: name,
    protocol,
    sampled: protocol !== 'full',
    stage,
    users: users.length,
    items: split.numItems,
    k: ks,
    metrics,
    ci95,
    notes,
    ...(s.perUser
      ? { perUser: { users: asUserIdxs(users), items: Array.from(users, (u) => heldOutItem(split, u, stage)), ranks: Array.from(ranks) } }
      : {}),
  };
}
