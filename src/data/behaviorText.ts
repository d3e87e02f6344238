// Plain-language behavior descriptions from the log ("viewed X twice, added Y to cart, then bought Z") and the
// labelled examples a text classifier is fine-tuned on: the description of a user's events up to a cutoff, and
// what happened next.
import { fail, ok, type Result } from '../lib/result';
import type { EventLog, ItemCatalog } from './eventLog';
import { itemLabels, userEvents } from './eventLog';
import { normaliseEventType } from './eventTypes';
import { asUserIdx } from '../lib/ids';

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
 * - `purchase`: will the user buy after the described events? Buyers are described up to their first purchase
 *   (label 1); others over all their events (label 0). Users whose first event is a purchase are skipped.
 * - `next-event`: the type of the user's last event, from the events before it (one class per event type seen).
 */
export type BehaviorOutcome = 'purchase' | 'next-event';

export interface BehaviorExampleOptions extends DescribeOptions {
  outcome: BehaviorOutcome;
  /** Event types left out of descriptions and outcomes (default: exposure — what was shown, not what the user did). */
  ignoreTypes?: readonly string[];
}

export interface BehaviorExamples {
  /** Log user index of each example. */
  users: Int32Array;
  texts: string[];
  labels: number[];
  labelNames: string[];
  /** Events described per example (the newest that fit). */
  described: number[];
  /** Users with nothing to describe under this outcome. */
  skipped: number;
}

export const OUTCOME_LABELS: Record<'purchase', string[]> = { purchase: ['will not buy', 'will buy'] };

/** Described events of one user: their events in time order, minus ignored types, with titles and categories. */
export function userDescribedEvents(
  log: EventLog,
  labels: { titles: string[]; categories: (string | null)[] },
  user: number,
  ignore: ReadonlySet<string>,
): DescribedEvent[] {
  const out: DescribedEvent[] = [];
  for (const row of userEvents(log, asUserIdx(user))) {
    const type = log.eventTypes[log.event[row]];
    if (ignore.has(normaliseEventType(type))) continue;
    const item = log.item[row];
    out.push({ type, title: labels.titles[item], category: labels.categories[item] });
  }
  return out;
}

/** Where a user's example is cut and its label, or null when the user gives no example under the outcome. */
export function cutExample(
  events: readonly DescribedEvent[],
  outcome: BehaviorOutcome,
  classes: readonly string[],
): { cut: number; label: number } | null {
  if (outcome === 'purchase') {
    const first = events.findIndex((e) => normaliseEventType(e.type) === 'purchase');
    if (first === 0 || events.length === 0) return null;
    return first > 0 ? { cut: first, label: 1 } : { cut: events.length, label: 0 };
  }
  if (events.length < 2) return null;
  return { cut: events.length - 1, label: classes.indexOf(normaliseEventType(events[events.length - 1].type)) };
}

/** One labelled description per user (users in `only`, or all). */
export function behaviorExamples(
  log: EventLog,
  catalog: ItemCatalog | null,
  options: BehaviorExampleOptions,
  only?: ArrayLike<number>,
): Result<BehaviorExamples> {
  const ignore = new Set((options.ignoreTypes ?? ['exposure']).map(normaliseEventType));
  const types = log.eventTypes.map(normaliseEventType).filter((t) => !ignore.has(t));
  let labelNames: string[];
  if (options.outcome === 'purchase') {
    if (!types.includes('purchase'))
      return fail('the log has no purchase events, so "will buy" cannot be learned; choose "next event type"');
    labelNames = OUTCOME_LABELS.purchase;
  } else {
    labelNames = [...new Set(types)];
    if (labelNames.length < 2)
      return fail(`the log has one event type (${labelNames[0] ?? 'none'}), so there is no next event type to predict`);
  }
  const names = itemLabels(log, catalog);
  const users: number[] = [];
  const texts: string[] = [];
  const labels: number[] = [];
  const described: number[] = [];
  let skipped = 0;
  const list = only ? Array.from(only) : Array.from({ length: log.users.length }, (_, u) => u);
  for (const u of list) {
    const events = userDescribedEvents(log, names, u, ignore);
    const ex = cutExample(events, options.outcome, labelNames);
    if (!ex) {
      skipped++;
      continue;
    }
    const d = describeNewest(events.slice(0, ex.cut), options);
    users.push(u);
    texts.push(d.text);
    labels.push(ex.label);
    described.push(d.described);
  }
  if (texts.length === 0) return fail('no user has events to describe under this outcome');
  return ok({ users: Int32Array.from(users), texts, labels, labelNames, described, skipped });
}
