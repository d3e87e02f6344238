// Normalises the many spellings of behavior types found in real logs to a small canonical set.
export const CANONICAL_EVENTS = ['exposure', 'view', 'click', 'fav', 'cart', 'purchase', 'rating'] as const;
export type CanonicalEvent = (typeof CANONICAL_EVENTS)[number];

/** Event types that are interactions for recommendation (exposures are the recommender's actions, not the user's). */
export const isInteraction = (type: string) => type !== 'exposure';

/** Funnel order used by charts and the conversion funnel (exposure and rating are not funnel steps). */
export const FUNNEL: CanonicalEvent[] = ['view', 'click', 'cart', 'purchase'];

const ALIASES: Record<string, CanonicalEvent> = {
  pv: 'view',
  view: 'view',
  views: 'view',
  pageview: 'view',
  page_view: 'view',
  detail: 'view',
  visit: 'view',
  click: 'click',
  clicks: 'click',
  clk: 'click',
  tap: 'click',
  fav: 'fav',
  favorite: 'fav',
  favourite: 'fav',
  like: 'fav',
  wishlist: 'fav',
  collect: 'fav',
  cart: 'cart',
  addtocart: 'cart',
  add_to_cart: 'cart',
  'add-to-cart': 'cart',
  add2cart: 'cart',
  basket: 'cart',
  buy: 'purchase',
  purchase: 'purchase',
  purchased: 'purchase',
  order: 'purchase',
  transaction: 'purchase',
  checkout: 'purchase',
  conversion: 'purchase',
  exposure: 'exposure',
  impression: 'exposure',
  impressions: 'exposure',
  rec_shown: 'exposure',
  recommended: 'exposure',
  show: 'exposure',
  expose: 'exposure',
  rating: 'rating',
  rate: 'rating',
  rated: 'rating',
  review: 'rating',
};

/** Canonical name for a raw behavior label; unknown labels are kept (trimmed, lower-cased) rather than dropped. */
export function normaliseEventType(raw: string): string {
  const key = raw.trim().toLowerCase().replace(/\s+/g, '_');
  // Own keys only: a label such as "constructor" or "__proto__" must not read Object.prototype.
  return Object.hasOwn(ALIASES, key) ? ALIASES[key] : key;
}

/** Order event types for display: funnel order first, then the rest alphabetically. */
export function sortEventTypes(types: readonly string[]): string[] {
  const rank = (t: string) => {
    const i = (CANONICAL_EVENTS as readonly string[]).indexOf(t);
    return i < 0 ? CANONICAL_EVENTS.length : i;
  };
  return [...types].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}
