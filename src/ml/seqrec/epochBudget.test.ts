// The epoch budget inside the training loop: it lowers maxEpochs (never raises it) and progress follows the plan.
// Budgets are chosen far from any real step time (a microsecond, a day), so no assertion depends on the clock.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Progress } from '../../lib/progress';
import { initBackend } from '../backend';
import { SeqRecommender, type SeqTrainData } from './recommender';

/** 32 users with 6 items each from a 12-item catalog (cyclic, so every user has a next item to learn). */
function data(): SeqTrainData {
  const items: number[] = [];
  const offsets = new Uint32Array(33);
  for (let u = 0; u < 32; u++) {
    for (let k = 0; k < 6; k++) items.push((u + k) % 12);
    offsets[u + 1] = items.length;
  }
  return { numUsers: 32, numItems: 12, sequences: { offsets, items: Int32Array.from(items) } };
}

const SMALL = { hidden: 8, layers: 1, heads: 1, intermediate: 16, maxLen: 8, batchSize: 8, evalEvery: 1, patience: 100 };

beforeAll(async () => {
  await initBackend('wasm');
});

describe('sasrec with an epoch budget', () => {
  it('trains one epoch when a single epoch overruns the budget, and the progress total is that epoch', async () => {
    const progress: Progress[] = [];
    const model = new SeqRecommender('sasrec', { ...SMALL, maxEpochs: 6, epochBudgetSec: 1e-6 });
    await model.fit(data(), { seed: 1, onProgress: (p) => progress.push(p) });
    expect(model.lastFit?.epochs).toBe(1);
    expect(model.lastFit?.epochBudget).toMatchObject({ epochs: 1, budgetSec: 1e-6, capped: false });
    // 32 users, each keeps 5 training items after the internal hold-out: 32 rows / batch 8 = 4 steps.
    expect(progress.at(-1)).toMatchObject({ done: 4, total: 4 });
    model.dispose();
  });

  it('never trains past maxEpochs, and says so when the budget had room for more', async () => {
    const model = new SeqRecommender('sasrec', { ...SMALL, maxEpochs: 3, epochBudgetSec: 86_400 });
    await model.fit(data(), { seed: 1 });
    expect(model.lastFit?.epochs).toBe(3);
    expect(model.lastFit?.epochBudget).toMatchObject({ epochs: 3, capped: true });
    model.dispose();
  });

  it('leaves maxEpochs alone without a budget', async () => {
    const model = new SeqRecommender('sasrec', { ...SMALL, maxEpochs: 3 });
    await model.fit(data(), { seed: 1 });
    expect(model.lastFit?.epochs).toBe(3);
    expect(model.lastFit?.epochBudget).toBeUndefined();
    model.dispose();
  });
});
