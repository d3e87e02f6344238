import { describe, expect, it } from 'vitest';
import { buildKnowledgeGraph } from '../data/knowledgeGraph';
import type { ItemCatalog } from '../data/eventLog';
import { asItemIdx, asUserIdx } from '../lib/ids';
import { A, B, C, PlantedRecommender } from '../testSupport/explain';
import { checkPath, explainKnowledge, knowledgePaths } from './knowledge';
import { knowledgeSentence, pathCheckSentence } from './knowledgeText';

// Items 0..7 of the planted model (C's score = 2·[A seen] + 0.5·[A and B seen] + 0.1·history length).
// A shares "Noir" with C, B and item 3 share "Drama" with C, items 4 and 5 are "Comedy"; 6 and 7 have no category.
const CATEGORIES = ['Noir', 'Drama', 'Noir|Drama', 'Drama', 'Comedy', 'Comedy', '', ''];
const TITLES = ['Alpha', 'Bravo', 'Charlie (1996)', 'Delta', 'Echo', 'Foxtrot', 'Golf', 'Hotel'];
const catalog: ItemCatalog = {
  ids: TITLES.map((_, i) => `i${i}`),
  title: TITLES,
  description: TITLES.map(() => ''),
  category: CATEGORIES,
  price: new Float64Array(8).fill(NaN),
};
const graphOf = () => {
  const g = buildKnowledgeGraph(catalog.ids, catalog, { maxItemShare: 0.5 });
  if (!g.ok) throw new Error(g.reason);
  return g.data;
};
const model = () => ({ recommender: new PlantedRecommender(8) });
// History A, B, 3, 4, 5 → full score of C = 2 + 0.5 + 0.5 = 3.
const target = { user: asUserIdx(0), history: Int32Array.of(A, B, 3, 4, 5), item: asItemIdx(C) };

describe('knowledge paths', () => {
  it('groups history events by the attribute they share with the item, weighted by their attribution', () => {
    const values = [2.6, 0.6, 0.1, -0.2, 0.1];
    const paths = knowledgePaths(graphOf(), target.history, C, values);
    // Noir: event 0 (A), weight 2.6; Drama: events 1 (B) and 2 (item 3), weight 0.7. Comedy is not C's: no path.
    expect(paths.map((p) => [p.value, p.historyEvents, p.items])).toEqual([
      ['Noir', [0], 1],
      ['Drama', [1, 2], 2],
    ]);
    expect(paths[0].weight).toBeCloseTo(2.6, 12);
    expect(paths[1].weight).toBeCloseTo(0.7, 12);
    // Positive total 2.6 + 0.6 + 0.1 + 0.1 = 3.4.
    expect(paths[0].share).toBeCloseTo(2.6 / 3.4, 12);
    expect(paths[1].share).toBeCloseTo(0.7 / 3.4, 12);
  });

  it('keeps events that count against the item off the path, beside it; an attribute with none supporting has no path', () => {
    // B (Drama) supports, item 3 (Drama) counts against, A (Noir) supports; item 3 seen twice counts once.
    const paths = knowledgePaths(graphOf(), Int32Array.of(B, 3, A, 3), C, [0.5, -0.2, 1, -0.1]);
    expect(paths.map((p) => [p.value, p.historyEvents, p.weight, p.against.events, p.against.items])).toEqual([
      ['Noir', [2], 1, [], 0],
      ['Drama', [0], 0.5, [1, 3], 1],
    ]);
    expect(paths[1].against.weight).toBeCloseTo(-0.3, 12);
    expect(knowledgePaths(graphOf(), Int32Array.of(3, 3, A), C, [-0.5, -0.25, 1]).map((p) => p.value)).toEqual(['Noir']);
  });

  it('explains with occlusion by default: the planted cause A tops the paths and its removal beats random sets', async () => {
    const r = await explainKnowledge(model(), target, graphOf(), { seed: 3, randomSets: 50 });
    if (!r.ok) throw new Error(r.reason);
    const { paths, check, method } = r.data;
    expect(method).toBe('occlusion');
    // Occlusion drops: A 3 − 0.4 = 2.6, B 3 − 2.4 = 0.6, items 3, 4, 5: 0.1 each (length term).
    expect(paths[0].value).toBe('Noir');
    expect(paths[0].weight).toBeCloseTo(2.6, 5);
    expect(paths[1].weight).toBeCloseTo(0.7, 5);
    expect(check!.pathDrop).toBeCloseTo(2.6, 5);
    // A random single event: A with drop 2.6, B 0.6, the others 0.1, so the mean is below 2.6 unless every draw is A.
    expect(check!.randomDrop).toBeLessThan(2.6);
    expect(check!.randomDrop).toBeGreaterThanOrEqual(0.1 - 1e-6);
    expect(check!.holds).toBe(true);
  });

  it('says when a path does no better than random sets of its size', async () => {
    // Drama's events B and 3: removing them drops 0.5 + 0.2 = 0.7. Random pairs: the 4 with A drop 2.7, the 3 with B
    // and not A drop 0.7, the other 3 drop 0.2; their mean is (4·2.7 + 3·0.7 + 3·0.2) / 10 = 1.35.
    const c = await checkPath(model(), target, [1, 2], { seed: 7, randomSets: 1000 });
    if (!c.ok) throw new Error(c.reason);
    expect(c.data.pathDrop).toBeCloseTo(0.7, 5);
    expect(c.data.randomDrop).toBeGreaterThan(1.2);
    expect(c.data.randomDrop).toBeLessThan(1.5);
    expect(c.data.holds).toBe(false);
    expect(pathCheckSentence(c.data)).toMatch(/no more than 1000 random sets .*not a reliable reason/);
    // The whole history: a random set of that size is the same set, so there is no comparison to make.
    const whole = await checkPath(model(), target, [0, 1, 2, 3, 4]);
    if (!whole.ok) throw new Error(whole.reason);
    expect(whole.data.comparable).toBe(false);
    expect(whole.data.holds).toBe(false);
    expect((await checkPath(model(), target, [5])).ok).toBe(false);
    expect((await checkPath(model(), target, [0], { randomSets: 0 })).ok).toBe(false);
  });

  it('never holds for a path whose removal does not lower the score, however the random sets fare', async () => {
    // C scores 10 − history length: removing any one event raises it by 1, so path and random drops are both −1.
    const raising = {
      recommender: {
        name: 'raising',
        backend: 'js',
        scoreUsers: (batch: { histories: Int32Array[] }) => {
          const out = new Float32Array(batch.histories.length * 8);
          batch.histories.forEach((h, r) => (out[r * 8 + C] = 10 - h.length));
          return out;
        },
      },
    } as unknown as Parameters<typeof checkPath>[0];
    const c = await checkPath(raising, target, [0], { seed: 1, randomSets: 4 });
    if (!c.ok) throw new Error(c.reason);
    expect(c.data.pathDrop).toBe(-1);
    expect(c.data.randomDrop).toBe(-1);
    expect(c.data.holds).toBe(false);
    expect(pathCheckSentence(c.data)).toBe(
      'Removing its 1 event(s) does not lower the score (change +1.00): this path is not a reliable reason for this item.',
    );
  });

  it('is seeded: the same seed gives the same random figure', async () => {
    const a = await checkPath(model(), target, [1, 2], { seed: 11, randomSets: 5 });
    const b = await checkPath(model(), target, [1, 2], { seed: 11, randomSets: 5 });
    expect(a.ok && b.ok && a.data.randomDrop === b.data.randomDrop).toBe(true);
  });

  it('refuses an unknown method or an item outside the graph before any scoring', async () => {
    const m = model();
    expect((await explainKnowledge(m, target, graphOf(), { method: 'nope' })).ok).toBe(false);
    expect((await explainKnowledge(m, { ...target, item: asItemIdx(9) }, graphOf())).ok).toBe(false);
    expect((await explainKnowledge(m, target, graphOf(), { maxPaths: 0 })).ok).toBe(false);
    expect(m.recommender.calls).toBe(0);
  });
});

describe('knowledge paths in words', () => {
  const paths = knowledgePaths(graphOf(), target.history, C, [2.6, 0.6, 0.1, -0.2, 0.1]);
  const ctx = {
    title: (i: number) => TITLES[i],
    eventType: () => 'rating',
    noun: { en: 'film', enPlural: 'films', zhMeasure: '部', zh: '电影' },
  };

  it('states the count, the attribute and the share the path carries (en, zh)', () => {
    expect(knowledgeSentence(paths[0], C, ctx)).toBe(
      '1 film you rated is Noir, and Charlie (1996) is Noir too: it carries 76% of the positive attribution (+2.60).',
    );
    expect(knowledgeSentence(paths[1], C, ctx)).toBe(
      '2 films you rated are Drama, and Charlie (1996) is Drama too: together they carry 21% of the positive attribution (+0.700).',
    );
    expect(knowledgeSentence(paths[1], C, ctx, 'zh')).toBe(
      '您评价过的 2 部电影属于「Drama」，「Charlie (1996)」也属于「Drama」：它们合计占正向归因的 21%（+0.700）。',
    );
  });

  it('gives the ratings of the events on the path when the log has them', () => {
    const rated = { ...ctx, rating: (k: number) => [5, 4, 5, 2, 1][k] };
    expect(knowledgeSentence(paths[1], C, rated)).toMatch(/^2 films you rated 4–5 are Drama, /);
    expect(knowledgeSentence(paths[0], C, rated, 'zh')).toMatch(/^您评为 5 分的 1 部电影属于「Noir」/);
    // One event without a rating: no span is claimed.
    expect(knowledgeSentence(paths[1], C, { ...rated, rating: (k: number) => (k === 2 ? null : 5) })).toMatch(
      /^2 films you rated are Drama/,
    );
  });

  it('names no verb when the events on a path have mixed or unknown types, and names the sharing items that count against the item', () => {
    const mixed = { ...ctx, eventType: (k: number) => (k === 1 ? 'view' : 'rating') };
    expect(knowledgeSentence(paths[1], C, mixed)).toMatch(/^2 films in your history are Drama/);
    const against = knowledgePaths(graphOf(), Int32Array.of(B, 3, A, 4), C, [0.5, -0.2, 1, 0.1])[1];
    expect(knowledgeSentence(against, C, ctx)).toBe(
      '1 film you rated is Drama, and Charlie (1996) is Drama too: it carries 31% of the positive attribution (+0.500); 1 more film that is Drama counts against it (−0.200).',
    );
    expect(knowledgeSentence(against, C, ctx, 'zh')).toMatch(/；另有 1 部电影也属于「Drama」，但拉低了这条推荐（−0.200）。$/);
  });
});
