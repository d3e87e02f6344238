// Explicit ratings as (user, item, rating) triples: what rating models fit and what debiased learning weights.
import { fail, ok, type Result } from '../lib/result';
import type { EventLog } from '../data/eventLog';

/** One entry per rated user–item pair (the pair's last rating in log order), in the log's user and item indices. */
export interface RatingData {
  readonly numUsers: number;
  readonly numItems: number;
  readonly user: Int32Array;
  readonly item: Int32Array;
  readonly rating: Float32Array;
}

/**
 * The rated pairs of a log: events with a finite value, the last one per pair (a re-rating replaces the earlier
 * rating). `keep(u, i)` restricts it, e.g. to the training part of a split. Refused when nothing is rated.
 */
export function ratingsOf(log: EventLog, keep?: (u: number, i: number) => boolean): Result<RatingData> {
  const latest = new Map<number, number>();
  const key = (u: number, i: number) => u * log.items.length + i;
  for (let r = 0; r < log.length; r++) {
    const v = log.value[r];
    if (!Number.isFinite(v)) continue;
    const u = log.user[r];
    const i = log.item[r];
    if (keep && !keep(u, i)) continue;
    latest.set(key(u, i), r);
  }
  if (latest.size === 0)
    return fail('the log has no ratings (no numeric value column): rating models and unbiased rating metrics need one');
  return ok(
    pack(
      log.users.length,
      log.items.length,
      [...latest.values()].sort((a, b) => a - b),
      (r) => [log.user[r], log.item[r], log.value[r]],
    ),
  );
}

/** Triples from plain arrays (tests, simulations), checked for index range and finite ratings. */
export function ratingData(numUsers: number, numItems: number, triples: readonly (readonly [number, number, number])[]): RatingData {
  for (const [u, i, r] of triples) {
    if (!(u >= 0 && u < numUsers && i >= 0 && i < numItems && Number.isInteger(u) && Number.isInteger(i)) || !Number.isFinite(r))
      throw new Error(`rating (${u}, ${i}, ${r}) is outside ${numUsers} users × ${numItems} items or not finite`);
  }
  return pack(numUsers, numItems, triples, (t) => t);
}

function pack<T>(numUsers: number, numItems: number, rows: readonly T[], get: (row: T) => readonly [number, number, number]): RatingData {
  const user = new Int32Array(rows.length);
  const item = new Int32Array(rows.length);
  const rating = new Float32Array(rows.length);
  rows.forEach((row, k) => {
    [user[k], item[k], rating[k]] = get(row);
  });
  return { numUsers, numItems, user, item, rating };
}

/** Ratings per user (CSR offsets into a user-sorted order) — for per-user metrics and row solves. */
export function byUser(d: RatingData): { offsets: Uint32Array; order: Uint32Array } {
  return groupBy(d.user, d.numUsers);
}

export function byItem(d: RatingData): { offsets: Uint32Array; order: Uint32Array } {
  return groupBy(d.item, d.numItems);
}

function groupBy(keys: Int32Array, n: number): { offsets: Uint32Array; order: Uint32Array } {
  const offsets = new Uint32Array(n + 1);
  for (const k of keys) offsets[k + 1]++;
  for (let k = 0; k < n; k++) offsets[k + 1] += offsets[k];
  const fill = offsets.slice(0, n);
  const order = new Uint32Array(keys.length);
  for (let r = 0; r < keys.length; r++) order[fill[keys[r]]++] = r;
  return { offsets, order };
}

/** Observed counts per user and per item (the popularity × activity propensity model reads these). */
export function counts(d: RatingData): { perUser: Float64Array; perItem: Float64Array } {
  const perUser = new Float64Array(d.numUsers);
  const perItem = new Float64Array(d.numItems);
  for (let r = 0; r < d.user.length; r++) {
    perUser[d.user[r]]++;
    perItem[d.item[r]]++;
  }
  return { perUser, perItem };
}
