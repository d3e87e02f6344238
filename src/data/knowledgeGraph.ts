// A small knowledge graph from the item catalog: item → attribute edges (category, brand, price band, year, colour,
// gender, text keywords), bounded per item and per attribute, indexed by a model's item list.
import { checkSettings, type Range } from '../lib/ranges';
import { quantile } from '../lib/stats';
import { fail, ok, type Result } from '../lib/result';
import { catalogRowsOf, type ItemCatalog } from './eventLog';

/** Kinds of edge, in the order an item's attributes are kept when it has more than the cap allows. */
export const RELATIONS = ['category', 'brand', 'year', 'price', 'colour', 'gender', 'keyword'] as const;
export type Relation = (typeof RELATIONS)[number];

export interface Attribute {
  relation: Relation;
  /** Text from the catalog (a genre, a brand, "1995", a word) or a price band such as "12.5–30". */
  value: string;
}

export interface KnowledgeGraph {
  attributes: Attribute[];
  /** CSR over the model's item indices: attributes of item i are itemAttributes[itemOffsets[i] .. itemOffsets[i+1]). */
  itemOffsets: Uint32Array;
  itemAttributes: Uint32Array;
  /** Items per attribute (how many of the model's items carry it). */
  attributeItems: Uint32Array;
  /** Attributes dropped because more than maxItemsPerAttribute items carry them (too common to tell items apart). */
  droppedCommon: number;
}

/** Bounds, checked before anything is allocated (see src/lib/ranges). */
export const KNOWLEDGE_GRAPH_RANGES = {
  maxAttributesPerItem: { min: 1, max: 64, integer: true },
  /** Fraction of the items an attribute may cover before it is too common to explain anything. */
  maxItemShare: { min: 0, max: 1, minOpen: true },
  keywordsPerItem: { min: 0, max: 16, integer: true },
  priceBands: { min: 2, max: 10, integer: true },
} as const satisfies Record<string, Range>;

export interface KnowledgeGraphOptions {
  maxAttributesPerItem?: number;
  maxItemShare?: number;
  keywordsPerItem?: number;
  priceBands?: number;
}

const DEFAULTS: Required<KnowledgeGraphOptions> = { maxAttributesPerItem: 12, maxItemShare: 0.5, keywordsPerItem: 3, priceBands: 4 };

// Words that carry no meaning about an item (English function words and catalog filler).
const STOPWORDS = new Set(
  (
    'the a an and or of to in on for with by from at as is are was were be been it its this that these those his her ' +
    'their our your my we you he she they them not no but if then than so too very can will just into out up down over ' +
    'under about after before again all any both each few more most other some such only own same also new one two ' +
    'la le les de des du el los las der die das und et il di da jacket item product'
  ).split(' '),
);

// Coat's titles spell out colour and gender ("women's black parkas jacket"); other catalogs seldom use these words otherwise.
const COLOURS = new Set(
  'black white gray grey blue navy red green olive brown beige tan pink purple yellow orange khaki silver gold burgundy'.split(' '),
);
const GENDERS: Record<string, string> = { men: 'men', "men's": 'men', women: 'women', "women's": 'women', unisex: 'unisex' };

/**
 * Colour and gender words are attributes only where most titles spell them out (Coat: "women's black parkas
 * jacket"); in film titles ("Men in Black") they are plain words, and "Men in Black is for men" would be false.
 */
function looksLikeApparel(catalog: ItemCatalog, rows: Int32Array): boolean {
  let known = 0;
  let spelled = 0;
  for (const r of rows) {
    if (r < 0) continue;
    known++;
    if (tokens(catalog.title[r] ?? '').some((t) => Object.hasOwn(GENDERS, t))) spelled++;
  }
  return known > 0 && spelled >= known / 2;
}

/** "(1995)" at the end of a title (MovieLens), else null. */
export function yearOfTitle(title: string): string | null {
  const m = /\((\d{4})\)\s*$/.exec(title);
  return m ? m[1] : null;
}

/** Lower-case word tokens (letters, digits, apostrophes) of at least 3 characters. */
export function tokens(text: string): string[] {
  return (text.toLowerCase().match(/[\p{L}\p{N}'’]+/gu) ?? []).map((t) => t.replace(/’/g, "'")).filter((t) => t.length >= 3);
}

/** Category values of one catalog cell: MovieLens genres come joined by "|", other catalogs may list several too. */
export const categoriesOf = (cell: string): string[] => [...new Set(cell.split('|').map((c) => c.trim()))].filter(Boolean);

/** Price band labels from quantile cut points over the known prices: "≤ 12.5", "12.5–30", "> 30". */
function priceBander(prices: number[], bands: number): ((p: number) => string | null) | null {
  const known = prices.filter((p) => Number.isFinite(p));
  if (known.length < bands) return null;
  const cuts = [...new Set(Array.from({ length: bands - 1 }, (_, b) => quantile(known, (b + 1) / bands)))].sort((a, b) => a - b);
  if (!cuts.length) return null;
  const fmt = (x: number) => String(Number(x.toPrecision(4)));
  return (p) => {
    if (!Number.isFinite(p)) return null;
    const b = cuts.findIndex((c) => p <= c);
    if (b === 0) return `≤ ${fmt(cuts[0])}`;
    if (b < 0) return `> ${fmt(cuts[cuts.length - 1])}`;
    return `${fmt(cuts[b - 1])}–${fmt(cuts[b])}`;
  };
}

/**
 * Build the graph for a model's items (`items`, its index → id list) from a catalog; items the catalog lacks have no
 * attributes. Keywords are the rarest tokens of an item's title and description that at least one other item shares.
 */
export function buildKnowledgeGraph(
  items: readonly string[],
  catalog: ItemCatalog,
  options: KnowledgeGraphOptions = {},
): Result<KnowledgeGraph> {
  const checked = checkSettings(KNOWLEDGE_GRAPH_RANGES, options, { owner: 'the knowledge graph' });
  if (!checked.ok) return checked;
  const o: Required<KnowledgeGraphOptions> = {
    maxAttributesPerItem: options.maxAttributesPerItem ?? DEFAULTS.maxAttributesPerItem,
    maxItemShare: options.maxItemShare ?? DEFAULTS.maxItemShare,
    keywordsPerItem: options.keywordsPerItem ?? DEFAULTS.keywordsPerItem,
    priceBands: options.priceBands ?? DEFAULTS.priceBands,
  };
  const rows = catalogRowsOf(items, catalog);
  const band = priceBander(
    Array.from(rows, (r) => (r >= 0 ? catalog.price[r] : NaN)),
    o.priceBands,
  );

  // Per item, its candidate attributes by relation; keywords are chosen once document frequencies are known.
  const structured: Attribute[][] = [];
  const words: string[][] = [];
  const apparel = looksLikeApparel(catalog, rows);
  for (let i = 0; i < items.length; i++) {
    const r = rows[i];
    const own: Attribute[] = [];
    const text: string[] = [];
    if (r >= 0) {
      const title = catalog.title[r] ?? '';
      const categories = categoriesOf(catalog.category[r] ?? '');
      for (const c of categories) own.push({ relation: 'category', value: c });
      const brand = catalog.brand?.[r]?.trim();
      if (brand) own.push({ relation: 'brand', value: brand });
      const year = yearOfTitle(title);
      if (year) own.push({ relation: 'year', value: year });
      const price = band?.(catalog.price[r]);
      if (price) own.push({ relation: 'price', value: price });
      const known = new Set(categories.map((c) => c.toLowerCase()));
      const seen = new Set<string>();
      for (const t of tokens(`${title.replace(/\(\d{4}\)\s*$/, '')} ${catalog.description[r] ?? ''}`)) {
        if (seen.has(t)) continue;
        seen.add(t);
        if (apparel && COLOURS.has(t)) own.push({ relation: 'colour', value: t });
        else if (apparel && Object.hasOwn(GENDERS, t)) own.push({ relation: 'gender', value: GENDERS[t] });
        else if (!STOPWORDS.has(t) && !known.has(t) && !/^\d+$/.test(t) && t !== brand?.toLowerCase()) text.push(t);
      }
    }
    structured.push(own.filter((a, k) => own.findIndex((b) => b.relation === a.relation && b.value === a.value) === k));
    words.push(text);
  }
  const df = new Map<string, number>();
  for (const w of words) for (const t of w) df.set(t, (df.get(t) ?? 0) + 1);
  const maxItems = Math.max(2, Math.floor(o.maxItemShare * items.length));
  for (let i = 0; i < items.length; i++) {
    // Rarest first (most distinctive), ties alphabetical so the choice does not depend on word order.
    const shared = words[i].filter((t) => df.get(t)! >= 2 && df.get(t)! <= maxItems);
    shared.sort((a, b) => df.get(a)! - df.get(b)! || (a < b ? -1 : 1));
    for (const t of shared.slice(0, o.keywordsPerItem)) structured[i].push({ relation: 'keyword', value: t });
  }

  // Intern attributes, drop the ones too common (or too rare: one item shares nothing), then cap per item.
  const key = (a: Attribute) => `${a.relation}\u0000${a.value}`;
  const count = new Map<string, number>();
  for (const own of structured) for (const a of own) count.set(key(a), (count.get(key(a)) ?? 0) + 1);
  const index = new Map<string, number>();
  const attributes: Attribute[] = [];
  let droppedCommon = 0;
  for (const n of count.values()) if (n > maxItems) droppedCommon++;
  const itemOffsets = new Uint32Array(items.length + 1);
  const edges: number[] = [];
  const order = (a: Attribute) => RELATIONS.indexOf(a.relation);
  for (let i = 0; i < items.length; i++) {
    const kept = structured[i].filter((a) => {
      const n = count.get(key(a))!;
      return n >= 2 && n <= maxItems;
    });
    kept.sort((a, b) => order(a) - order(b));
    for (const a of kept.slice(0, o.maxAttributesPerItem)) {
      let id = index.get(key(a));
      if (id === undefined) {
        id = attributes.length;
        index.set(key(a), id);
        attributes.push(a);
      }
      edges.push(id);
    }
    itemOffsets[i + 1] = edges.length;
  }
  const itemAttributes = Uint32Array.from(edges);
  const attributeItems = new Uint32Array(attributes.length);
  for (const a of itemAttributes) attributeItems[a]++;
  if (!attributes.length && items.length) return fail('the catalog gives no attribute that two items share');
  return ok({ attributes, itemOffsets, itemAttributes, attributeItems, droppedCommon });
}

/** Attribute indices of one item. */
export const attributesOf = (g: KnowledgeGraph, item: number): Uint32Array =>
  g.itemAttributes.subarray(g.itemOffsets[item], g.itemOffsets[item + 1]);
