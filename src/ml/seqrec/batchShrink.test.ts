// Training with a batch that does not fit memory (an injected out-of-memory error on the cpu backend): the step is
// retried with half the batch, down to what fits, and training goes on with a notice.
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createRng } from '../../lib/rng';
import type { Progress } from '../../lib/progress';
import { initBackend } from '../backend';
import { injectOutOfMemory } from '../../lib/oom';
import type { SeqRecMode, SeqRecSettings } from './config';
import { SeqRecommender, type SeqTrainData } from './recommender';
import { liveTensors } from './score';

function data(numUsers: number, seed: number): SeqTrainData {
  const rng = createRng(seed);
  const offsets = new Uint32Array(numUsers + 1);
  const items: number[] = [];
  for (let u = 0; u < numUsers; u++) {
    const len = 3 + rng.int(8);
    for (let k = 0; k < len; k++) items.push(rng.int(10));
    offsets[u + 1] = items.length;
  }
  return { numUsers, numItems: 10, sequences: { offsets, items: Int32Array.from(items) } };
}

// No dropout and no random windows: a step split into pieces must then give the step taken whole.
const SETTINGS: SeqRecSettings = {
  hidden: 16,
  layers: 1,
  heads: 2,
  intermediate: 32,
  maxLen: 12,
  dropout: 0,
  learningRate: 1e-2,
  batchSize: 16,
  maxEpochs: 3,
  evalEvery: 3,
  patience: 100,
  randomWindows: 0,
};
const histories = [Int32Array.of(1, 2, 3), Int32Array.of(4, 5), Int32Array.of(9, 8, 7, 6)];
const users = Int32Array.of(-1, -1, -1);

beforeAll(async () => {
  await initBackend('cpu');
});
afterEach(() => injectOutOfMemory(null));

describe.each<SeqRecMode>(['sasrec', 'bert4rec'])('%s with a batch over the memory limit', (mode) => {
  it('halves the batch down to what fits, says so, trains the same steps to the same weights, and leaks no tensor', async () => {
    const whole = new SeqRecommender(mode, SETTINGS);
    await whole.fit(data(48, 1), { seed: 5 });
    const expected = await whole.scoreUsers({ users, histories });
    whole.dispose?.();

    injectOutOfMemory(5);
    const before = liveTensors();
    const notices: string[] = [];
    const shrunk = new SeqRecommender(mode, SETTINGS);
    await shrunk.fit(data(48, 1), {
      seed: 5,
      onProgress: (p: Progress) => {
        if (typeof p.detail?.notice === 'string') notices.push(p.detail.notice);
      },
    });
    const got = await shrunk.scoreUsers({ users, histories });
    // 16 → 8 → 4, once each; the smaller batch is kept for the steps after.
    expect(notices).toHaveLength(2);
    expect(notices[0]).toMatch(/batch of 16 did not fit in memory .*Out of memory \(injected\).*batches of 8/);
    expect(notices[1]).toMatch(/batch of 8 .*batches of 4/);
    expect(shrunk.lastFit?.batchSize).toBe(4);
    expect(shrunk.lastFit?.steps).toBe(whole.lastFit?.steps);
    expect(shrunk.lastFit?.notices).toEqual(notices);
    for (let i = 0; i < got.length; i++) expect(got[i]).toBeCloseTo(expected[i], 3);
    shrunk.dispose?.();
    expect(liveTensors()).toBe(before);
  });

  it('fails with the out-of-memory error when not even one row fits', async () => {
    injectOutOfMemory(0);
    const before = liveTensors();
    const model = new SeqRecommender(mode, SETTINGS);
    await expect(model.fit(data(20, 2), { seed: 1 })).rejects.toThrow(/out of memory/i);
    model.dispose?.();
    expect(liveTensors()).toBe(before);
  });
});
