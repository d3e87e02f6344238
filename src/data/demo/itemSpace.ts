// The structure shoppers move through: per-category popularity, "related items" neighbourhoods, complements.
// This is what gives the demo's sequences something for a sequence recommender to learn.
import type { Rng } from '../../lib/rng';
import type { DemoItem } from './catalog';
import { CATEGORIES } from './categories';
import { cumulative, pickCumulative } from '../../lib/weightedDraw';

export interface ItemSpace {
  items: readonly DemoItem[];
  /** Item indices per category index (categories in CATEGORIES order; every one holds at least one item). */
  byCategory: number[][];
  /** Cumulative popularity over byCategory[c], for draws with pickCumulative. */
  popularity: Float64Array[];
  categoryOf: Int32Array;
  /** A handful of same-category neighbours per item: the "customers also viewed" that browsing follows. */
  related: number[][];
  /** Category index a shopper tends to move to from each category. */
  complement: Int32Array;
  /** Category attention weights, cumulative. */
  categoryWeights: Float64Array;
}

/** Zipf exponent of within-category popularity: a few bestsellers, a long tail. */
const ZIPF = 0.9;
const RELATED_EACH_SIDE = 2;

export function buildItemSpace(items: readonly DemoItem[], rng: Rng): ItemSpace {
  const index = new Map(CATEGORIES.map((c, i) => [c.name, i]));
  const byCategory: number[][] = CATEGORIES.map(() => []);
  const categoryOf = new Int32Array(items.length);
  items.forEach((item, i) => {
    const c = index.get(item.category);
    if (c === undefined) throw new Error(`unknown demo category ${item.category}`);
    byCategory[c].push(i);
    categoryOf[i] = c;
  });
  if (byCategory.some((xs) => xs.length === 0)) throw new RangeError(`the demo needs at least ${CATEGORIES.length} items`);
  const popularity = byCategory.map((members) => {
    const rank = rng.shuffle(members.map((_, r) => r));
    return cumulative(rank.map((r) => 1 / Math.pow(r + 1, ZIPF)));
  });
  // Neighbours on a random ring per category: symmetric, fixed, and unrelated to popularity.
  const related: number[][] = items.map(() => []);
  for (const members of byCategory) {
    const ring = rng.shuffle([...members]);
    ring.forEach((item, p) => {
      for (let d = 1; d <= RELATED_EACH_SIDE; d++) {
        for (const q of [p - d, p + d]) {
          const other = ring[(q + ring.length) % ring.length];
          if (other !== item && !related[item].includes(other)) related[item].push(other);
        }
      }
    });
  }
  const complement = Int32Array.from(CATEGORIES, (c) => index.get(c.complement) ?? index.get(c.name)!);
  return { items, byCategory, popularity, categoryOf, related, complement, categoryWeights: cumulative(CATEGORIES.map((c) => c.weight)) };
}

/** A popularity-weighted item of category c. */
export function popularItem(space: ItemSpace, c: number, rng: Rng): number {
  return space.byCategory[c][pickCumulative(space.popularity[c], rng.next())];
}
