// One simulated shopper's tastes and browsing moves: category preferences and the next-item rule.
import type { Rng } from '../../lib/rng';
import { popularItem, type ItemSpace } from './itemSpace';
import { cumulative, pickCumulative } from '../../lib/weightedDraw';

/** Shares of attention for the favourite, second and third category; the rest is spread evenly. */
export const PREFERENCE_SHARES = [0.55, 0.25, 0.12];

/** Probabilities of the next view's source, in order: a related item, same category, the complement category. */
const NEXT_RELATED = 0.35;
const NEXT_SAME_CATEGORY = 0.3;
const NEXT_COMPLEMENT = 0.15;

export interface Shopper {
  /** Cumulative preference over category indices. */
  preference: Float64Array;
  /** Share of attention per category index (sums to 1): the taste side of the purchase choice (itemChoice.ts). */
  shares: Float64Array;
  /** Favourite categories, most preferred first. */
  favourites: number[];
}

export function makeShopper(space: ItemSpace, rng: Rng): Shopper {
  const nCat = space.byCategory.length;
  const favourites: number[] = [];
  const weights = Array.from(space.categoryWeights, (c, i) => c - (i ? space.categoryWeights[i - 1] : 0));
  while (favourites.length < Math.min(PREFERENCE_SHARES.length, nCat)) {
    const c = pickCumulative(cumulative(weights), rng.next());
    favourites.push(c);
    weights[c] = 0;
  }
  const rest = 1 - PREFERENCE_SHARES.slice(0, favourites.length).reduce((a, b) => a + b, 0);
  const share = new Array<number>(nCat).fill(rest / nCat);
  favourites.forEach((c, k) => (share[c] += PREFERENCE_SHARES[k]));
  return { preference: cumulative(share), shares: Float64Array.from(share), favourites };
}

/** An item from a category drawn by the shopper's preferences, popular items first. */
export function preferredItem(space: ItemSpace, shopper: Shopper, rng: Rng): number {
  return popularItem(space, pickCumulative(shopper.preference, rng.next()), rng);
}

/** The next item viewed after `prev`: often a neighbour or the same category, sometimes its complement. */
export function nextItem(space: ItemSpace, shopper: Shopper, prev: number, rng: Rng): number {
  const r = rng.next();
  const c = space.categoryOf[prev];
  let next: number;
  if (r < NEXT_RELATED && space.related[prev].length) next = space.related[prev][rng.int(space.related[prev].length)];
  else if (r < NEXT_RELATED + NEXT_SAME_CATEGORY) next = popularItem(space, c, rng);
  else if (r < NEXT_RELATED + NEXT_SAME_CATEGORY + NEXT_COMPLEMENT) next = popularItem(space, space.complement[c], rng);
  else next = preferredItem(space, shopper, rng);
  // Re-viewing the page just seen is noise, not a transition worth learning.
  return next === prev && space.related[prev].length ? space.related[prev][0] : next;
}

/**
 * Share of slate slots the simulated recommender fills with a uniformly drawn item of the category instead of a popular
 * one: exploration, without which the log would hardly ever show a long-tail item and its effect could not be learned.
 */
const SLATE_EXPLORE = 0.3;

/** A slate of distinct recommended items: what the (simulated) recommender shows, mostly popular in the favourites. */
export function recommendationSlate(space: ItemSpace, shopper: Shopper, size: number, rng: Rng): number[] {
  const slate: number[] = [];
  for (let tries = 0; slate.length < size && tries < size * 10; tries++) {
    const c = shopper.favourites[tries % shopper.favourites.length];
    const members = space.byCategory[c];
    const item = rng.next() < SLATE_EXPLORE ? members[rng.int(members.length)] : popularItem(space, c, rng);
    if (!slate.includes(item)) slate.push(item);
  }
  return slate;
}
