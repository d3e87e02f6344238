// Plain-language behavior descriptions from the log ("viewed X twice, added Y to cart, then bought Z") and the
// labelled examples a text classifier is fine-tuned on: the description of a user's history up to predictionTask's
// cut, and what happened after it.
import { fail, ok, type Result } from '../lib/result';
import type { EventLog, ItemCatalog } from './eventLog';
import { itemLabels } from './eventLog';
import { normaliseEventType } from './eventTypes';
import { predictionTask, type PredictionTarget, type PredictionTask } from './predictionTask';

export interface DescribedEvent {
  /** Event type as in the log (normalised names: view, click, cart, purchase …). */
  type: string;
  title: string;
  category?: string | null;
}

export type Naming = 'title' | 'category' | 'both';

export interface DescribeOptions {
  /** Describe at most the newest this many events (raw events, before repeats are merged). Default 12. */
  maxEvents?: number;
  naming?: Naming;
  /**
   * Whether a description fits (e.g. in a model's token budget): older events are added only while it still does
   * (the newest event is always described).
   */
  fits?: (text: string) => boolean;
}

const VERB: Record<string, (x: string) => string> = {
  view: (x) => `viewed ${x}`,
  click: (x) => `clicked ${x}`,
  fav: (x) => `saved ${x}`,
  cart: (x) => `added ${x} to cart`,
  purchase: (x) => `bought ${x}`,
  rating: (x) => `rated ${x}`,
  exposure: (x) => `was shown ${x}`,
};

const TIMES = ['', '', 'twice', 'three times', 'four times', 'five times'];
const timesWord = (n: number) => TIMES[n] ?? `${n} times`;

function phrase(e: DescribedEvent, naming: Naming, repeats: number): string {
  const cat = e.category?.trim();
  const name = naming === 'category' ? cat || e.title : naming === 'both' && cat ? `${e.title} (${cat})` : e.title;
  const verb = VERB[normaliseEventType(e.type)] ?? ((x: string) => `${e.type} ${x}`);
  return repeats > 1 ? `${verb(name)} ${timesWord(repeats)}` : verb(name);
}

/** One sentence over events in time order; consecutive repeats of the same action on the same item are merged. */
export function describeEvents(events: readonly DescribedEvent[], naming: Naming = 'title'): string {
  const parts: string[] = [];
  for (let k = 0; k < events.length;) {
    let j = k + 1;
    while (j < events.length && events[j].type === events[k].type && events[j].title === events[k].title) j++;
    parts.push(phrase(events[k], naming, j - k));
    k = j;
  }
  if (parts.length === 0) return '';
  const body = parts.length === 1 ? parts[0] : `${parts.slice(0, -1).join(', ')}, then ${parts[parts.length - 1]}`;
  return `${body}.`;
}

/** The newest events that fit, described; returns the text and how many (newest) events it covers. */
export function describeNewest(events: readonly DescribedEvent[], options: DescribeOptions = {}): { text: string; described: number } {
  const max = Math.min(events.length, options.maxEvents ?? 12);
  const at = (n: number) => describeEvents(events.slice(events.length - n), options.naming);
  if (!options.fits) return { text: at(max), described: max };
  // Grow from the newest event backwards (an older event never shortens the text), so a tight budget costs few checks.
  let n = Math.min(1, max);
  let text = at(n);
  while (n < max) {
    const next = at(n + 1);
    if (!options.fits(next)) break;
    n++;
    text = next;
  }
  return { text, described: n };
}

/**
 * What a behavior classifier predicts, on predictionTask's examples (one seeded cut per user, the label looking only
 * forward from it, so a history's length does not give the label away):
 * - `purchase`: will the user buy within the horizon after the described events (predictionTask's `buy`);
 * - `next-event`: the type of the event right after them;
 * - `interest`: the category of the next purchase within the horizon (else of the next event).
 */
export type BehaviorOutcome = 'purchase' | 'next-event' | 'interest';
export const BEHAVIOR_OUTCOMES: readonly BehaviorOutcome[] = ['purchase', 'next-event', 'interest'];

/** The prediction target behind an outcome (records before #21 stored 'purchase' for will buy). */
export const outcomeTarget = (o: BehaviorOutcome): PredictionTarget => (o === 'purchase' ? 'buy' : o);

export interface BehaviorExampleOptions extends DescribeOptions {
  outcome: BehaviorOutcome;
  /** Events after the cut that `purchase` and `interest` look at (default 10). */
  horizonEvents?: number;
  /** Seeds each user's cut. */
  seed: number;
  /** Event types left out of descriptions and outcomes (default: exposure — what was shown, not what the user did). */
  ignoreTypes?: readonly string[];
}

export interface BehaviorExamples {
  /** The task the descriptions were made from (every example, described or not). */
  task: PredictionTask;
  /** Indices into task.examples of the described examples, in the order of `texts`. */
  indices: number[];
  /** Log user index of each described example. */
  users: Int32Array;
  texts: string[];
  labels: number[];
  labelNames: string[];
  /** Events described per example (the newest that fit). */
  described: number[];
}

/** Described events of a history: its rows (time order) with titles and categories. */
export function describedRows(
  log: EventLog,
  labels: { titles: string[]; categories: (string | null)[] },
  rows: ArrayLike<number>,
): DescribedEvent[] {
  return Array.from(rows, (row) => {
    const item = log.item[row];
    return { type: log.eventTypes[log.event[row]], title: labels.titles[item], category: labels.categories[item] };
  });
}

/** The prediction task of an outcome on this log (labels, cuts), with its reasons when the log cannot supply it. */
export function behaviorTask(log: EventLog, catalog: ItemCatalog | null, options: BehaviorExampleOptions): Result<PredictionTask> {
  return predictionTask(log, catalog, {
    target: outcomeTarget(options.outcome),
    horizon: { events: options.horizonEvents ?? 10 },
    ignoreTypes: options.ignoreTypes,
    seed: options.seed,
  });
}

/** Describe the examples `which` (indices into task.examples; default all) of a task: their histories' newest events. */
export function describeTaskExamples(
  log: EventLog,
  catalog: ItemCatalog | null,
  task: PredictionTask,
  options: DescribeOptions,
  which?: readonly number[],
): BehaviorExamples {
  const names = itemLabels(log, catalog);
  const indices = which ? [...which] : task.examples.map((_, i) => i);
  const texts: string[] = [];
  const described: number[] = [];
  for (const i of indices) {
    const d = describeNewest(describedRows(log, names, task.examples[i].rows), options);
    texts.push(d.text);
    described.push(d.described);
  }
  return {
    task,
    indices,
    users: Int32Array.from(indices, (i) => task.examples[i].user),
    texts,
    labels: indices.map((i) => task.examples[i].label),
    labelNames: task.labelNames,
    described,
  };
}

/** One labelled description per user with an example (users in `only`, or all). */
export function behaviorExamples(
  log: EventLog,
  catalog: ItemCatalog | null,
  options: BehaviorExampleOptions,
  only?: ArrayLike<number>,
): Result<BehaviorExamples> {
  const task = behaviorTask(log, catalog, options);
  if (!task.ok) return task;
  const wanted = only ? new Set(Array.from(only)) : null;
  const which = task.data.examples.flatMap((ex, i) => (!wanted || wanted.has(ex.user) ? [i] : []));
  if (which.length === 0) return fail('no user has events to describe under this outcome');
  return ok(describeTaskExamples(log, catalog, task.data, options, which));
}
