// The (user, item) pairs an uplift model learns from: treated when the log shows the item to the user (an exposure
// event), bought when the user purchases it (after the first exposure, for a treated pair), described by features
// measured before any treatment: the recommender's score, the item's popularity and the user's activity.
import { userEvents, type EventLog } from '../../data/eventLog';
import { fail, ok, type Result } from '../../lib/result';
import { topK } from '../rank';

/** One row per pair; features are columns in the order of FEATURES (all on a scale of a few units: no rescaling needed). */
export interface UpliftPairs {
  user: Int32Array;
  item: Int32Array;
  treated: Uint8Array;
  bought: Uint8Array;
  features: Float64Array[];
}

export const FEATURES = ['score', 'item popularity', 'user activity', 'score × popularity'] as const;

/** What the log says per user and item, computed once. */
export interface LogFacts {
  exposureType: number;
  purchaseType: number;
  /** log(1 + distinct users who interacted with the item), exposures excluded. */
  itemPopularity: Float64Array;
  /** log(1 + the user's events), exposures excluded. */
  userActivity: Float64Array;
  /** Per user: item → time of its first exposure. */
  exposed: Map<number, number>[];
  /** Per user: item → time of its last purchase. */
  bought: Map<number, number>[];
}

export function logFacts(log: EventLog): Result<LogFacts> {
  const exposureType = log.eventTypes.indexOf('exposure');
  const purchaseType = log.eventTypes.indexOf('purchase');
  if (exposureType < 0) return fail('the log has no exposure events: uplift needs to see which items were shown to whom');
  if (purchaseType < 0) return fail('the log has no purchase events: uplift needs an outcome to be caused');
  const nUsers = log.users.length;
  const itemUsers = new Uint32Array(log.items.length);
  const userActivity = new Float64Array(nUsers);
  const exposed: Map<number, number>[] = [];
  const bought: Map<number, number>[] = [];
  for (let u = 0; u < nUsers; u++) {
    const seen = new Set<number>();
    const shown = new Map<number, number>();
    const buys = new Map<number, number>();
    let events = 0;
    for (const row of userEvents(log, u as never)) {
      const item = log.item[row];
      const type = log.event[row];
      if (type === exposureType) {
        if (!shown.has(item)) shown.set(item, log.time[row]);
        continue;
      }
      events++;
      if (!seen.has(item)) {
        seen.add(item);
        itemUsers[item]++;
      }
      if (type === purchaseType) buys.set(item, log.time[row]);
    }
    userActivity[u] = Math.log1p(events);
    exposed.push(shown);
    bought.push(buys);
  }
  const itemPopularity = Float64Array.from(itemUsers, (n) => Math.log1p(n));
  return ok({ exposureType, purchaseType, itemPopularity, userActivity, exposed, bought });
}

/** A user's score row scaled to mean 0, sd 1 across items, so that models with different score scales compare. */
export function standardiseRow(row: Float32Array): Float64Array {
  let s = 0;
  let s2 = 0;
  let n = 0;
  for (const v of row) {
    if (!Number.isFinite(v)) continue;
    s += v;
    s2 += v * v;
    n++;
  }
  const mean = n ? s / n : 0;
  const sd = n > 1 ? Math.sqrt(Math.max(s2 / n - mean * mean, 0)) : 0;
  return Float64Array.from(row, (v) => (Number.isFinite(v) ? (sd > 0 ? (v - mean) / sd : 0) : -10));
}

/** Feature values of one pair, in the order of FEATURES. */
export function rawFeatures(facts: LogFacts, u: number, item: number, z: number): number[] {
  const pop = facts.itemPopularity[item];
  return [z, pop, facts.userActivity[u], z * pop];
}

/** Treated (shown before any purchase of it) and bought labels of a pair. */
export function labelsOf(facts: LogFacts, u: number, item: number): { treated: number; bought: number } {
  const shownAt = facts.exposed[u].get(item);
  const boughtAt = facts.bought[u].get(item);
  if (shownAt === undefined) return { treated: 0, bought: boughtAt === undefined ? 0 : 1 };
  return { treated: 1, bought: boughtAt !== undefined && boughtAt >= shownAt ? 1 : 0 };
}

export interface PairOptions {
  /** Top-scored items per user that join the shown ones as candidate pairs. */
  candidates: number;
}

/** Builds the pair table for the users given, with `rowOf(u)` the user's standardised score row. */
export function buildPairs(
  facts: LogFacts,
  users: ArrayLike<number>,
  rowOf: (k: number) => Float64Array,
  options: PairOptions,
): UpliftPairs {
  const user: number[] = [];
  const item: number[] = [];
  const treated: number[] = [];
  const bought: number[] = [];
  const raw: number[][] = [];
  for (let k = 0; k < users.length; k++) {
    const u = users[k];
    const z = rowOf(k);
    const pool = new Set<number>(facts.exposed[u].keys());
    const scratch = Float64Array.from(z);
    for (const i of topK(scratch, options.candidates).items) pool.add(i);
    for (const i of pool) {
      const labels = labelsOf(facts, u, i);
      user.push(u);
      item.push(i);
      treated.push(labels.treated);
      bought.push(labels.bought);
      raw.push(rawFeatures(facts, u, i, z[i]));
    }
  }
  const features = FEATURES.map((_, f) => Float64Array.from(raw, (r) => r[f]));
  return {
    user: Int32Array.from(user),
    item: Int32Array.from(item),
    treated: Uint8Array.from(treated),
    bought: Uint8Array.from(bought),
    features,
  };
}
