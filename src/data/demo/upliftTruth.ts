// The demo's item-level potential outcomes, exported with truth.json, and the oracle that turns them into the TRUE
// incremental purchases of any recommendation slate (itemChoice.ts has the equations).
import { fail, ok, type Result } from '../../lib/result';
import type { DemoItem } from './catalog';
import { CATEGORIES } from './categories';
import { solve, type Exogenous } from './causalModel';
import { ADDON_LIFT, ADDON_RATE, incrementalPurchases, type AddOnShopper, type ItemAttributes } from './checkoutAddOns';
import { PREFERENCE_SHARES, type Shopper } from './shopper';

export interface UpliftTruth {
  description: string;
  /** ADDON_RATE and ADDON_LIFT of checkoutAddOns.ts, so that a reader can recompute every figure from this file. */
  addOnRate: number;
  addOnLift: number;
  /** Attention shares of a user's first, second and third favourite category; the rest is spread evenly over all. */
  favouriteShares: number[];
  categories: string[];
  items: { ids: string[]; category: number[]; popularity: number[]; gap: number[] };
  users: {
    ids: string[];
    favourites: number[][];
    persuadability: number[];
    /** purchased_u(1) and purchased_u(0): the SCM's purchase decision under do(exposed = 1) and do(exposed = 0). */
    purchasedIfShown: number[];
    purchasedIfNotShown: number[];
  };
}

const DESCRIPTION =
  'Item-level effects of recommending (src/data/demo/checkoutAddOns.ts): purchased_u(e) is the planted SCM under ' +
  'do(exposed = e); at a checkout the user buys addOnRate · share_u(category_i) · popularity_i of item i unprompted, plus ' +
  'min(0.95, addOnLift · persuadability_u · share_u(category_i) · gap_i) when i is recommended. The incremental purchases ' +
  'of a slate S are Σ_{i∈S} purchased_u(1)·(unprompted_ui + prompted_ui) − purchased_u(0)·unprompted_ui.';

export function upliftTruth(
  items: readonly DemoItem[],
  attributes: ItemAttributes,
  noise: readonly Exogenous[],
  shoppers: readonly Shopper[],
  persuadability: Float64Array,
): UpliftTruth {
  return {
    description: DESCRIPTION,
    addOnRate: ADDON_RATE,
    addOnLift: ADDON_LIFT,
    favouriteShares: [...PREFERENCE_SHARES],
    categories: CATEGORIES.map((c) => c.name),
    items: {
      ids: items.map((x) => x.id),
      category: Array.from(attributes.category),
      popularity: Array.from(attributes.popularity),
      gap: Array.from(attributes.gap),
    },
    users: {
      ids: noise.map((_, u) => `u${u + 1}`),
      favourites: shoppers.map((s) => [...s.favourites]),
      persuadability: Array.from(persuadability),
      purchasedIfShown: noise.map((x) => solve(x, 1).purchased),
      purchasedIfNotShown: noise.map((x) => solve(x, 0).purchased),
    },
  };
}

/** Category shares of one user, as makeShopper builds them. */
export function sharesOf(truth: UpliftTruth, favourites: readonly number[]): Float64Array {
  const n = truth.categories.length;
  const used = truth.favouriteShares.slice(0, favourites.length);
  const rest = 1 - used.reduce((a, b) => a + b, 0);
  const shares = new Float64Array(n).fill(rest / n);
  favourites.forEach((c, k) => (shares[c] += used[k]));
  return shares;
}

export function attributesOf(truth: UpliftTruth): ItemAttributes {
  return {
    popularity: Float64Array.from(truth.items.popularity),
    gap: Float64Array.from(truth.items.gap),
    category: Int32Array.from(truth.items.category),
  };
}

/** The k-th user of the truth as the add-on equations see them. */
export function shopperOf(truth: UpliftTruth, k: number): AddOnShopper {
  return { shares: sharesOf(truth, truth.users.favourites[k]), persuadability: truth.users.persuadability[k] };
}

export interface UpliftOracle {
  /** True incremental purchases of recommending exactly these items to the user; null for a user or item it does not know. */
  incremental(user: string, items: readonly string[]): number | null;
}

export function upliftOracle(truth: UpliftTruth): UpliftOracle {
  const userRow = new Map(truth.users.ids.map((id, k) => [id, k]));
  const itemRow = new Map(truth.items.ids.map((id, k) => [id, k]));
  const attributes = attributesOf(truth);
  return {
    incremental(user, items) {
      const u = userRow.get(user);
      if (u === undefined) return null;
      const slate: number[] = [];
      for (const id of items) {
        const i = itemRow.get(id);
        if (i === undefined) return null;
        if (!slate.includes(i)) slate.push(i);
      }
      return incrementalPurchases(
        shopperOf(truth, u),
        attributes,
        slate,
        truth.users.purchasedIfShown[u],
        truth.users.purchasedIfNotShown[u],
      );
    },
  };
}

const isNumbers = (x: unknown): x is number[] => Array.isArray(x) && x.every((v) => typeof v === 'number' && Number.isFinite(v));
const isStrings = (x: unknown): x is string[] => Array.isArray(x) && x.every((v) => typeof v === 'string');

/** The `uplift` part of a truth.json, checked field by field (a file is input, not trusted). */
export function parseUpliftTruth(raw: unknown): Result<UpliftTruth> {
  const t = (raw as { uplift?: unknown } | null)?.uplift as Partial<UpliftTruth> | undefined;
  if (!t || typeof t !== 'object') return fail('has no "uplift" section (write it with `reclens demo`)');
  const { items, users } = t;
  if (!items || !isStrings(items.ids) || !isNumbers(items.category) || !isNumbers(items.popularity) || !isNumbers(items.gap))
    return fail('"uplift.items" needs ids, category, popularity and gap arrays');
  const nItems = items.ids.length;
  if (items.category.length !== nItems || items.popularity.length !== nItems || items.gap.length !== nItems)
    return fail('"uplift.items" arrays differ in length');
  if (!isStrings(t.categories) || !isNumbers(t.favouriteShares)) return fail('"uplift" needs categories and favouriteShares');
  const nCat = t.categories.length;
  if (items.category.some((c) => !Number.isInteger(c) || c < 0 || c >= nCat)) return fail('"uplift.items.category" is out of range');
  if (!users || !isStrings(users.ids) || !isNumbers(users.persuadability) || !isNumbers(users.purchasedIfShown))
    return fail('"uplift.users" needs ids, persuadability and purchasedIfShown arrays');
  if (!isNumbers(users.purchasedIfNotShown) || !Array.isArray(users.favourites) || !users.favourites.every(isNumbers))
    return fail('"uplift.users" needs purchasedIfNotShown and favourites arrays');
  const nUsers = users.ids.length;
  const lengths = [users.persuadability, users.purchasedIfShown, users.purchasedIfNotShown, users.favourites].map((a) => a.length);
  if (lengths.some((n) => n !== nUsers)) return fail('"uplift.users" arrays differ in length');
  if (users.favourites.some((f) => f.some((c) => !Number.isInteger(c) || c < 0 || c >= nCat)))
    return fail('"uplift.users.favourites" is out of range');
  return ok(t as UpliftTruth);
}
