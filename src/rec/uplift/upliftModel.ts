// Uplift on top of a fitted recommender: learn (T-learner) what showing an item adds to the chance it is bought,
// from the log's exposures and purchases, with the recommender's score as a feature; then rank by that effect.
import type { EventLog } from '../../data/eventLog';
import { createRng } from '../../lib/rng';
import { progressTracker, throwIfAborted, type Progress } from '../../lib/progress';
import { ok, type Result } from '../../lib/result';
import { topK } from '../rank';
import type { Recommender, ScoreBatch } from '../recommender';
import { historyOf, type LeaveOneOutSplit } from '../split';
import { estimateUplift, fitTLearner, upliftUnder, type TLearnerFit, type UpliftEstimate, type UpliftSettings } from './tLearner';
import { buildPairs, logFacts, rawFeatures, standardiseRow, type LogFacts } from './upliftPairs';

const SCORE_BATCH = 64;

export interface UpliftModel {
  fit: TLearnerFit;
  facts: LogFacts;
  settings: UpliftSettings;
  /** Users the model learned from. */
  users: number;
  /** The uplift of showing each item to user u, given u's standardised score row (standardiseRow). */
  estimate(u: number, items: readonly number[], z: Float64Array): UpliftEstimate[];
}

/** Score rows of the users, `SCORE_BATCH` at a time, each standardised; `visit` sees them in order. */
export async function forEachScoreRow(
  recommender: Recommender,
  split: LeaveOneOutSplit,
  users: ArrayLike<number>,
  visit: (k: number, raw: Float32Array, z: Float64Array) => void,
  signal?: AbortSignal,
): Promise<void> {
  const numItems = split.numItems;
  for (let start = 0; start < users.length; start += SCORE_BATCH) {
    throwIfAborted(signal);
    const ids = Int32Array.from({ length: Math.min(SCORE_BATCH, users.length - start) }, (_, j) => users[start + j]);
    const batch: ScoreBatch = { users: ids, histories: Array.from(ids, (u) => historyOf(split, u, 'all')) };
    const scores = await recommender.scoreUsers(batch);
    ids.forEach((_, j) => {
      const raw = scores.subarray(j * numItems, (j + 1) * numItems);
      visit(start + j, raw, standardiseRow(raw));
    });
  }
}

export async function fitUpliftModel(
  log: EventLog,
  split: LeaveOneOutSplit,
  recommender: Recommender,
  settings: UpliftSettings,
  options: { seed: number; signal?: AbortSignal; onProgress?: (p: Progress) => void },
): Promise<Result<UpliftModel>> {
  const facts = logFacts(log);
  if (!facts.ok) return facts;
  const all = Array.from({ length: log.users.length }, (_, u) => u);
  const users =
    all.length > settings.maxUsers
      ? createRng(options.seed)
          .shuffle(all)
          .slice(0, settings.maxUsers)
          .sort((a, b) => a - b)
      : all;
  const rows: Float64Array[] = [];
  const scoring = progressTracker('Scoring users for uplift', 'users', users.length);
  await forEachScoreRow(
    recommender,
    split,
    users,
    (k, __, z) => {
      rows.push(z);
      if ((k + 1) % 256 === 0 || k + 1 === users.length) options.onProgress?.(scoring(k + 1));
    },
    options.signal,
  );
  const pairs = buildPairs(facts.data, users, (k) => rows[k], { candidates: settings.candidates });
  const fit = fitTLearner(pairs, {
    bootstrap: settings.bootstrap,
    seed: options.seed,
    signal: options.signal,
    onProgress: options.onProgress,
  });
  if (!fit.ok) return fit;
  const model = fit.data;
  return ok({
    fit: model,
    facts: facts.data,
    settings,
    users: users.length,
    estimate: (u, items, z) => items.map((i) => estimateUplift(model, rawFeatures(facts.data, u, i, z[i]))),
  });
}

/** Point uplift of every item for user u (no intervals: what ranking needs). */
export function upliftRow(model: UpliftModel, u: number, items: readonly number[], z: Float64Array): Float64Array {
  return Float64Array.from(items, (i) => upliftUnder(model.fit, rawFeatures(model.facts, u, i, z[i])));
}

/**
 * The uplift policy's list for one user: the recommender's top `candidates` (seen items excluded) re-ranked by
 * estimated uplift, best first, ties to the better-scored item.
 */
export function upliftTopK(model: UpliftModel, u: number, raw: Float32Array, z: Float64Array, k: number, exclude: ArrayLike<number>) {
  const pool = Array.from(topK(Float32Array.from(raw), model.settings.candidates, exclude).items);
  const tau = upliftRow(model, u, pool, z);
  const order = pool.map((_, j) => j).sort((a, b) => tau[b] - tau[a] || a - b);
  return { items: order.slice(0, k).map((j) => pool[j]), uplift: order.slice(0, k).map((j) => tau[j]) };
}
