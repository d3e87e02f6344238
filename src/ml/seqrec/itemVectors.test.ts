// The embedding map reads a sequence model's item table: the exported 'embeddings.item' rows of the real items, without
// the padding row 0 and the [MASK] row at the end.
import { describe, expect, it } from 'vitest';
import { loadDemo } from '../../data/demo';
import { leaveOneOutSplit, trainData } from '../../rec/split';
import { initBackend } from '../backend';
import { SeqRecommender } from './recommender';

describe('SeqRecommender.itemVectors', () => {
  it('gives rows 1..numItems of the item table, one per item of the log', async () => {
    await initBackend('cpu');
    const { log } = loadDemo({ users: 30, items: 20, seed: 2 });
    const model = new SeqRecommender('sasrec', { hidden: 8, layers: 1, heads: 1, maxEpochs: 1, batchSize: 16 });
    try {
      await model.fit(trainData(leaveOneOutSplit(log)), { seed: 1 });
      const { data, dim } = await model.itemVectors();
      const table = (await model.exportState()).tensors['embeddings.item'];
      const n = log.items.length;
      expect(dim).toBe(8);
      expect(table.shape).toEqual([n + 2, 8]);
      expect(Array.from(data)).toEqual(Array.from(table.data.subarray(8, 8 * (n + 1))));
    } finally {
      model.dispose();
    }
  });
});
