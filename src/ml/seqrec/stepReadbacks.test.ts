// A training step stays on the device (#23): from the step's gradients to its last weight update, nothing is read back
// to JavaScript. The loss and gradient norm that progress shows are read one step late, after the next step is queued.
import * as tf from '@tensorflow/tfjs';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createRng } from '../../lib/rng';
import { injectOutOfMemory } from '../../lib/oom';
import type { Progress } from '../../lib/progress';
import { initBackend } from '../backend';
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

/**
 * Trains with every read-back (Tensor.data/dataSync/array…, which all go through the engine's read and readSync),
 * every gradient pass (the engine's gradients) and every write to a model weight (Variable.assign) logged in order as
 * 'R', 'G' and 'A'. The engine's read, not the backend's: wasm's own slice, splitV and unpack kernels call
 * backend.readSync on their inputs as views of wasm memory, which moves nothing off the device.
 */
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
  const weights = new Set<tf.Variable>(model.named.values());
  const log: string[] = [];
  const engine = tf.engine() as unknown as {
    read(id: object): Promise<unknown>;
    readSync(id: object): unknown;
    gradients: (...a: unknown[]) => unknown;
  };
  const { read, readSync, gradients } = engine;
  const assign = tf.Variable.prototype.assign;
  engine.read = function (this: unknown, id: object) {
    log.push('R');
    return read.call(this, id);
  };
  engine.readSync = function (this: unknown, id: object) {
    log.push('R');
    return readSync.call(this, id);
  };
  engine.gradients = function (this: unknown, ...a: unknown[]) {
    log.push('G');
    return gradients.apply(this, a);
  };
  tf.Variable.prototype.assign = function (this: tf.Variable, v: tf.Tensor) {
    if (weights.has(this)) log.push('A');
    return assign.call(this, v);
  };
  const progress: Progress[] = [];
  try {
    if (opts.oomAbove) injectOutOfMemory(opts.oomAbove);
    const result = await trainSeqRec(model, sequences(32), { seed: 1, onProgress: (p) => void progress.push(p) });
    return { log: log.join(''), result, progress };
  } finally {
    engine.read = read;
    engine.readSync = readSync;
    engine.gradients = gradients;
    tf.Variable.prototype.assign = assign;
    disposeModel(model);
  }
}

/** The log cut into steps: each from its first gradient pass to the last weight write before the next step's. */
function steps(log: string): string[] {
  return log.split(/(?=G)/).filter((s) => s.startsWith('G'));
}

/**
 * Read-backs inside a step: after its first gradient pass and before its last weight write. The log is cut after each
 * run of writes, so a segment is [reads between steps] then one step (all its gradient passes, then its writes).
 */
function readsInsideSteps(log: string): number {
  return log
    .split(/(?<=A)(?=[^A])/)
    .filter((seg) => seg.includes('A'))
    .reduce((n, seg) => n + (seg.replace(/^R+/, '').match(/R/g) ?? []).length, 0);
}

describe('a training step reads nothing back', () => {
  for (const mode of ['sasrec', 'bert4rec'] as const) {
    it(`${mode}: no read-back between a step's gradients and its update; one read a step, after it`, async () => {
      const { log, result, progress } = await logged(mode);
      const all = steps(log);
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
