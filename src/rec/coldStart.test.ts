// Cold-start slices on a hand-made log where every count, rank and metric below is worked out by hand.
import { describe, expect, it } from 'vitest';
import { EventLogBuilder } from '../data/eventLogBuilder';
import type { EventLog } from '../data/eventLog';
import { evaluate, type EvaluateOptions } from './evaluate';
import { slicePositions, trainingCounts } from './coldStart';
import { perUserIn, sliceDifference } from './coldStartComparison';
import { evaluatedUsers, leaveOneOutSplit, trainData } from './split';
import { scoreBuffer, type Recommender, type ScoreBatch } from './recommender';

// Per user, items in time order; the last is the test item, the one before it validation, the rest training.
const HISTORIES: Record<string, string[]> = {
  u1: ['p', 'q', 'r', 's', 't', 'v', 'w', 'x'], // 6 training interactions: warm user; test x
  u2: ['p', 'q', 'y', 'z'], // 2: cold user; test z
  u3: ['p', 'q', 'r', 's', 't', 'v', 'x'], // 5: cold user (the boundary); test x
  u4: ['p', 'q', 'r', 's', 't', 'v', 'w', 'y', 'z'], // 7: warm; test z
  // Six users who make x warm (6 training interactions); their test item h has none.
  ...Object.fromEntries(Array.from({ length: 6 }, (_, f) => [`f${f}`, ['x', 'a', 'b', 'c', 'd', 'e', 'g', 'h']])),
};
// Training interactions per test item: x 6 (warm), z 0 and h 0 (cold).

function handLog(histories: Record<string, string[]>): EventLog {
  const b = new EventLogBuilder();
  let time = 1_700_000_000;
  for (const [user, items] of Object.entries(histories))
    for (const item of items) b.add({ user, item, event: 'view', time: time++, value: NaN });
  return b.build();
}

/** Fixed scores by item id: z above x above h above everything else, so each test case's rank is known. */
class FixedScores implements Recommender {
  readonly name = 'fixed';
  readonly backend = 'js';
  constructor(private readonly items: readonly string[]) {}
  fit() {}
  scoreUsers(b: ScoreBatch, out?: Float32Array) {
    const n = this.items.length;
    const s = scoreBuffer(b.users.length, n, out);
    const score: Record<string, number> = { z: 10, x: 9, h: 8 };
    for (let r = 0; r < b.users.length; r++) for (let i = 0; i < n; i++) s[r * n + i] = score[this.items[i]] ?? 0;
    return s;
  }
  async exportState() {
    return { settings: {}, tensors: {} };
  }
  importState() {}
}

const log = handLog(HISTORIES);
const split = leaveOneOutSplit(log);
const model = new FixedScores(log.items);
const ndcgAt2 = 1 / Math.log2(3);

describe('cold-start slices', () => {
  it('counts training interactions per user and per item', () => {
    const counts = trainingCounts(trainData(split));
    const user = (id: string) => counts.users[log.users.indexOf(id)];
    const item = (id: string) => counts.items[log.items.indexOf(id)];
    expect([user('u1'), user('u2'), user('u3'), user('u4'), user('f0')]).toEqual([6, 2, 5, 7, 6]);
    expect([item('x'), item('z'), item('h'), item('p'), item('w')]).toEqual([6, 0, 0, 4, 1]);
  });

  it('puts users with at most 5 training interactions in cold-users, and held-out items with at most 5 in cold-items', () => {
    const users = evaluatedUsers(split);
    const counts = trainingCounts(trainData(split));
    const ids = (positions: number[]) => positions.map((p) => log.users[users[p]]);
    expect(ids(slicePositions('cold-users', split, users, 'test', counts))).toEqual(['u2', 'u3']);
    expect(ids(slicePositions('cold-items', split, users, 'test', counts))).toEqual(['u2', 'u4', 'f0', 'f1', 'f2', 'f3', 'f4', 'f5']);
  });

  it('summarises each slice from the same ranks: counts, metrics and CIs', async () => {
    // Ranks: u2 and u4 hit z at 1; everyone else has z (not in their history) above their test item, rank 2.
    const r = await evaluate(model, split, { protocol: 'full', k: [1, 10], seed: 1, slices: true, bootstrapSamples: 200 });
    expect(r.users).toBe(10);
    const coldUsers = r.slices!['cold-users']!;
    expect(coldUsers.users).toBe(2);
    expect(coldUsers.fewest).toBe(2); // u2
    expect(coldUsers.members.map((u) => log.users[u])).toEqual(['u2', 'u3']);
    expect(coldUsers.metrics['HR@1']).toBeCloseTo(0.5, 12);
    expect(coldUsers.metrics['NDCG@10']).toBeCloseTo((1 + ndcgAt2) / 2, 12);
    expect(coldUsers.metrics['MRR']).toBeCloseTo((1 + 1 / 2) / 2, 12);
    // Two cases, one hit: a resample holds both misses (0) or both hits (1) a quarter of the time each.
    expect(coldUsers.ci95['HR@1']).toEqual([0, 1]);
    const coldItems = r.slices!['cold-items']!;
    expect(coldItems.users).toBe(8);
    expect(coldItems.metrics['HR@1']).toBeCloseTo(2 / 8, 12);
    expect(coldItems.metrics['NDCG@10']).toBeCloseTo((2 + 6 * ndcgAt2) / 8, 12);
    // The whole: 2 hits at 1 among 10.
    expect(r.metrics['HR@1']).toBeCloseTo(0.2, 12);
  });

  it('restricts a whole evaluation to one slice, with the same figures as its summary', async () => {
    const all = await evaluate(model, split, { protocol: 'full', k: [1, 10], seed: 1, slices: true });
    const only = await evaluate(model, split, { protocol: 'full', k: [1, 10], seed: 1, slice: 'cold-items', perUser: true });
    expect(only.slice).toBe('cold-items');
    expect(only.users).toBe(8);
    expect(only.perUser!.ranks).toEqual([1, 1, 2, 2, 2, 2, 2, 2]);
    expect(only.metrics['NDCG@10']).toBeCloseTo(all.slices!['cold-items']!.metrics['NDCG@10'], 12);
  });

  it('evaluates a given subset of users (a sample of a large log) and drops users without a test case', async () => {
    const pick = ['u2', 'u3'].map((id) => log.users.indexOf(id));
    const sub = await evaluate(model, split, { protocol: 'full', k: [1, 10], seed: 1, users: [...pick, 999] });
    const slice = await evaluate(model, split, { protocol: 'full', k: [1, 10], seed: 1, slice: 'cold-users' });
    expect(sub.users).toBe(2);
    expect(sub.metrics).toEqual(slice.metrics);
  });

  it('says why a slice is empty, in numbers', async () => {
    const warmLog = handLog({ u1: HISTORIES.u1, u4: HISTORIES.u4, f0: HISTORIES.f0 });
    const warm = leaveOneOutSplit(warmLog);
    const model = new FixedScores(warmLog.items);
    await expect(evaluate(model, warm, { protocol: 'full', slice: 'cold-users' })).rejects.toThrow(
      'no test case in slice cold-users: every evaluated user has more than 5 training interactions (fewest: 6)',
    );
    const r = await evaluate(model, warm, { protocol: 'full', slices: true });
    expect(r.slices!['cold-users']).toEqual({ users: 0, fewest: 6, members: [], metrics: {}, ci95: {} });
  });
});

describe('item text against popularity on cold items', () => {
  it('pairs two models on the slice only: the difference of their NDCG over the cold-item cases', async () => {
    // A stand-in for popularity that cannot score the cold items z and h (−∞), which then rank last: NDCG 0 on each.
    class Reversed extends FixedScores {
      override scoreUsers(b: ScoreBatch, out?: Float32Array) {
        const s = super.scoreUsers(b, out) as Float32Array;
        return s.map((v) => (v === 10 || v === 8 ? -Infinity : v));
      }
    }
    const opts: EvaluateOptions = { protocol: 'full', k: [10], seed: 1, slices: true, perUser: true };
    const text = await evaluate(model, split, opts);
    const pop = await evaluate(new Reversed(log.items), split, opts);
    const d = sliceDifference(text, pop, 'cold-items', 'NDCG@10', 3)!;
    expect(d.users).toBe(8);
    expect(pop.slices!['cold-items']!.metrics['NDCG@10']).toBe(0);
    expect(d.difference).toBeCloseTo((2 + 6 * ndcgAt2) / 8, 12);
    expect(d.verdict).toBe('higher');
    expect(perUserIn(text.perUser!, text.slices!['cold-users']!.members).users.map((u) => log.users[u])).toEqual(['u2', 'u3']);
  });
});
