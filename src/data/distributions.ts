// The three distributions an analyst checks first on a log: its values (ratings), how many events each user has
// (history length) and how interactions spread over items (the popularity long tail). Pure and O(events).
import { catalogRows, type EventLog, type ItemCatalog } from './eventLog';
import { testableUsers } from './testableUsers';

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
  // Typed arrays and typed sorts: this runs on the page thread when a log is shown, and a 2M-event log must not hold
  // it for long (number[] pushes and a Set of every distinct value took ~150 ms there).
  const perUser = new Int32Array(log.users.length);
  const perItem = new Int32Array(log.items.length);
  const values = new Float64Array(log.length);
  let valued = 0;
  for (let i = 0; i < log.length; i++) {
    perUser[log.user[i]]++;
    perItem[log.item[i]]++;
    const v = log.value[i];
    if (Number.isFinite(v)) values[valued++] = v;
  }
  const counts = perItem
    .filter((c) => c > 0)
    .sort()
    .reverse();
  let total = 0;
  for (const c of counts) total += c;
  const headItems = Math.max(1, Math.round(headShare * counts.length));
  let headSum = 0;
  for (let k = 0; k < Math.min(headItems, counts.length); k++) headSum += counts[k];
  const lengths = perUser.filter((c) => c > 0).sort();
  let singletons = 0;
  for (const c of counts) if (c === 1) singletons++;
  return {
    values: valued ? valueBins(values.subarray(0, valued)) : null,
    valued,
    historyLengths: powerOfTwoBins(lengths),
    historyMedian: lengths.length ? medianOfSorted(lengths) : 0,
    popularity: rankPoints(counts),
    head: { items: counts.length ? headItems : 0, share: total ? headSum / total : 0, headShare },
    singletons,
  };
}

/** The median of ascending values, interpolated between the middle two (quantile(xs, 0.5) of lib/stats). */
function medianOfSorted(sorted: ArrayLike<number>): number {
  const h = (sorted.length - 1) / 2;
  const lo = Math.floor(h);
  return sorted[lo] + (h - lo) * (sorted[Math.min(sorted.length - 1, lo + 1)] - sorted[lo]);
}

/** One bin per distinct value when there are at most MAX_DISTINCT, else VALUE_BINS equal-width bins over the range. */
export function valueBins(values: ArrayLike<number>): Bin[] {
  // One pass: the range, and the distinct values only while there are few enough to bin one by one.
  let lo = Infinity;
  let hi = -Infinity;
  let few: Set<number> | null = new Set<number>();
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v < lo) lo = v;
    if (v > hi) hi = v;
    if (few && !few.has(v)) {
      few.add(v);
      if (few.size > MAX_DISTINCT) few = null;
    }
  }
  if (few) {
    const distinct = [...few].sort((a, b) => a - b);
    const index = new Map(distinct.map((v, i) => [v, i]));
    const bins = distinct.map((v) => ({ lo: v, hi: v, count: 0 }));
    for (let i = 0; i < values.length; i++) bins[index.get(values[i])!].count++;
    return bins;
  }
  const width = (hi - lo) / VALUE_BINS;
  const bins = Array.from({ length: VALUE_BINS }, (_, b) => ({ lo: lo + b * width, hi: lo + (b + 1) * width, count: 0 }));
  for (let i = 0; i < values.length; i++) bins[Math.min(VALUE_BINS - 1, Math.floor((values[i] - lo) / width))].count++;
  return bins;
}

/** Sorted positive integers into bins [2^k, 2^(k+1) − 1] from the smallest bin holding one to the largest. */
export function powerOfTwoBins(sorted: ArrayLike<number>): Bin[] {
  if (!sorted.length) return [];
  const kOf = (n: number) => Math.floor(Math.log2(n));
  const first = kOf(sorted[0]);
  const bins: Bin[] = [];
  for (let k = first; k <= kOf(sorted[sorted.length - 1]); k++) bins.push({ lo: 2 ** k, hi: 2 ** (k + 1) - 1, count: 0 });
  for (let i = 0; i < sorted.length; i++) bins[kOf(sorted[i]) - first].count++;
  return bins;
}

/** Every rank up to 200, then about 40 log-spaced ranks per decade, and always the last: enough for a log–log line. */
function rankPoints(desc: ArrayLike<number>): { rank: number; count: number }[] {
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

/**
 * What the Data view and the data guide show of a log beyond its summary. A worker that builds a dataset computes
 * these beside it and sends them along: computed on the page thread when a 2M-event log arrives, they made one long
 * task of the commit (with React's render) and held the page past 50 ms. Of one log only: whatever replaces a
 * dataset's log must drop them.
 */
export interface LogFigures {
  distributions: LogDistributions;
  /** Log items whose catalog row has a title. */
  titled: number;
  /** Users the default leave-one-out split tests (see testableUsers); absent in figures saved before it was counted. */
  testableUsers?: number;
}

export function logFigures(log: EventLog, catalog: ItemCatalog | null): LogFigures {
  return { distributions: distributions(log), titled: titledItems(log, catalog), testableUsers: testableUsers(log) };
}

/** Log items that the catalog gives a title. */
export function titledItems(log: EventLog, catalog: ItemCatalog | null): number {
  if (!catalog) return 0;
  let titled = 0;
  catalogRows(log, catalog).forEach((r) => (titled += r >= 0 && catalog.title[r] ? 1 : 0));
  return titled;
}
