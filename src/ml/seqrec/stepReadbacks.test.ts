// A training step stays on the device (#23): from the step's gradients to its last weight update, nothing is read back
// to JavaScript. The loss and gradient norm that progress shows are read one step late, after the next step is queued.
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createRng } from '../../lib/rng';
import { injectOutOfMemory } from '../../lib/oom';
import type { Progress } from '../../lib/progress';
import { initBackend } from '../backend';
import { logReadbacks, readsInsideSteps, stepsOf } from '../train/readbackLog';
import { defaultConfig, type SeqRecMode } from './config';
import { createModel, disposeModel } from './model';
import { trainSeqRec } from './train';

const NUM_ITEMS = 12;

beforeAll(async () => {
  await initBackend('wasm');
});
afterEach(() => injectOutOfMemory(null));

function sequences(users: number): { items: number[] }[] {
  const rng = createRng(7);
  return Array.from({ length: users }, () => ({ items: Array.from({ length: 4 + rng.int(5) }, () => rng.int(NUM_ITEMS)) }));
}

/** Trains with read-backs, gradient passes and model-weight writes logged (train/readbackLog). */
async function logged(mode: SeqRecMode, opts: { oomAbove?: number } = {}) {
  const config = {
    ...defaultConfig(mode, NUM_ITEMS, [8]),
    hidden: 8,
    layers: 1,
    heads: 2,
    intermediate: 16,
    maxLen: 8,
    maxEpochs: 2,
    batchSize: 8,
    mode,
  };
  const model = createModel(config, 0);
  const log = logReadbacks(model.named.values());
  const progress: Progress[] = [];
  try {
    if (opts.oomAbove) injectOutOfMemory(opts.oomAbove);
    const result = await trainSeqRec(model, sequences(32), { seed: 1, onProgress: (p) => void progress.push(p) });
    return { log: log.text(), result, progress };
  } finally {
    log.restore();
    disposeModel(model);
  }
}

describe('a training step reads nothing back', () => {
  for (const mode of ['sasrec', 'bert4rec'] as const) {
    it(`${mode}: no read-back between a step's gradients and its update; one read a step, after it`, async () => {
      const { log, result, progress } = await logged(mode);
      const all = stepsOf(log);
      // 32 users in batches of 8, 2 epochs: 8 steps, each one gradient pass then the writes of every weight.
      expect(result.steps).toBe(8);
      expect(all).toHaveLength(8);
      expect(
        all.every((s) => /^GA+R*$/.test(s)),
        log,
      ).toBe(true);
      expect(readsInsideSteps(log)).toBe(0);
      // Each step's figures are read once, later: after the next step's update, or at the end of its epoch.
      const readsAfterSteps = all.map((s) => (s.slice(s.lastIndexOf('A')).match(/R/g) ?? []).length);
      expect(readsAfterSteps).toEqual([0, 1, 1, 2, 0, 1, 1, 2]);
      // Progress still reports every step's loss, in order.
      const perStep = progress.filter((p) => p.detail?.loss !== undefined).map((p) => p.detail!.step);
      expect(perStep).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
      expect(result.history.every((h) => Number.isFinite(h.loss) && h.loss > 0)).toBe(true);
    });
  }

  it('a step split on out-of-memory into pieces sums their losses on the device, not piece by piece', async () => {
    // Batches of 8 rows over a 3-row limit: each step runs as pieces of at most 3 rows (withShrinkingBatch).
    const { log, result } = await logged('sasrec', { oomAbove: 3 });
    const all = log.match(/G/g) ?? [];
    expect(result.steps).toBe(8);
    // Several gradient passes (pieces) a step, and still no read-back until the step's update is queued.
    expect(all.length).toBeGreaterThan(8);
    expect(readsInsideSteps(log), log).toBe(0);
    expect(log.match(/R/g)).toHaveLength(8);
  });
});
