import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadDemo } from '../data/demo';
import { EventLogBuilder } from '../data/eventLogBuilder';
import { createRng } from '../lib/rng';
import { evaluate } from './evaluate';
import { createModel } from './registry';
import { NegativeSampler } from './sampling';
import { evaluatedUsers, excludedItems, leaveOneOutSplit, trainData, type LeaveOneOutSplit } from './split';
import { scoreBuffer, type Recommender, type ScoreBatch } from './recommender';

/** Seeded random scores: the floor any real model must beat. */
class RandomRecommender implements Recommender {
  readonly name = 'random';
  readonly backend = 'js';
  private rng = createRng(1);
  constructor(private readonly n: number) {}
  fit() {}
  scoreUsers(b: ScoreBatch, out?: Float32Array) {
    const s = scoreBuffer(b.users.length, this.n, out);
    for (let i = 0; i < s.length; i++) s[i] = this.rng.next();
    return s;
  }
  async exportState() {
    return { settings: {}, tensors: {} };
  }
  importState() {}
}

let split: LeaveOneOutSplit;
beforeAll(() => {
  // Every event is an interaction (the default); the held-out item is the last new item a user touched.
  split = leaveOneOutSplit(loadDemo({ users: 300, seed: 3 }).log);
});

describe('evaluation on the demo log', () => {
  it('full ranking never recommends an item the user already has', async () => {
    const m = await createModel('itemknn');
    m.fit(trainData(split), { seed: 1 });
    const seen: number[][] = [];
    const spy: Recommender = {
      ...m,
      name: m.name,
      backend: 'js',
      fit: () => {},
      exportState: () => m.exportState(),
      importState: () => {},
      scoreUsers: (b, out) => {
        const s = m.scoreUsers(b, out) as Float32Array;
        seen.push(Array.from(b.users));
        return s;
      },
    };
    const res = await evaluate(spy, split, { protocol: 'full', k: [5, 10], perUser: true, seed: 1 });
    expect(res.users).toBe(evaluatedUsers(split).length);
    const { topK } = await import('./rank');
    // Re-rank every user from its own history and check the exclusion directly.
    for (const u of evaluatedUsers(split)) {
      const hist = excludedItems(split, u, 'test');
      const row = (await m.scoreUsers({ users: Int32Array.of(u), histories: [hist] })) as Float32Array;
      const top = topK(row, 10, hist).items;
      for (const i of top) expect(hist.includes(i)).toBe(false);
    }
    expect(Object.keys(res.metrics)).toEqual(
      expect.arrayContaining(['HR@5', 'NDCG@10', 'MRR', 'Coverage@10', 'Novelty@10', 'ILD@10', 'Gini@10', 'AvgPop@10']),
    );
    expect(seen.flat()).toEqual(Array.from(evaluatedUsers(split)));
  });

  it('popularity beats random; bootstrap CI contains the point estimate', async () => {
    const pop = await createModel('pop');
    pop.fit(trainData(split), { seed: 1 });
    const p = await evaluate(pop, split, { protocol: 'full', seed: 2 });
    const r = await evaluate(new RandomRecommender(split.numItems), split, { protocol: 'full', seed: 2 });
    expect(p.metrics['HR@10']).toBeGreaterThan(r.metrics['HR@10']);
    expect(p.metrics['NDCG@10']).toBeGreaterThan(r.metrics['NDCG@10']);
    for (const key of ['HR@10', 'NDCG@10', 'MRR']) {
      expect(p.ci95[key][0]).toBeLessThanOrEqual(p.metrics[key]);
      expect(p.ci95[key][1]).toBeGreaterThanOrEqual(p.metrics[key]);
    }
  });

  it('sampled protocols are labelled, deterministic by seed and abortable', async () => {
    const pop = await createModel('pop');
    pop.fit(trainData(split), { seed: 1 });
    const a = await evaluate(pop, split, { protocol: 'pop100', seed: 4 });
    expect(a.sampled).toBe(true);
    expect(a.notes[0]).toMatch(/sampled/);
    expect(await evaluate(pop, split, { protocol: 'pop100', seed: 4 })).toEqual(a);
    const u = await evaluate(pop, split, { protocol: 'uni100', seed: 4 });
    expect(u.metrics['HR@10']).toBeGreaterThan(a.metrics['HR@10']);
    const ctl = new AbortController();
    ctl.abort();
    await expect(evaluate(pop, split, { protocol: 'full', signal: ctl.signal })).rejects.toThrow(/Cancelled/);
  });
});

describe('negative sampling', () => {
  it('never samples the positive or history items (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 300 }),
        fc.array(fc.nat(), { maxLength: 120 }),
        fc.integer(),
        fc.boolean(),
        fc.array(fc.nat({ max: 5 }), { minLength: 300, maxLength: 300 }),
        (n, hist, seed, byPop, pops) => {
          const forbidden = Int32Array.from(hist.map((h) => h % n));
          const popularity = pops.slice(0, n);
          const sampler = new NegativeSampler(byPop ? 'popularity' : 'uniform', n, popularity);
          const neg = sampler.sample(forbidden, 100, createRng(seed));
          const bad = new Set(forbidden);
          expect(neg.every((i) => !bad.has(i) && i >= 0 && i < n)).toBe(true);
          expect(new Set(neg).size).toBe(neg.length);
          if (byPop) expect(neg.every((i) => popularity[i] > 0)).toBe(true);
          const eligible = Array.from({ length: n }, (_, i) => i).filter((i) => !bad.has(i) && (!byPop || popularity[i] > 0)).length;
          expect(neg.length).toBe(Math.min(100, eligible));
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('evaluate on degenerate logs (issue #16)', () => {
  const logOf = (rows: [string, string, number][]) => {
    const b = new EventLogBuilder();
    for (const [user, item, time] of rows) b.add({ user, item, event: 'view', time, value: NaN });
    return b.build();
  };

  it('refuses a log where every user has one event, instead of all-zero metrics', async () => {
    const rng = createRng(3);
    const log = logOf(Array.from({ length: 50 }, (_, u) => [`u${u}`, `i${rng.int(20)}`, 1_700_000_000 + u] as [string, string, number]));
    const split = leaveOneOutSplit(log);
    const model = await createModel('pop');
    model.fit(trainData(split), { seed: 1 });
    await expect(evaluate(model, split, { protocol: 'full' })).rejects.toThrow(
      'no user has 3 or more interactions: leave-one-out needs, per user, at least one earlier item, a validation item and a test item, and repeats of an item the user already had do not count; of the 50 users here, the longest has 1 item',
    );
  });

  it('refuses a log of one item repeated, which has nothing to rank', async () => {
    const log = logOf(Array.from({ length: 30 * 5 }, (_, k) => [`u${k % 30}`, 'i1', 1_700_000_000 + k] as [string, string, number]));
    const split = leaveOneOutSplit(log);
    const model = await createModel('pop');
    model.fit(trainData(split), { seed: 1 });
    await expect(evaluate(model, split, { protocol: 'full' })).rejects.toThrow(
      'the log has only one distinct item: there is nothing to rank',
    );
  });
});
