// SASRec/BERT4Rec on a tiny planted pattern (A→B→C): learning, determinism, padding invariance, no leaks, state.
import { beforeAll, describe, expect, it } from 'vitest';
import { createRng } from '../../lib/rng';
import type { Progress } from '../../lib/progress';
import { initBackend } from '../backend';
import type { SeqRecMode, SeqRecSettings } from './config';
import { createModel, disposeModel } from './model';
import { SeqRecommender, type SeqTrainData } from './recommender';
import { liveTensors } from './score';
import { trainSeqRec } from './train';

const A = 0;
const B = 1;
const C = 2;
const NUM_ITEMS = 10;

/** Users whose sequences mix random "noise" items (3..9) with the block A, B, C; A is always followed by B, B by C. */
function plantedData(numUsers: number, seed: number): SeqTrainData {
  const rng = createRng(seed);
  const offsets = new Uint32Array(numUsers + 1);
  const items: number[] = [];
  for (let u = 0; u < numUsers; u++) {
    const len = 6 + rng.int(6);
    while (items.length - offsets[u] < len) {
      for (let k = 0, n = 1 + rng.int(2); k < n; k++) items.push(3 + rng.int(NUM_ITEMS - 3));
      items.push(A, B, C);
    }
    // Cut at a random point so sequences do not all end with the same item (the end position would memorise it).
    items.length = offsets[u] + len;
    offsets[u + 1] = items.length;
  }
  return { numUsers, numItems: NUM_ITEMS, sequences: { offsets, items: Int32Array.from(items) } };
}

const TINY: SeqRecSettings = {
  hidden: 16,
  layers: 1,
  heads: 2,
  intermediate: 32,
  maxLen: 12,
  dropout: 0.1,
  learningRate: 1e-2,
  batchSize: 16,
  maxEpochs: 40,
  evalEvery: 40,
  patience: 100,
};

const argmax = (row: Float32Array) => row.reduce((best, x, i) => (x > row[best] ? i : best), 0);

beforeAll(async () => {
  await initBackend('wasm');
});

describe.each<SeqRecMode>(['sasrec', 'bert4rec'])('%s', (mode) => {
  // BERT4Rec learns from ~20% of positions per step, so it gets more epochs and more last-position masks; validating
  // only at the end keeps the final weights (a saturated tiny validation set would pick an early epoch).
  const settings: SeqRecSettings = mode === 'sasrec' ? TINY : { ...TINY, hidden: 32, maxEpochs: 80, evalEvery: 80, lastMaskShare: 0.3 };
  const histories = [Int32Array.of(5, 7, A), Int32Array.of(8, A, B), Int32Array.of(4, 6, 9, 3, A), Int32Array.of(9, 9, 4, A, B)];
  const users = Int32Array.of(-1, -1, -1, -1);

  it('learns the planted A→B→C pattern to HR@1 = 1, without leaking tensors, and reloads from its state', async () => {
    const progress: Progress[] = [];
    const before = liveTensors();
    const model = new SeqRecommender(mode, settings);
    // Seed 3, used until #23's fused training kernels, sat on an edge for bert4rec: a 1e-6 change of the learning rate
    // or a reordered float32 sum changed one of its four answers. Seeds 1, 2, 4, 5 and 6 gave all four in both modes
    // under each such change (the kernels on and off, the rate ×(1 ± 1e-6)).
    await model.fit(plantedData(64, 1), { seed: 1, onProgress: (p) => progress.push(p) });
    const afterFit = liveTensors();
    const scores = await model.scoreUsers({ users, histories });
    expect(liveTensors()).toBe(afterFit);
    const tops = histories.map((_, r) => argmax(scores.subarray(r * NUM_ITEMS, (r + 1) * NUM_ITEMS)));
    expect(tops).toEqual([B, C, B, C]);
    const last = progress.at(-1)!;
    expect(last.unit).toBe('steps');
    expect(last.detail).toMatchObject({
      epoch: expect.any(Number),
      totalSteps: expect.any(Number),
      loss: expect.any(Number),
      valNdcg10: expect.any(Number),
    });
    const copy = new SeqRecommender(mode);
    copy.importState(await model.exportState());
    expect(Array.from(await copy.scoreUsers({ users, histories }))).toEqual(Array.from(scores));
    model.dispose();
    copy.dispose();
    expect(liveTensors()).toBe(before);
  });

  it('gives identical weights for the same seed and different ones for another seed', async () => {
    const data = plantedData(32, 5);
    const fitted = async (seed: number) => {
      const m = new SeqRecommender(mode, { ...TINY, maxEpochs: 3 });
      await m.fit(data, { seed });
      const s = Array.from(await m.scoreUsers({ users, histories }));
      m.dispose();
      return s;
    };
    const a = await fitted(7);
    expect(await fitted(7)).toEqual(a);
    expect(await fitted(8)).not.toEqual(a);
  });

  it('gives the same scores whatever left padding a longer row in the batch adds', async () => {
    const model = new SeqRecommender(mode, { ...TINY, maxEpochs: 1 });
    await model.fit(plantedData(16, 2), { seed: 1 });
    const short = Int32Array.of(4, A);
    const alone = await model.scoreUsers({ users: Int32Array.of(-1), histories: [short] });
    const padded = await model.scoreUsers({ users: Int32Array.of(-1, -1), histories: [short, Int32Array.of(3, 4, 5, 6, 7, 8, 9, A, B)] });
    alone.forEach((x, i) => expect(padded[i]).toBeCloseTo(x, 5));
    model.dispose();
  });
});

describe('final fit (validation: none)', () => {
  it('trains on every item, the last ones included, with no early stopping', async () => {
    // B only ever appears last, right after A: the default internal hold-out takes it away, the final fit keeps it.
    const rng = createRng(9);
    const numUsers = 32;
    const offsets = Uint32Array.from({ length: numUsers + 1 }, (_, u) => 4 * u);
    const items = Int32Array.from({ length: 4 * numUsers }, (_, i) => (i % 4 === 2 ? A : i % 4 === 3 ? B : 3 + rng.int(NUM_ITEMS - 3)));
    const data: SeqTrainData = { numUsers, numItems: NUM_ITEMS, sequences: { offsets, items } };
    const topAfterA = async (validation: 'none' | undefined) => {
      const m = new SeqRecommender('sasrec', TINY);
      await m.fit(data, { seed: 2, ...(validation ? { validation } : {}) });
      const row = await m.scoreUsers({ users: Int32Array.of(-1), histories: [Int32Array.of(5, A)] });
      const fit = m.lastFit!;
      m.dispose();
      return { top: argmax(row), fit };
    };
    const final = await topAfterA('none');
    expect(final.top).toBe(B);
    expect(final.fit.epochs).toBe(TINY.maxEpochs);
    expect(final.fit.bestEpoch).toBeUndefined();
    expect(final.fit.history.every((h) => h.valNdcg10 === undefined)).toBe(true);
    const heldOut = await topAfterA(undefined);
    expect(heldOut.top).not.toBe(B);
    // The held-out run validates each epoch and keeps the best one (ties go to the later epoch).
    const scored = heldOut.fit.history.filter((h) => h.valNdcg10 !== undefined);
    expect(scored.length).toBeGreaterThan(0);
    const best = Math.max(...scored.map((h) => h.valNdcg10!));
    expect(heldOut.fit.bestValNdcg10).toBe(best);
    expect(heldOut.fit.bestEpoch).toBe(scored.filter((h) => h.valNdcg10 === best).at(-1)!.epoch);
  });
});

describe('trainSeqRec', () => {
  it('keeps the tensor count flat across steps and epochs, and cancels through the AbortSignal', async () => {
    const data = plantedData(40, 4);
    const seqs = Array.from({ length: data.numUsers }, (_, u) => ({
      items: data.sequences.items.subarray(data.sequences.offsets[u], data.sequences.offsets[u + 1]),
    }));
    const { defaultConfig } = await import('./config');
    const config = { ...defaultConfig('sasrec', NUM_ITEMS, [8]), ...TINY, mode: 'sasrec' as const, batchSize: 8 };
    const model = createModel({ ...config, maxEpochs: 1 }, 0);
    const counts: number[] = [];
    const base = liveTensors();
    await trainSeqRec(model, seqs, { seed: 0, onProgress: () => counts.push(liveTensors()) });
    model.config = { ...config, maxEpochs: 3 };
    await trainSeqRec(model, seqs, { seed: 0, startEpoch: 1, onProgress: () => counts.push(liveTensors()) });
    expect(counts.length).toBeGreaterThan(10);
    // Flat: the same two counts throughout, one apart. A step's [loss, norm] is read one step late, so mid-epoch the
    // next step's figures are alive when progress is reported, and not at the epoch's end (#23).
    expect([...new Set(counts)].sort()).toEqual([Math.min(...counts), Math.min(...counts) + 1]);
    expect(liveTensors()).toBe(base);
    const abort = new AbortController();
    abort.abort();
    await expect(trainSeqRec(model, seqs, { seed: 0, signal: abort.signal })).rejects.toThrow('Cancelled');
    expect(liveTensors()).toBe(base);
    disposeModel(model);
  });
});
