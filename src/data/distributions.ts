// The three distributions an analyst checks first on a log: its values (ratings), how many events each user has
// (history length) and how interactions spread over items (the popularity long tail). Pure and O(events).
import { quantile } from '../lib/stats';
import type { EventLog } from './eventLog';

/** One histogram bin: values (or counts) in [lo, hi], both inclusive, and how many fall in it. */
export interface Bin {
  lo: number;
  hi: number;
  count: number;
}

export interface LogDistributions {
  /** Events per value: one bin per distinct value when there are few (ratings), else equal-width bins; null without values. */
  values: Bin[] | null;
  /** Events that carry a value. */
  valued: number;
  /** Users per history length (events per user), in powers-of-two bins: 1, 2–3, 4–7, … */
  historyLengths: Bin[];
  historyMedian: number;
  /** Items ranked by interactions (rank 1 = most), at every rank up to 200 and log-spaced beyond, ending at the last. */
  popularity: { rank: number; count: number }[];
  /** Share of all interactions that the top `headShare` of items (at least one item) account for. */
  head: { items: number; share: number; headShare: number };
  /** Items with exactly one interaction. */
  singletons: number;
}

/** Distinct values up to which each gets its own bin (ratings 1–5, 0.5-step stars); beyond, equal-width bins. */
const MAX_DISTINCT = 12;
const VALUE_BINS = 10;

export function distributions(log: EventLog, headShare = 0.2): LogDistributions {
  const perUser = new Array<number>(log.users.length).fill(0);
  const perItem = new Array<number>(log.items.length).fill(0);
  const values: number[] = [];
  for (let i = 0; i < log.length; i++) {
    perUser[log.user[i]]++;
    perItem[log.item[i]]++;
    const v = log.value[i];
    if (Number.isFinite(v)) values.push(v);
  }
  const counts = perItem.filter((c) => c > 0).sort((a, b) => b - a);
  const total = counts.reduce((a, b) => a + b, 0);
  const headItems = Math.max(1, Math.round(headShare * counts.length));
  const headSum = counts.slice(0, headItems).reduce((a, b) => a + b, 0);
  const lengths = perUser.filter((c) => c > 0).sort((a, b) => a - b);
  return {
    values: values.length ? valueBins(values) : null,
    valued: values.length,
    historyLengths: powerOfTwoBins(lengths),
    historyMedian: lengths.length ? quantile(lengths, 0.5) : 0,
    popularity: rankPoints(counts),
    head: { items: counts.length ? headItems : 0, share: total ? headSum / total : 0, headShare },
    singletons: counts.filter((c) => c === 1).length,
  };
}

/** One bin per distinct value when there are at most MAX_DISTINCT, else VALUE_BINS equal-width bins over the range. */
export function valueBins(values: readonly number[]): Bin[] {
  const distinct = [...new Set(values)].sort((a, b) => a - b);
  if (distinct.length <= MAX_DISTINCT) {
    const index = new Map(distinct.map((v, i) => [v, i]));
    const bins = distinct.map((v) => ({ lo: v, hi: v, count: 0 }));
    for (const v of values) bins[index.get(v)!].count++;
    return bins;
  }
  const lo = distinct[0];
  const width = (distinct[distinct.length - 1] - lo) / VALUE_BINS;
  const bins = Array.from({ length: VALUE_BINS }, (_, b) => ({ lo: lo + b * width, hi: lo + (b + 1) * width, count: 0 }));
  for (const v of values) bins[Math.min(VALUE_BINS - 1, Math.floor((v - lo) / width))].count++;
  return bins;
}

/** Sorted positive integers into bins [2^k, 2^(k+1) − 1] from the smallest bin holding one to the largest. */
export function powerOfTwoBins(sorted: readonly number[]): Bin[] {
  if (!sorted.length) return [];
  const kOf = (n: number) => Math.floor(Math.log2(n));
  const first = kOf(sorted[0]);
  const bins: Bin[] = [];
  for (let k = first; k <= kOf(sorted[sorted.length - 1]); k++) bins.push({ lo: 2 ** k, hi: 2 ** (k + 1) - 1, count: 0 });
  for (const n of sorted) bins[kOf(n) - first].count++;
  return bins;
}

/** Every rank up to 200, then about 40 log-spaced ranks per decade, and always the last: enough for a log–log line. */
function rankPoints(desc: readonly number[]): { rank: number; count: number }[] {
  const points: { rank: number; count: number }[] = [];
  let rank = 1;
  while (rank <= desc.length) {
    points.push({ rank, count: desc[rank - 1] });
    rank = rank < 200 ? rank + 1 : Math.max(rank + 1, Math.round(rank * 10 ** (1 / 40)));
  }
  if (desc.length && points[points.length - 1].rank !== desc.length) points.push({ rank: desc.length, count: desc[desc.length - 1] });
  return points;
}

/** Events that carry a value (a rating, a price): a pass over one column, for places that need only this count. */
export function countValued(log: EventLog): number {
  let n = 0;
  for (let i = 0; i < log.length; i++) if (Number.isFinite(log.value[i])) n++;
  return n;
}
