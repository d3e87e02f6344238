import { describe, expect, it } from 'vitest';
import type { ItemCatalog } from '../data/eventLog';
import { asItemIdx, asUserIdx } from '../lib/ids';
import type { Progress } from '../lib/progress';
import { A, B, C, PlantedRecommender } from '../testSupport/explain';
import { knowledgeFor, knowledgeGraphOf } from './knowledgeExplain';

const titles = ['Alpha', 'Bravo', 'Charlie', 'Delta', 'Echo', 'Foxtrot', 'Golf', 'Hotel'];
const items = titles.map((_, i) => `i${i}`);
const catalog: ItemCatalog = {
  ids: items,
  title: titles,
  description: titles.map(() => ''),
  category: ['Noir', 'Drama', 'Noir|Drama', 'Drama', 'Comedy', 'Comedy', '', ''],
  price: new Float64Array(8).fill(NaN),
};
const req = {
  user: asUserIdx(0),
  history: Int32Array.of(A, B, 3),
  item: asItemIdx(C),
  types: ['rating', 'rating', 'view'],
  ratings: [5, 4, null],
};

describe('knowledge paths as the worker serves them', () => {
  it('gives each path its sentences and titles, reports two steps of progress, and builds the graph once', async () => {
    const seen: Progress[] = [];
    const r = await knowledgeFor({ recommender: new PlantedRecommender(8) }, items, catalog, req, {
      title: (i) => titles[i],
      onProgress: (p) => seen.push(p),
    });
    if (!r.ok) throw new Error(r.reason);
    // Occlusion: A 2.8 − 0.2 = 2.6 (C = 2 + 0.5 + 0.3 = 2.8 without A: 0.2), B 0.6, item 3 0.1.
    expect(r.data.paths.map((p) => [p.value, p.titles])).toEqual([
      ['Noir', ['Alpha']],
      ['Drama', ['Bravo', 'Delta']],
    ]);
    expect(r.data.paths[0].text.en).toBe(
      '1 item you rated 5 is Noir, and Charlie is Noir too: it carries 79% of the positive attribution (+2.60).',
    );
    // Types differ on the Drama path (rating, view): no verb is claimed.
    expect(r.data.paths[1].text.zh).toMatch(/^您历史中的 2 件商品属于「Drama」/);
    expect(r.data.checkText!.en).toMatch(/^Removing its 1 event\(s\) lowers the score by 2\.60/);
    expect(seen.map((p) => p.done)).toEqual([0, 1, 2]);
    expect(knowledgeGraphOf(items, catalog)).toBe(knowledgeGraphOf(items, catalog));
  });

  it('says a catalog is needed when the dataset has none', async () => {
    const r = await knowledgeFor({ recommender: new PlantedRecommender(8) }, items, null, req, { title: (i) => titles[i] });
    expect(r.ok).toBe(false);
  });
});
