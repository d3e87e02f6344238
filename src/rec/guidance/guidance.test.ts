// Guidance on a planted log (a user who carts buys next) with a fixed-score recommender, so that the items, the uplift
// and the reasons can be worked out by hand.
import { describe, expect, it } from 'vitest';
import { EventLogBuilder } from '../../data/eventLogBuilder';
import { createRng } from '../../lib/rng';
import type { Recommender } from '../recommender';
import { leaveOneOutSplit } from '../split';
import { UPLIFT_DEFAULTS } from '../uplift/tLearner';
import type { UpliftModel } from '../uplift/upliftModel';
import { logFacts } from '../uplift/upliftPairs';
import { featureKind, fitBuyPredictor } from './buyPredictor';
import { buildGuidance } from './guidance';

const ITEMS = 7;

/** Every user views one item, then carts (half of them) or views another, then buys (the carters) or views a third. */
function planted(users: number, seed: number, exposures = false) {
  const rng = createRng(seed);
  const b = new EventLogBuilder();
  // Item ids in first-appearance order i0..i6, so log item index k is "i" + k.
  for (let k = 0; k < ITEMS; k++) b.add({ user: 'seed', item: `i${k}`, event: 'view', time: k, value: NaN });
  for (let u = 0; u < users; u++) {
    const carts = rng.next() < 0.5;
    const add = (event: string, k: number, item = `i${(u + k) % ITEMS}`) =>
      b.add({ user: `u${u}`, item, event, time: (u * 100 + k + 1) * 3600, value: NaN });
    if (exposures) add('exposure', 0, `i${(u + 3) % ITEMS}`);
    add('view', 0);
    add(carts ? 'cart' : 'view', 1);
    add(carts ? 'purchase' : 'view', 2);
  }
  return b.build();
}

// Fixed scores: item k scores 10 − k for everybody, so the top items are the lowest indices not in the history.
const fixed: Recommender = {
  name: 'fixed',
  backend: 'js',
  fit: () => undefined,
  scoreUsers: (batch) => {
    const out = new Float32Array(batch.users.length * ITEMS);
    for (let r = 0; r < batch.users.length; r++) for (let k = 0; k < ITEMS; k++) out[r * ITEMS + k] = 10 - k;
    return out;
  },
  exportState: async () => ({ settings: {}, tensors: {} }),
  importState: () => undefined,
};

describe('featureKind', () => {
  it('follows historyFeatures’ order for three event types', () => {
    const types = ['view', 'cart', 'purchase'];
    // 0–2 counts, 3–5 since, 6 length, 7 distinct, 8–10 last, 11 gap, 12 span.
    expect(featureKind(1, types)).toEqual({ kind: 'count', eventType: 'cart' });
    expect(featureKind(5, types)).toEqual({ kind: 'since', eventType: 'purchase' });
    expect(featureKind(6, types)).toEqual({ kind: 'length', eventType: null });
    expect(featureKind(7, types)).toEqual({ kind: 'distinct', eventType: null });
    expect(featureKind(8, types)).toEqual({ kind: 'last', eventType: 'view' });
    expect(featureKind(11, types)).toEqual({ kind: 'gap', eventType: null });
    expect(featureKind(12, types)).toEqual({ kind: 'span', eventType: null });
  });
});

describe('fitBuyPredictor', () => {
  const log = planted(300, 4);
  const fitted = fitBuyPredictor(log, { seed: 1, horizonEvents: 1 });
  if (!fitted.ok) throw new Error(fitted.reason);
  const p = fitted.data;
  const carter = log.users.findIndex((_, u) => log.eventTypes[log.event[p.historyOf(u)[1] ?? 0]] === 'cart' && u > 0);
  const viewer = log.users.findIndex((_, u) => log.eventTypes[log.event[p.historyOf(u)[1] ?? 0]] === 'view' && u > 0);

  it('learns that a cart comes before a purchase, and says so from the cart figures', () => {
    // Histories cut after the cart are always followed by the purchase; those cut after the first view are 50/50.
    const cartHistory = p.historyOf(carter).subarray(0, 2);
    const viewHistory = p.historyOf(viewer).subarray(0, 2);
    expect(p.probability(cartHistory)).toBeGreaterThan(0.8);
    expect(p.probability(viewHistory)).toBeLessThan(0.5);
    const top = p.reasons(cartHistory)[0];
    expect(top.eventType).toBe('cart');
    expect(top.contribution).toBeGreaterThan(0);
    expect(top.historyLength).toBe(2);
    // The viewer's top reason lowers the probability.
    expect(p.reasons(viewHistory)[0].contribution).toBeLessThan(0);
  });

  it('splits the log-odds exactly: the contributions add up to the distance from a user at the training average', () => {
    // logit p(x) − logit p(mean) = Σ_k w_k (z_k − 0) for a logistic model, which moving one feature at a time recovers.
    const logit = (q: number) => Math.log(q / (1 - q));
    const base = logit(p.info.averageProbability);
    for (const u of [carter, viewer]) {
      for (const rows of [p.historyOf(u), p.historyOf(u).subarray(0, 2)]) {
        const sum = p.reasons(rows).reduce((a, r) => a + r.contribution, 0);
        expect(sum).toBeCloseTo(logit(p.probability(rows)) - base, 4);
      }
    }
  });

  it('gives plain figures: counts undone from log1p, "since" above the history length when there is none', () => {
    const reasons = p.reasons(p.historyOf(viewer).subarray(0, 2));
    const cartCount = reasons.find((r) => r.kind === 'count' && r.eventType === 'cart');
    expect(cartCount?.value).toBe(0);
    const sinceCart = reasons.find((r) => r.kind === 'since' && r.eventType === 'cart');
    // No cart in two events: historyFeatures sets "events since" to the length + 1 = 3.
    expect(sinceCart?.value).toBe(3);
    const views = reasons.find((r) => r.kind === 'count' && r.eventType === 'view');
    expect(views?.value).toBe(2);
  });

  it('reports a held-out ROC-AUC near 1 on the planted rule, and the split sizes', () => {
    // 300 users + the seed user; 20% held out.
    expect(p.info.trainExamples + p.info.testExamples).toBe(301);
    expect(p.info.testExamples).toBe(60);
    expect(p.info.heldOutRocAuc).toBeGreaterThan(0.7);
  });

  it('refuses a log without purchases', () => {
    const b = new EventLogBuilder();
    b.add({ user: 'a', item: 'x', event: 'view', time: 1, value: NaN });
    b.add({ user: 'a', item: 'y', event: 'view', time: 2, value: NaN });
    const r = fitBuyPredictor(b.build(), { seed: 1 });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toMatch(/the log has no purchase events to learn buying from/);
  });
});

describe('buildGuidance', () => {
  const log = planted(60, 7);
  const split = leaveOneOutSplit(log);

  it('lists the top K by score with the history excluded, and says once that there is no uplift', async () => {
    const g = await buildGuidance(log, split, fixed, { settings: { k: 3, maxUsers: 4, seed: 1 } });
    if (!g.ok) throw new Error(g.reason);
    expect(g.data.rows.map((r) => r.user)).toEqual([0, 1, 2, 3]);
    // User 0 ("seed") has seen all 7 items: nothing is left to recommend.
    expect(g.data.rows[0].items).toEqual([]);
    // User 1 (u0) saw i0, i1, i2 → top 3 by score: i3 (7), i4 (6), i5 (5).
    expect(g.data.rows[1].items).toEqual([
      { item: 3, score: 7, uplift: null },
      { item: 4, score: 6, uplift: null },
      { item: 5, score: 5, uplift: null },
    ]);
    // u1 saw i1, i2, i3 → i0 (10), i4 (6), i5 (5).
    expect(g.data.rows[2].items.map((i) => i.item)).toEqual([0, 4, 5]);
    expect(g.data.notes.filter((n) => n.startsWith('no uplift'))).toHaveLength(1);
    expect(g.data.notes[0]).toMatch(/no exposure events/);
    expect(g.data.uplift).toBeNull();
    expect(g.data.probabilitySource).toBe('logistic');
    for (const r of g.data.rows) {
      expect(r.buyProbability).toBeGreaterThanOrEqual(0);
      expect(r.buyProbability).toBeLessThanOrEqual(1);
      expect(r.reason).not.toBeNull();
    }
  });

  it('adds the uplift model’s estimate for each listed item', async () => {
    const withExposures = planted(60, 7, true);
    const s = leaveOneOutSplit(withExposures);
    const facts = logFacts(withExposures);
    if (!facts.ok) throw new Error(facts.reason);
    // Treated logit = −popularity, control logit = 0 → τ = σ(−log(1 + n)) − ½ = 1/(2 + n) − ½ for an item n users touched.
    const model: UpliftModel = {
      fit: {
        treated: [0, 0, -1, 0, 0],
        control: [0, 0, 0, 0, 0],
        boot: [],
        counts: { treatedPairs: 9, controlPairs: 11, treatedBought: 0, controlBought: 0 },
      },
      facts: facts.data,
      settings: { ...UPLIFT_DEFAULTS, candidates: 3 },
      users: 61,
      estimate: () => [],
    };
    const g = await buildGuidance(withExposures, s, fixed, { settings: { k: 2, maxUsers: 2 }, uplift: model });
    if (!g.ok) throw new Error(g.reason);
    const row = g.data.rows[1];
    for (const { item, uplift } of row.items) {
      const n = Math.round(Math.expm1(facts.data.itemPopularity[item]));
      expect(uplift).toBeCloseTo(1 / (2 + n) - 0.5, 10);
    }
    expect(g.data.uplift).toEqual({ treatedPairs: 9, controlPairs: 11 });
    expect(g.data.notes.some((n) => n.startsWith('no uplift'))).toBe(false);
  });

  it('uses the caller’s probabilities when given, and null where it has none', async () => {
    const probabilities = Float64Array.from({ length: log.users.length }, (_, u) => (u === 1 ? NaN : u / 100));
    const g = await buildGuidance(log, split, fixed, { settings: { k: 1, maxUsers: 3 }, probabilities });
    if (!g.ok) throw new Error(g.reason);
    expect(g.data.rows.map((r) => r.buyProbability)).toEqual([0, null, 0.02]);
    expect(g.data.probabilitySource).toBe('caller');
  });

  it('range-checks its settings before any work', async () => {
    const g = await buildGuidance(log, split, fixed, { settings: { k: 0 } });
    expect(g.ok).toBe(false);
    if (!g.ok) expect(g.reason).toMatch(/k/);
    const m = await buildGuidance(log, split, fixed, { settings: { maxUsers: 1.5 } });
    expect(m.ok).toBe(false);
  });

  it('stops when cancelled', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(buildGuidance(log, split, fixed, { settings: {}, signal: controller.signal })).rejects.toThrow(/Cancelled/);
  });
});
