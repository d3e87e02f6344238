// Turns one user's SCM values into a time-ordered event stream whose aggregates equal those values exactly.
import type { RawEvent } from '../eventLogBuilder';
import type { Rng } from '../../lib/rng';
import type { UserValues } from './causalModel';
import type { ItemSpace } from './itemSpace';
import { drawAddOns, type ItemAttributes } from './checkoutAddOns';
import { nextItem, preferredItem, recommendationSlate, type Shopper } from './shopper';

const DAY = 86_400;
export const DEMO_DAYS = 30;
/** Idle time that always separates two sessions of one user, so sessions never interleave in time. */
const SESSION_GAP = 1_800;
const SLATE_SIZE = 3;
/** Chance that a session of an exposed user shows a slate (at least one session always does). */
const SLATE_PER_SESSION = 0.5;
/** Chance that the first view after a slate is a slate item (the recommendation was followed). */
const FOLLOW_SLATE = 0.5;

/**
 * Layout: `sessions` sessions at sorted random times over DEMO_DAYS; every session gets one view and the remaining
 * views are spread at random; exposures are slates at session starts; clicks are a random subset of views (click
 * right after the view), carts a random subset of clicked views, and a purchaser buys the last carted item at the end
 * of that session. The SCM guarantees views ≥ sessions, clicks ≤ views, carts ≤ clicks and purchased ⇒ carts ≥ 1.
 * A checkout also buys add-ons (checkoutAddOns.ts): items the slates shown so far recommended, and a few by taste.
 */
export function userStream(
  user: number,
  v: UserValues,
  space: ItemSpace,
  start: number,
  rng: Rng,
  shopper: Shopper,
  addOns: { items: ItemAttributes; persuadability: number },
): RawEvent[] {
  const userId = `u${user + 1}`;
  const viewsPer = new Array<number>(v.sessions).fill(1);
  for (let k = v.sessions; k < v.views; k++) viewsPer[rng.int(v.sessions)]++;
  const slateIn = new Array<boolean>(v.sessions).fill(false);
  if (v.exposed) {
    for (let s = 0; s < v.sessions; s++) slateIn[s] = rng.next() < SLATE_PER_SESSION;
    if (!slateIn.includes(true)) slateIn[rng.int(v.sessions)] = true;
  }
  const clicked = pickSubset(v.views, v.clicks, rng);
  const carted = pickSubset(v.clicks, v.carts, rng).map((k) => clicked[k]);
  const clickedSet = new Set(clicked);
  const cartedSet = new Set(carted);
  const lastCart = carted.length ? Math.max(...carted) : -1;

  const starts = Array.from({ length: v.sessions }, () => start + Math.floor(rng.next() * (DEMO_DAYS * DAY - 4 * 3600))).sort(
    (a, b) => a - b,
  );
  const events: RawEvent[] = [];
  let t = -Infinity;
  let view = 0;
  const shown = new Set<number>();
  for (let s = 0; s < v.sessions; s++) {
    const session = `${userId}-s${s + 1}`;
    t = Math.max(starts[s], t + SESSION_GAP);
    const emit = (item: number, event: string) =>
      events.push({ user: userId, item: space.items[item].id, event, time: t, value: NaN, session });
    const slate = slateIn[s] ? recommendationSlate(space, shopper, SLATE_SIZE, rng) : [];
    for (const item of slate) shown.add(item);
    for (const item of slate) {
      emit(item, 'exposure');
      t += 1;
    }
    let bought = -1;
    let prev = -1;
    for (let k = 0; k < viewsPer[s]; k++, view++) {
      let item: number;
      if (k === 0 && slate.length && rng.next() < FOLLOW_SLATE) item = slate[rng.int(slate.length)];
      else if (k === 0) item = preferredItem(space, shopper, rng);
      else item = nextItem(space, shopper, prev, rng);
      prev = item;
      t += 5 + rng.int(90);
      emit(item, 'view');
      if (clickedSet.has(view)) {
        t += 2 + rng.int(20);
        emit(item, 'click');
      }
      if (cartedSet.has(view)) {
        t += 3 + rng.int(40);
        emit(item, 'cart');
      }
      if (v.purchased && view === lastCart) bought = item;
    }
    // The purchase closes the session that holds the last cart (checkout comes after browsing).
    if (bought >= 0) {
      t += 30 + rng.int(240);
      emit(bought, 'purchase');
      for (const item of drawAddOns(shopper, addOns.persuadability, addOns.items, shown, rng, space)) {
        t += 5 + rng.int(20);
        emit(item, 'purchase');
      }
    }
  }
  return events;
}

/** `k` distinct indices from [0, n), in increasing order. */
function pickSubset(n: number, k: number, rng: Rng): number[] {
  const all = Array.from({ length: n }, (_, i) => i);
  return rng
    .shuffle(all)
    .slice(0, k)
    .sort((a, b) => a - b);
}
