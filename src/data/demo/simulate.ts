// Entry point of the built-in demo: catalog + per-user SCM values + consistent event streams + ground truth.
import type { RawEvent } from '../eventLogBuilder';
import { createRng } from '../../lib/rng';
import { fail, ok, type Result } from '../../lib/result';
import { buildCatalog, type DemoItem } from './catalog';
import { CATEGORIES } from './categories';
import { sampleExogenous, solve, type UserValues } from './causalModel';
import { itemAttributes } from './checkoutAddOns';
import { buildItemSpace } from './itemSpace';
import { makeShopper } from './shopper';
import { computeTruth, type DemoTruth } from './truth';
import { upliftTruth } from './upliftTruth';
import { userStream } from './userStream';

/** 2026-01-01T00:00:00Z in unix seconds: the demo's 30 days start here. */
export const DEMO_START = Date.UTC(2026, 0, 1) / 1000;

export interface DemoOptions {
  seed?: number;
  users?: number;
  items?: number;
}

export interface DemoData {
  /** Grouped by user, time-ordered within each user. */
  events: RawEvent[];
  items: DemoItem[];
  truth: DemoTruth;
  /** The SCM's sampled values, one per user (user k is "u{k+1}"); the event stream reproduces them exactly. */
  perUser: UserValues[];
}

export const MAX_DEMO_USERS = 1_000_000;
export const MAX_DEMO_ITEMS = 100_000;

export function validateDemoOptions({ seed = 42, users = 3000, items = 300 }: DemoOptions): Result<Required<DemoOptions>> {
  if (!Number.isInteger(seed)) return fail(`seed must be an integer, got ${seed}`);
  if (!Number.isInteger(users) || users < 1 || users > MAX_DEMO_USERS)
    return fail(`users must be an integer in 1..${MAX_DEMO_USERS}, got ${users}`);
  if (!Number.isInteger(items) || items < CATEGORIES.length || items > MAX_DEMO_ITEMS) {
    return fail(`items must be an integer in ${CATEGORIES.length}..${MAX_DEMO_ITEMS} (one per category at least), got ${items}`);
  }
  return ok({ seed, users, items });
}

export function simulateDemo(options: DemoOptions = {}): DemoData {
  const valid = validateDemoOptions(options);
  if (!valid.ok) throw new RangeError(valid.reason);
  const { seed, users, items: itemCount } = valid.data;
  const root = createRng(seed);
  // Separate streams, so that e.g. a change in how events are laid out never changes the causal values or truth.
  const catalogRng = root.fork();
  const scmRng = root.fork();
  const behaviorRng = root.fork();
  const persuasionRng = root.fork();
  const items = buildCatalog(catalogRng, itemCount);
  const space = buildItemSpace(items, catalogRng);
  const noise = Array.from({ length: users }, () => sampleExogenous(scmRng));
  const perUser = noise.map((u) => solve(u));
  const attributes = itemAttributes(space);
  const persuadability = Float64Array.from(noise, () => 2 * persuasionRng.next());
  const events: RawEvent[] = [];
  const shoppers = perUser.map((v, u) => {
    const shopper = makeShopper(space, behaviorRng);
    const addOns = { items: attributes, persuadability: persuadability[u] };
    for (const e of userStream(u, v, space, DEMO_START, behaviorRng, shopper, addOns)) events.push(e);
    return shopper;
  });
  const uplift = upliftTruth(items, attributes, noise, shoppers, persuadability);
  return { events, items, truth: { ...computeTruth(noise, perUser), uplift }, perUser };
}
