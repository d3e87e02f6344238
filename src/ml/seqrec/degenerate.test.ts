// Sequence models on logs with nothing to learn (issue #16): the error says what is wrong with the data, not a TF.js
// op's complaint ("Error in oneHot: depth must be >=2") or a sequence-length rule the analyst did not break.
import { beforeAll, describe, expect, it } from 'vitest';
import { EventLogBuilder } from '../../data/eventLogBuilder';
import { leaveOneOutSplit, trainData } from '../../rec/split';
import { initBackend } from '../backend';
import { SeqRecommender } from './recommender';

const tiny = { hidden: 8, layers: 1, heads: 1, maxEpochs: 1, batchSize: 8 };
/** `users` users with `events` events each, at `item(u)`, in time order. */
function train(users: number, events: number, item: (u: number) => string) {
  const b = new EventLogBuilder();
  for (let u = 0; u < users; u++)
    for (let t = 0; t < events; t++) b.add({ user: `u${u}`, item: item(u), event: 'view', time: 1_700_000_000 + 60 * t + u, value: NaN });
  return trainData(leaveOneOutSplit(b.build()));
}

beforeAll(async () => {
  await initBackend('cpu');
});

describe('sequence models on degenerate logs', () => {
  const oneItem = train(30, 5, () => 'i1');

  it('bert4rec on a one-item log: only one distinct item, nothing to rank', async () => {
    await expect(new SeqRecommender('bert4rec', tiny).fit(oneItem, { seed: 1 })).rejects.toThrow(
      'the training data has only one distinct item: a recommender has nothing to rank (every event is with the same item)',
    );
  });

  it('sasrec on a one-item log where every user has 5 events says the same, not a sequence-length rule', async () => {
    await expect(new SeqRecommender('sasrec', tiny).fit(oneItem, { seed: 1 })).rejects.toThrow(
      'the training data has only one distinct item',
    );
  });

  it('sasrec when each user repeats one item of several: no user has 2 distinct items, and repeats do not count', async () => {
    await expect(
      new SeqRecommender('sasrec', tiny).fit(
        train(30, 5, (u) => `i${u % 7}`),
        { seed: 1 },
      ),
    ).rejects.toThrow(
      'no user has 2 or more distinct items to train on: sasrec learns each item from the ones before it, and repeats of an item a user already had do not count',
    );
  });
});
