import { describe, expect, it } from 'vitest';
import { EventLogBuilder } from '../data/eventLogBuilder';
import { ModelWorkspace } from './modelWorkspace';
import { scoreOnTestLog, testRatingsOf } from './testLog';
import { PopularityRecommender } from './models/popularity';
import { leaveOneOutSplit, trainData } from './split';

function log(rows: [string, string, number][]) {
  const b = new EventLogBuilder();
  rows.forEach(([user, item, value], t) => b.add({ user, item, event: 'rating', time: t, value }));
  return b.build();
}

// Training log: x is rated by everyone, y by two users, z by one.
const train = log([
  ['a', 'x', 5],
  ['a', 'y', 4],
  ['a', 'z', 1],
  ['b', 'x', 4],
  ['b', 'y', 2],
  ['c', 'x', 3],
]);

describe('scoring on a separate test log', () => {
  it('maps ids to the model’s indices and counts the rows it cannot score', () => {
    const test = log([
      ['a', 'y', 4],
      ['b', 'z', 2],
      ['nobody', 'x', 5],
      ['a', 'unknown', 3],
    ]);
    const m = testRatingsOf(test, train.users, train.items);
    expect(m.ok).toBe(true);
    if (!m.ok) return;
    expect(m.data.skipped).toBe(2);
    expect(Array.from(m.data.test.user, (u) => train.users[u])).toEqual(['a', 'b']);
    expect(Array.from(m.data.test.item, (i) => train.items[i])).toEqual(['y', 'z']);
    expect(testRatingsOf(log([['q', 'r', 1]]), train.users, train.items).ok).toBe(false);
  });

  it('ranks by a ranking model’s scores (no MSE for scores that are not ratings)', async () => {
    const split = leaveOneOutSplit(train);
    const pop = new PopularityRecommender();
    pop.fit(trainData(split));
    // User a: test items x (rating 5) and z (1); popularity ranks x above z → AUC 1.
    const test = log([
      ['a', 'x', 5],
      ['a', 'z', 1],
    ]);
    const r = await scoreOnTestLog(pop, split, { users: train.users, items: train.items }, test, 1);
    expect(r.ok && r.data.explicit).toBe(false);
    expect(r.ok && r.data.metrics).toEqual({ AUC: 1, 'NDCG@5': 1 });
  });

  it('reaches the same scores through the workspace (the ML worker’s path) for a trained mf-explicit', async () => {
    const ws = new ModelWorkspace();
    ws.addDataset('d', train);
    const { info } = await ws.train({ datasetId: 'd', model: 'mf-explicit', settings: { factors: 1 }, seed: 1 }, () => undefined);
    const csv = new TextEncoder().encode('user,item,rating\na,y,4\nb,z,2\n');
    const r = await ws.scoreTestFile(info.id, 'test.csv', csv, 1);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.data).toMatchObject({ explicit: true, users: 2, ratings: 2, skipped: 0 });
    expect(Object.keys(r.data.metrics)).toEqual(['MSE', 'MAE', 'AUC', 'NDCG@5']);
  });
});
