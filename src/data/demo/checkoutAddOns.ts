// What a purchasing demo user adds to the basket at checkout, and how recommending an item changes that: the
// item-level effects of exposure, with equations the uplift ground truth (upliftTruth.ts) evaluates exactly.
/*
 * The planted SCM (causalModel.ts) decides WHETHER user u checks out: purchased_u(e) under do(exposed = e). At that
 * checkout, besides the carted item, the user buys add-ons:
 *
 *   w_ui = share_u(category(i)) · q_i                     taste × within-category popularity, Σ_i w_ui = 1
 *   unprompted add-ons:  N_u ~ Poisson(ADDON_RATE), each an item drawn with probability w_ui   (mean ADDON_RATE · w_ui)
 *   prompted add-ons:    each recommended item i is also bought with probability τ_ui
 *   τ_ui = min(0.95, ADDON_LIFT · κ_u · share_u(category(i)) · g_i)
 *   g_i  = 1 − q_i / max{q_j : j in category(i)}         how hard i is to find by browsing (0 for the bestseller)
 *   κ_u  = 2·U_u, U_u ~ Uniform(0, 1)                      persuadability (mean 1)
 *
 * Expected purchases of item i at u's checkout: purchased_u(e) · (ADDON_RATE · w_ui + τ_ui · 1[i recommended]).
 * So the incremental purchases of recommending a slate S, from the potential outcomes purchased_u(1), purchased_u(0)
 * (coupled through common random numbers in causalModel.solve), are
 *
 *   Δ_u(S) = Σ_{i ∈ S} [ purchased_u(1) · (ADDON_RATE · w_ui + τ_ui) − purchased_u(0) · ADDON_RATE · w_ui ].
 *
 * Why this shape: a recommendation sways a shopper towards items in categories they like but would not come across
 * (the long tail), and does nothing for the bestsellers they buy anyway. Ranking by the probability of buying favours
 * those "sure things"; ranking by uplift favours what the recommendation itself sells (Sato et al. 2019). Add-ons only
 * happen at a checkout the funnel already decided, so every user-level figure of the causal ground truth (truth.ts)
 * stays exactly as it was.
 */
import type { Rng } from '../../lib/rng';
import type { ItemSpace } from './itemSpace';
import { poissonInv } from './sampling';
import { preferredItem, type Shopper } from './shopper';

/** Expected unprompted add-ons per checkout. */
export const ADDON_RATE = 0.3;
/** τ for a fully persuadable (κ = 1) user, an item nobody finds (g = 1), in a category with all of the user's attention. */
export const ADDON_LIFT = 0.3;
export const MAX_ADDON_PROBABILITY = 0.95;

/** Per-item attributes: within-category popularity q_i, discovery gap g_i and category index. */
export interface ItemAttributes {
  popularity: Float64Array;
  gap: Float64Array;
  category: Int32Array;
}

export function itemAttributes(space: ItemSpace): ItemAttributes {
  const popularity = new Float64Array(space.items.length);
  const gap = new Float64Array(space.items.length);
  space.byCategory.forEach((members, c) => {
    const cum = space.popularity[c];
    const total = cum[cum.length - 1];
    let top = 0;
    members.forEach((item, k) => {
      popularity[item] = (cum[k] - (k ? cum[k - 1] : 0)) / total;
      top = Math.max(top, popularity[item]);
    });
    for (const item of members) gap[item] = 1 - popularity[item] / top;
  });
  return { popularity, gap, category: Int32Array.from(space.categoryOf) };
}

/** A user's side: category shares (summing to 1) and persuadability κ_u. */
export interface AddOnShopper {
  shares: ArrayLike<number>;
  persuadability: number;
}

/** Probability that recommending item i makes the user add it: τ_ui. */
export function promptedProbability(user: AddOnShopper, items: ItemAttributes, i: number): number {
  return Math.min(MAX_ADDON_PROBABILITY, ADDON_LIFT * user.persuadability * user.shares[items.category[i]] * items.gap[i]);
}

/** Expected unprompted purchases of item i at a checkout: ADDON_RATE · w_ui. */
export function unpromptedRate(user: AddOnShopper, items: ItemAttributes, i: number): number {
  return ADDON_RATE * user.shares[items.category[i]] * items.popularity[i];
}

/** The add-on items of one checkout, given the items recommended before it (`shown`), in the order drawn. */
export function drawAddOns(
  shopper: Shopper,
  persuadability: number,
  items: ItemAttributes,
  shown: Iterable<number>,
  rng: Rng,
  space: ItemSpace,
): number[] {
  const user = { shares: shopper.shares, persuadability };
  const out: number[] = [];
  for (const i of shown) if (rng.next() < promptedProbability(user, items, i)) out.push(i);
  // preferredItem draws a category by the shares and an item by within-category popularity: probability w_ui.
  const n = poissonInv(rng.next(), ADDON_RATE);
  for (let k = 0; k < n; k++) out.push(preferredItem(space, shopper, rng));
  return out;
}

/** Δ_u(S): expected incremental purchases of the slate's (distinct) items from recommending exactly `slate`. */
export function incrementalPurchases(
  user: AddOnShopper,
  items: ItemAttributes,
  slate: readonly number[],
  purchasedIfShown: number,
  purchasedIfNotShown: number,
): number {
  let delta = 0;
  for (const i of slate) {
    const base = unpromptedRate(user, items, i);
    delta += purchasedIfShown * (base + promptedProbability(user, items, i)) - purchasedIfNotShown * base;
  }
  return delta;
}
