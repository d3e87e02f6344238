// The demo's item catalog: titled, described, priced items in ten categories, plus the popularity and
// "related items" structure that the behavior simulator draws from.
import type { ItemCatalog } from '../eventLog';
import type { Rng } from '../../lib/rng';
import { CATEGORIES, QUALITIES } from './categories';

export interface DemoItem {
  id: string;
  title: string;
  category: string;
  description: string;
  /** USD, two decimals. */
  price: number;
}

export function itemId(index: number): string {
  return `i${String(index + 1).padStart(4, '0')}`;
}

/** `count` items spread evenly over the categories; ids do not reveal the category (the order is shuffled). */
export function buildCatalog(rng: Rng, count = 300): DemoItem[] {
  const nCat = CATEGORIES.length;
  const categoryOf = rng.shuffle(Array.from({ length: count }, (_, i) => i % nCat));
  // Each category deals out its brand × noun pairs in a shuffled order so titles repeat only past 64 per category.
  const pairs = CATEGORIES.map((c) => rng.shuffle(c.brands.flatMap((b) => c.nouns.map((n) => [b, n] as const))));
  const used = new Array<number>(nCat).fill(0);
  return categoryOf.map((c, i) => {
    const spec = CATEGORIES[c];
    const k = used[c]++;
    const [brand, noun] = pairs[c][k % pairs[c].length];
    const edition = Math.floor(k / pairs[c].length);
    const title = `${brand} ${noun}${edition ? ` Mk ${edition + 1}` : ''}`;
    const quality = QUALITIES[rng.int(QUALITIES.length)];
    const description = `${capitalise(quality)} ${lowerWords(noun)} ${spec.features[rng.int(spec.features.length)]}.`;
    const price = Math.max(0.99, Math.round(spec.medianPrice * Math.exp(spec.priceSigma * rng.normal()) * 100) / 100);
    return { id: itemId(i), title, category: spec.name, description, price };
  });
}

const capitalise = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);
/** Title case to sentence case, leaving acronyms and model names ("USB-C", "SPF", "4K") alone. */
const lowerWords = (s: string): string => s.replace(/\b([A-Z])([a-z]+)/g, (_, head: string, tail: string) => head.toLowerCase() + tail);

/** The columnar catalog the app works with. */
export function toItemCatalog(items: readonly DemoItem[]): ItemCatalog {
  return {
    ids: items.map((x) => x.id),
    title: items.map((x) => x.title),
    description: items.map((x) => x.description),
    category: items.map((x) => x.category),
    price: Float64Array.from(items, (x) => x.price),
  };
}
