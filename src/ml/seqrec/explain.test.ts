// The hooks the explanation work builds on (explicit input embeddings, attention per layer) and the side inputs.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, expect, it } from 'vitest';
import { initBackend } from '../backend';
import { inferenceBatch } from './batch';
import { batchTensors, inputEmbeddings, scoresFromEmbeddings } from './model';
import { SeqRecommender } from './recommender';

beforeAll(async () => {
  await initBackend('wasm');
});

const data = {
  numUsers: 3,
  numItems: 6,
  numEventTypes: 2,
  sequences: { offsets: Uint32Array.of(0, 4, 8, 12), items: Int32Array.of(0, 1, 2, 3, 1, 2, 3, 4, 2, 3, 4, 5) },
  events: Uint8Array.of(0, 1, 0, 1, 0, 0, 1, 1, 0, 1, 1, 0),
  times: Float64Array.from({ length: 12 }, (_, i) => 1000 * i * i),
};

it('scoresFromEmbeddings on the model own input embeddings reproduces scoreUsers, with attention per layer', async () => {
  const model = new SeqRecommender('sasrec', { hidden: 8, layers: 2, heads: 2, intermediate: 16, maxEpochs: 1, timeBuckets: 6 });
  await model.fit(data, { seed: 2 });
  const batch = {
    users: Int32Array.of(0),
    histories: [Int32Array.of(0, 1, 2)],
    events: [Uint8Array.of(0, 1, 0)],
    times: [Float64Array.of(0, 50, 5000)],
  };
  const expected = await model.scoreUsers(batch);
  expect(expected.every(Number.isFinite)).toBe(true);
  const net = model.network!;
  const before = tf.memory().numTensors;
  const { scores, attentions } = tf.tidy(() => {
    const t = batchTensors(inferenceBatch([{ items: batch.histories[0], events: batch.events[0], times: batch.times[0] }], net.config));
    const { items, context } = inputEmbeddings(net, t);
    return scoresFromEmbeddings(net, items, context, t.mask, true);
  });
  expect(Array.from(scores.dataSync())).toEqual(Array.from(expected));
  expect(attentions!.map((a) => a.shape)).toEqual([
    [1, 2, 3, 3],
    [1, 2, 3, 3],
  ]);
  // Causal: the first position attends only to itself.
  expect(tf.tidy(() => attentions![0].slice([0, 0, 0, 1], [1, 2, 1, 2]).max().dataSync()[0])).toBeLessThan(1e-6);
  tf.dispose([scores, ...attentions!]);
  expect(tf.memory().numTensors).toBe(before);
  model.dispose();
});
