// Attribution with batches over the memory limit (an injected out-of-memory error on the cpu backend): Integrated
// Gradients' path points and the perturbed histories that occlusion, LIME and Shapley score are split into halves
// until they fit, with a notice, and the attributions are those of the unsplit run.
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { asItemIdx, asUserIdx } from '../../lib/ids';
import { explainable } from '../../explain/model';
import { explain } from '../../explain/registry';
import type { ExplainableModel, ExplainTarget } from '../../explain/types';
import { createRng } from '../../lib/rng';
import { initBackend } from '../backend';
import { injectOutOfMemory, onBatchShrink } from '../../lib/oom';
import { liveTensors } from '../seqrec/score';
import { SeqRecommender, type SeqTrainData } from '../seqrec/recommender';

function data(numUsers: number): SeqTrainData {
  const rng = createRng(4);
  const offsets = new Uint32Array(numUsers + 1);
  const items: number[] = [];
  for (let u = 0; u < numUsers; u++) {
    for (let k = 0, n = 3 + rng.int(6); k < n; k++) items.push(rng.int(12));
    offsets[u + 1] = items.length;
  }
  return { numUsers, numItems: 12, sequences: { offsets, items: Int32Array.from(items) } };
}

let model: ExplainableModel;
const target: ExplainTarget = { user: asUserIdx(-1), history: Int32Array.of(5, 7, 0, 9, 3), item: asItemIdx(2) };

beforeAll(async () => {
  await initBackend('cpu');
  const rec = new SeqRecommender('sasrec', {
    hidden: 16,
    layers: 1,
    heads: 2,
    intermediate: 32,
    maxLen: 8,
    dropout: 0,
    learningRate: 1e-2,
    batchSize: 16,
    maxEpochs: 2,
    evalEvery: 2,
    patience: 100,
  });
  await rec.fit(data(40), { seed: 3 });
  model = await explainable(rec);
}, 120_000);
afterEach(() => injectOutOfMemory(null));

describe('attribution batches over the memory limit', () => {
  it.each([
    ['ig', { steps: 32 }, /Integrated Gradients: a batch of 33 did not fit/],
    ['occlusion', {}, null],
    ['shapley', { seed: 1, samples: 16 }, /Scoring: a batch of \d+ did not fit/],
    ['lime', { seed: 1, samples: 60 }, /Scoring: a batch of \d+ did not fit/],
  ] as const)('%s: same attributions, a notice, no leaked tensor', async (method, options, notice) => {
    const whole = await explain(method, model, target, options);
    if (!whole.ok) throw new Error(whole.reason);
    injectOutOfMemory(3);
    const notices: string[] = [];
    const off = onBatchShrink((n) => notices.push(n));
    const before = liveTensors();
    try {
      const split = await explain(method, model, target, options);
      if (!split.ok) throw new Error(split.reason);
      expect(split.data.values.length).toBe(whole.data.values.length);
      split.data.values.forEach((v, i) => expect(v).toBeCloseTo(whole.data.values[i], 4));
      if (notice) expect(notices.some((n) => notice.test(n))).toBe(true);
      // The attribution carries the notice for the reader.
      expect(split.data.notes.filter((n) => /did not fit in memory/.test(n))).toEqual(notices);
      expect(liveTensors()).toBe(before);
    } finally {
      off();
    }
  });
});
