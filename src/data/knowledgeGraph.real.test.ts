// The knowledge graph on the real catalogs in ../shared/data (skipped when they are absent): MovieLens genres and
// years, Coat's jacket type, colour and gender, within the graph's bounds.
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadItems } from './csv/load';
import { bytesSource } from './csv/source';
import { attributesOf, buildKnowledgeGraph, type KnowledgeGraph } from './knowledgeGraph';

const DATA = resolve(__dirname, '../../../shared/data');
const has = (rel: string) => existsSync(resolve(DATA, rel));
const catalogOf = async (rel: string) => {
  const r = await loadItems(bytesSource(rel.split('/').pop()!, new Uint8Array(readFileSync(resolve(DATA, rel)))));
  if (!r.ok) throw new Error(r.reason);
  return r.data.catalog;
};
const named = (g: KnowledgeGraph, i: number) =>
  Array.from(attributesOf(g, i), (a) => `${g.attributes[a].relation}:${g.attributes[a].value}`);

describe.skipIf(!has('ml-100k/u.item'))('knowledge graph on ml-100k u.item', () => {
  it('links Fargo to its genres and year, and keeps every bound', async () => {
    const c = await catalogOf('ml-100k/u.item');
    const g = buildKnowledgeGraph(c.ids, c);
    if (!g.ok) throw new Error(g.reason);
    const fargo = c.ids.indexOf('100');
    expect(c.title[fargo]).toBe('Fargo (1996)');
    expect(named(g.data, fargo)).toEqual(expect.arrayContaining(['category:Crime', 'category:Drama', 'category:Thriller', 'year:1996']));
    // At most 12 attributes per item; none on more than half of the 1682 items, none on a single item.
    for (let i = 0; i < c.ids.length; i++) expect(attributesOf(g.data, i).length).toBeLessThanOrEqual(12);
    for (const n of g.data.attributeItems) {
      expect(n).toBeGreaterThanOrEqual(2);
      expect(n).toBeLessThanOrEqual(841);
    }
    // Film titles are not apparel: no colour or gender edges ("Men in Black").
    expect(g.data.attributes.some((a) => a.relation === 'colour' || a.relation === 'gender')).toBe(false);
  });
});

describe.skipIf(!has('coat/items.csv'))('knowledge graph on Coat items.csv', () => {
  it('reads jacket type, colour and gender', async () => {
    const c = await catalogOf('coat/items.csv');
    const g = buildKnowledgeGraph(c.ids, c);
    if (!g.ok) throw new Error(g.reason);
    const i1 = c.ids.indexOf('i1');
    expect(c.title[i1]).toBe("men's blue insulated jacket");
    expect(named(g.data, i1)).toEqual(expect.arrayContaining(['category:insulated', 'colour:blue', 'gender:men']));
  });
});
