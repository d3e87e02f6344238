// What a behavior predictor learns from a log: for each user, a cut in their time-ordered events — the history the
// predictor sees — and what happened after it. Every encoder (the text BERT over descriptions, the sequence
// classifier, the logistic baseline) reads the same examples, so their metrics compare like with like.
//
// Why a seeded cut inside each history rather than "up to the first purchase": cutting buyers at their purchase and
// non-buyers at their end makes history length alone give the label away. Here every user is cut the same way, and
// the label looks only forward from the cut.
import { fail, ok, type Result } from '../lib/result';
import { createRng } from '../lib/rng';
import { checkValue, type Range } from '../lib/ranges';
import { asUserIdx } from '../lib/ids';
import type { EventLog, ItemCatalog } from './eventLog';
import { catalogRows, userEvents } from './eventLog';
import { normaliseEventType } from './eventTypes';

export type PredictionTarget = 'buy' | 'next-event' | 'interest';
export const PREDICTION_TARGETS: readonly PredictionTarget[] = ['buy', 'next-event', 'interest'];

export interface PredictionTaskOptions {
  target: PredictionTarget;
  /**
   * How far `buy` and `interest` look past the cut: the next `events` events, or (logs with time) the next `days`
   * days. Default: 10 events.
   */
  horizon?: { events: number } | { days: number };
  /** Events a history must hold before its cut (default 1). */
  minHistory?: number;
  /** `interest`: the commonest categories kept as classes, the rest pooled as "other" (default 10). */
  maxClasses?: number;
  /** Event types left out of histories and outcomes (default: exposure — what was shown, not what the user did). */
  ignoreTypes?: readonly string[];
  seed: number;
}

export const PREDICTION_RANGES = {
  horizonEvents: { min: 1, max: 10_000, integer: true },
  horizonDays: { min: 0, max: 3650, minOpen: true },
  minHistory: { min: 1, max: 10_000, integer: true },
  maxClasses: { min: 2, max: 100, integer: true },
} as const satisfies Record<string, Range>;

export interface PredictionExample {
  /** Log user index. */
  user: number;
  /** The history: the user's event rows before the cut, in time order (ignored types left out). */
  rows: Uint32Array;
  label: number;
}

export interface PredictionTask {
  target: PredictionTarget;
  labelNames: string[];
  examples: PredictionExample[];
  /** Users without an example, by reason (too short a history, no purchase ahead for `interest` …). */
  skipped: Record<string, number>;
}

export const OTHER_CATEGORY = 'other';
const DEFAULT_HORIZON = { events: 10 } as const;

/** Range-checks the options before anything is built. */
export function checkPredictionOptions(o: PredictionTaskOptions, log: EventLog): Result<true> {
  if (!PREDICTION_TARGETS.includes(o.target))
    return fail(`target must be one of ${PREDICTION_TARGETS.join(', ')} (got ${String(o.target)})`);
  const h = o.horizon ?? DEFAULT_HORIZON;
  const problems = [
    'events' in h ? checkValue('horizon events', h.events, PREDICTION_RANGES.horizonEvents) : null,
    'days' in h ? checkValue('horizon days', h.days, PREDICTION_RANGES.horizonDays) : null,
    'days' in h && !log.hasTime ? 'a horizon in days needs a log with a time column; use a horizon in events' : null,
    o.minHistory === undefined ? null : checkValue('minHistory', o.minHistory, PREDICTION_RANGES.minHistory),
    o.maxClasses === undefined ? null : checkValue('maxClasses', o.maxClasses, PREDICTION_RANGES.maxClasses),
  ].filter((p): p is string => p !== null);
  return problems.length ? fail(problems.join('; ')) : ok(true);
}

/** A user's event rows in time order, ignored types left out. */
export function userRows(log: EventLog, user: number, ignore: ReadonlySet<string>): Uint32Array {
  const all = userEvents(log, asUserIdx(user));
  if (ignore.size === 0) return all;
  const ignoredType = log.eventTypes.map((t) => ignore.has(normaliseEventType(t)));
  return all.filter((r) => !ignoredType[log.event[r]]);
}

/** Build the examples: one per user with a long enough history, cut at a seeded position. */
export function predictionTask(log: EventLog, catalog: ItemCatalog | null, options: PredictionTaskOptions): Result<PredictionTask> {
  const checked = checkPredictionOptions(options, log);
  if (!checked.ok) return checked;
  const ignore = new Set((options.ignoreTypes ?? ['exposure']).map(normaliseEventType));
  const typeName = log.eventTypes.map(normaliseEventType);
  const purchaseType = typeName.map((t) => t === 'purchase');
  const kept = [...new Set(typeName.filter((t) => !ignore.has(t)))];
  const horizon = options.horizon ?? DEFAULT_HORIZON;
  const minHistory = options.minHistory ?? 1;

  let labelNames: string[];
  let categoryOf: ((item: number) => number) | null = null;
  if (options.target === 'buy') {
    if (!purchaseType.some(Boolean)) {
      // Suggest only what this log can answer: next event needs two event types, interest a catalog's categories.
      const instead = [kept.length >= 2 ? '"next event"' : '', catalog ? '"interest"' : ''].filter(Boolean).join(' or ');
      return fail(`the log has no purchase events, so "will buy" cannot be learned${instead ? `; choose ${instead}` : ''}`);
    }
    labelNames = ['will not buy', 'will buy'];
  } else if (options.target === 'next-event') {
    if (kept.length < 2) return fail(`the log has one event type (${kept[0] ?? 'none'}), so there is no next event type to predict`);
    labelNames = kept;
  } else {
    const classes = interestClasses(log, catalog, options.maxClasses ?? 10, (e) => ignore.has(typeName[log.event[e]]));
    if (!classes.ok) return classes;
    labelNames = classes.data.labelNames;
    categoryOf = classes.data.classOf;
  }

  const rng = createRng(options.seed);
  const examples: PredictionExample[] = [];
  const skipped: Record<string, number> = {};
  const skip = (why: string) => void (skipped[why] = (skipped[why] ?? 0) + 1);
  for (let u = 0; u < log.users.length; u++) {
    const rows = userRows(log, u, ignore);
    // A cut leaves at least minHistory events before it and one after it.
    if (rows.length < minHistory + 1) {
      skip(`fewer than ${minHistory + 1} events`);
      continue;
    }
    const cut = minHistory + rng.int(rows.length - minHistory);
    const ahead = lookAhead(log, rows, cut, horizon);
    let label: number;
    if (options.target === 'buy') label = ahead.some((r) => purchaseType[log.event[r]]) ? 1 : 0;
    else if (options.target === 'next-event') label = kept.indexOf(typeName[log.event[rows[cut]]]);
    else {
      const purchase = ahead.find((r) => purchaseType[log.event[r]]);
      const next = purchase ?? ahead[0];
      label = next === undefined ? -1 : categoryOf!(log.item[next]);
      if (label < 0) {
        skip('no category ahead');
        continue;
      }
    }
    examples.push({ user: u, rows: rows.slice(0, cut), label });
  }
  if (examples.length === 0) return fail('no user has a history long enough to cut');
  return ok({ target: options.target, labelNames, examples, skipped });
}

/** The events the label looks at: the next N after the cut, or those within D days of the last history event. */
function lookAhead(log: EventLog, rows: Uint32Array, cut: number, horizon: { events: number } | { days: number }): Uint32Array {
  if ('events' in horizon) return rows.subarray(cut, cut + horizon.events);
  const until = log.time[rows[cut - 1]] + horizon.days * 86_400;
  let end = cut;
  while (end < rows.length && log.time[rows[end]] <= until) end++;
  return rows.subarray(cut, end);
}

/**
 * Interest classes: the catalog categories of the log's items, the commonest `max - 1` by events (ignored types left out) kept and the rest
 * pooled as "other" (only when something is pooled). Items without a category have no class (-1).
 */
function interestClasses(
  log: EventLog,
  catalog: ItemCatalog | null,
  max: number,
  ignored: (event: number) => boolean,
): Result<{ labelNames: string[]; classOf: (item: number) => number }> {
  if (!catalog) return fail('"interest" predicts the category of what comes next, and needs an item catalog with categories');
  const rows = catalogRows(log, catalog);
  const itemCategory = Array.from(rows, (r) => (r >= 0 ? catalog.category[r].trim() : ''));
  const counts = new Map<string, number>();
  for (let e = 0; e < log.length; e++) {
    if (ignored(e)) continue;
    const c = itemCategory[log.item[e]];
    if (c) counts.set(c, (counts.get(c) ?? 0) + 1);
  }
  if (counts.size < 2) return fail(`the catalog has ${counts.size} category among the log's items; "interest" needs at least 2`);
  const byCount = [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([c]) => c);
  const named = byCount.length <= max ? byCount : byCount.slice(0, max - 1);
  const labelNames = byCount.length <= max ? named : [...named, OTHER_CATEGORY];
  const index = new Map(named.map((c, i) => [c, i]));
  const classOf = (item: number) => {
    const c = itemCategory[item];
    return c ? (index.get(c) ?? labelNames.length - 1) : -1;
  };
  return ok({ labelNames, classOf });
}

/** Seeded split of example indices by user: `testFraction` of the examples (at least one) for testing. */
export function splitExamples(n: number, seed: number, testFraction = 0.2): { train: number[]; test: number[] } {
  const order = createRng(seed ^ 0x5eed).shuffle(Array.from({ length: n }, (_, i) => i));
  const testCount = Math.min(n - 1, Math.max(1, Math.round(n * testFraction)));
  return { test: order.slice(0, testCount).sort((a, b) => a - b), train: order.slice(testCount).sort((a, b) => a - b) };
}
