import { describe, expect, it } from 'vitest';
import { attributesOf, buildKnowledgeGraph, tokens, yearOfTitle, type KnowledgeGraph } from './knowledgeGraph';
import type { ItemCatalog } from './eventLog';

const catalog = (rows: { id: string; title: string; category?: string; description?: string; brand?: string; price?: number }[]) =>
  ({
    ids: rows.map((r) => r.id),
    title: rows.map((r) => r.title),
    description: rows.map((r) => r.description ?? ''),
    category: rows.map((r) => r.category ?? ''),
    brand: rows.map((r) => r.brand ?? ''),
    price: Float64Array.from(rows, (r) => r.price ?? NaN),
  }) satisfies ItemCatalog;

/** "relation:value" of each attribute of an item, sorted, for readable expectations. */
const named = (g: KnowledgeGraph, item: number) =>
  Array.from(attributesOf(g, item), (a) => `${g.attributes[a].relation}:${g.attributes[a].value}`).sort();

const build = (...args: Parameters<typeof buildKnowledgeGraph>) => {
  const r = buildKnowledgeGraph(...args);
  if (!r.ok) throw new Error(r.reason);
  return r.data;
};

describe('knowledge graph from a catalog', () => {
  it('reads the year at the end of a MovieLens title, and only there', () => {
    expect(yearOfTitle('Fargo (1996)')).toBe('1996');
    expect(yearOfTitle('2001: A Space Odyssey (1968)')).toBe('1968');
    expect(yearOfTitle('Blade Runner')).toBeNull();
    expect(tokens("Women's BLACK parka, 2 pcs")).toEqual(["women's", 'black', 'parka', 'pcs']);
  });

  it('links MovieLens genres and years; an attribute only one item has is dropped (it links nothing)', () => {
    const c = catalog([
      { id: 'm1', title: 'Fargo (1996)', category: 'Crime|Drama|Thriller' },
      { id: 'm2', title: 'Chinatown (1974)', category: 'Film-Noir|Mystery|Thriller' },
      { id: 'm3', title: 'Touch of Evil (1958)', category: 'Crime|Film-Noir|Thriller' },
      { id: 'm4', title: 'Big Night (1996)', category: 'Drama' },
      { id: 'm5', title: 'Toy Story (1995)', category: 'Animation' },
      { id: 'm6', title: 'Heat (1995)', category: 'Action' },
    ]);
    // Model item order differs from the catalog's: the graph follows the model's list; an id missing from it is skipped.
    const g = build(['m3', 'm1', 'm2', 'm4', 'm5', 'm6', 'unknown'], c, { maxItemShare: 0.5 });
    // Thriller is on 3 of 7 items (≤ 3.5): kept. Mystery, Animation, Action, 1958, 1974 are on one item each: dropped.
    expect(named(g, 0)).toEqual(['category:Crime', 'category:Film-Noir', 'category:Thriller']);
    expect(named(g, 1)).toEqual(['category:Crime', 'category:Drama', 'category:Thriller', 'year:1996']);
    expect(named(g, 3)).toEqual(['category:Drama', 'year:1996']);
    expect(named(g, 4)).toEqual(['year:1995']);
    expect(named(g, 6)).toEqual([]);
    const thriller = g.attributes.findIndex((a) => a.value === 'Thriller');
    expect(g.attributeItems[thriller]).toBe(3);
  });

  it('drops attributes more than maxItemShare of the items carry, and counts them', () => {
    const c = catalog([
      { id: 'a', title: 'A', category: 'Drama|War' },
      { id: 'b', title: 'B', category: 'Drama|War' },
      { id: 'c', title: 'C', category: 'Drama' },
      { id: 'd', title: 'D', category: 'Comedy' },
      { id: 'e', title: 'E', category: 'Comedy' },
    ]);
    // Drama on 3 of 5 > floor(0.5·5) = 2 items: too common to tell items apart.
    const g = build(['a', 'b', 'c', 'd', 'e'], c);
    expect(named(g, 0)).toEqual(['category:War']);
    expect(named(g, 2)).toEqual([]);
    expect(g.droppedCommon).toBe(1);
  });

  it("reads Coat's jacket type, colour and gender, brand and quantile price bands", () => {
    const c = catalog([
      { id: 'i0', title: "men's black bomber jacket", category: 'bomber', brand: 'Acme', price: 10 },
      { id: 'i1', title: "women's black parkas jacket", category: 'parkas', brand: 'Acme', price: 20 },
      { id: 'i2', title: "women's blue bomber jacket", category: 'bomber', brand: 'Zed', price: 30 },
      { id: 'i3', title: "men's blue parkas jacket", category: 'parkas', brand: 'Zed', price: 40 },
    ]);
    const g = build(['i0', 'i1', 'i2', 'i3'], c, { priceBands: 2, maxItemShare: 0.5 });
    // Median of 10, 20, 30, 40 is 25: two bands, "≤ 25" and "> 25". "jacket" is filler, never a keyword.
    expect(named(g, 0)).toEqual(['brand:Acme', 'category:bomber', 'colour:black', 'gender:men', 'price:≤ 25']);
    expect(named(g, 3)).toEqual(['brand:Zed', 'category:parkas', 'colour:blue', 'gender:men', 'price:> 25']);
  });

  it('reads colour and gender only where most titles spell a gender out (not in film titles)', () => {
    const c = catalog([
      { id: 'a', title: 'Men in Black (1997)' },
      { id: 'b', title: 'Black Beauty (1994)' },
      { id: 'c', title: 'Little Women (1994)' },
      { id: 'd', title: 'Heat (1995)' },
      { id: 'e', title: 'Casino (1995)' },
    ]);
    // One title of five names a gender: "black" is a shared keyword, never a colour; "men" is on one item only.
    const g = build(['a', 'b', 'c', 'd', 'e'], c);
    expect(named(g, 0)).toEqual(['keyword:black']);
    expect(named(g, 2)).toEqual(['year:1994']);
  });

  it('keeps the rarest shared keywords, at most keywordsPerItem, and caps attributes per item in relation order', () => {
    const c = catalog([
      { id: 'x', title: 'Space pirates adventure', description: 'pirates in space with robots' },
      { id: 'y', title: 'Robots of space', description: 'robots' },
      { id: 'z', title: 'Pirates cove', category: 'Family' },
      { id: 'w', title: 'Cove of space', category: 'Family' },
      { id: 'v', title: 'Nothing shared here' },
      { id: 'u', title: 'Another' },
    ]);
    // Document frequency: space 3, pirates 2, robots 2, cove 2, adventure 1 (never shared).
    const g = build(['x', 'y', 'z', 'w', 'v', 'u'], c, { keywordsPerItem: 2 });
    expect(named(g, 0)).toEqual(['keyword:pirates', 'keyword:robots']);
    expect(named(g, 1)).toEqual(['keyword:robots', 'keyword:space']);
    const capped = build(['x', 'y', 'z', 'w', 'v', 'u'], c, { keywordsPerItem: 2, maxAttributesPerItem: 1 });
    // The category comes before keywords when only one attribute fits.
    expect(named(capped, 2)).toEqual(['category:Family']);
  });

  it('refuses settings out of range before building anything', () => {
    const c = catalog([{ id: 'a', title: 'A' }]);
    const r = buildKnowledgeGraph(['a'], c, { maxAttributesPerItem: 0 });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toMatch(/maxAttributesPerItem must be an integer in \[1, 64\]/);
    expect(buildKnowledgeGraph(['a'], c, { priceBands: 11 }).ok).toBe(false);
  });
});
