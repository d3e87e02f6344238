// Inverse-propensity example weights in the sequence models' loss (issue #19): the weights against hand-computed
// ones, the weighted loss against a hand-computed weighted cross-entropy, uniform propensities against the unweighted
// loss, SNIPS's normalisation, and debias none training exactly as without weights.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { injectOutOfMemory } from '../../lib/oom';
import { createRng } from '../../lib/rng';
import type { PropensityModel } from '../../rec/propensity';
import { ratingData } from '../../rec/ratings';
import { initBackend } from '../backend';
import { sasrecBatch, type Targets } from './batch';
import { defaultConfig, resolveConfig, type SeqRecSettings } from './config';
import { exampleWeighting, stepWeights, type ExampleWeighting } from './exampleWeights';
import { sequenceLoss } from './loss';
import { allItemLogits, batchTensors, createModel, disposeModel, encodeEmbeddings, inputEmbeddings } from './model';
import { SeqRecommender, type SeqTrainData } from './recommender';

beforeAll(async () => {
  await initBackend('wasm');
});

/** A propensity table over (user, item); pairs it lacks are 0.5. */
const table = (entries: Record<string, number>): PropensityModel => ({ source: 'file', p: (u, i) => entries[`${u},${i}`] ?? 0.5 });
const fixed = (w: Record<string, number>, normalise = false): ExampleWeighting => ({
  weight: (u, i) => w[`${u},${i}`],
  normalise,
  propensity: { source: 'file', diagnostic: {} as ExampleWeighting['propensity']['diagnostic'] },
});

describe('example weights', () => {
  // Users 0 and 1 over 3 items: p(0,0) = 0.5, p(0,2) = 0.25, p(1,1) = 0.001 (clipped to 0.01), p(1,2) = 1.
  const pairs = ratingData(2, 3, [
    [0, 0, 1],
    [0, 2, 1],
    [1, 1, 1],
    [1, 2, 1],
  ]);
  const model = table({ '0,0': 0.5, '0,2': 0.25, '1,1': 0.001, '1,2': 1 });

  it('IPS: 1 / clipped propensity of the target pair; none: no weighting', () => {
    const w = exampleWeighting('ips', model, pairs, 0.01)!;
    expect([w.weight(0, 0), w.weight(0, 2), w.weight(1, 1), w.weight(1, 2)]).toEqual([2, 4, 100, 1]);
    expect(w.normalise).toBe(false);
    expect(w.propensity.diagnostic.clippedShare).toBe(0.25);
    expect(() => w.weight(1, 0)).toThrow(/no propensity/);
    expect(exampleWeighting('none', model, pairs, 0.01)).toBeNull();
    expect(exampleWeighting('snips', model, pairs, 0.01)!.normalise).toBe(true);
  });

  // Two rows of width 4: row 0 (user 7) has targets at columns 2, 3; row 1 (user 9) at columns 1, 2, 3.
  const targets: Targets = { flat: Int32Array.of(2, 3, 5, 6, 7), items: Int32Array.of(0, 1, 0, 2, 1) };
  const w = { '7,0': 2, '7,1': 4, '9,0': 1, '9,2': 10, '9,1': 3 };

  it("each target takes its own row's user", () => {
    const [ips] = stepWeights([{ targets, len: 4, firstRow: 0 }], [7, 9], fixed(w));
    expect(Array.from(ips)).toEqual([2, 4, 1, 10, 3]);
  });

  it('SNIPS: scaled by N / Σw = 5 / 20 so the step averages 1, also when the step is split into pieces', () => {
    const [snips] = stepWeights([{ targets, len: 4, firstRow: 0 }], [7, 9], fixed(w, true));
    expect(Array.from(snips)).toEqual([0.5, 1, 0.25, 2.5, 0.75]);
    // The same step as two one-row pieces (re-based flat indices): normalised over the whole step, not each piece.
    const pieces = stepWeights(
      [
        { targets: { flat: Int32Array.of(2, 3), items: Int32Array.of(0, 1) }, len: 4, firstRow: 0 },
        { targets: { flat: Int32Array.of(1, 2, 3), items: Int32Array.of(0, 2, 1) }, len: 4, firstRow: 1 },
      ],
      [7, 9],
      fixed(w, true),
    );
    expect(pieces.map((p) => Array.from(p))).toEqual([
      [0.5, 1],
      [0.25, 2.5, 0.75],
    ]);
  });
});

describe('weighted sequence loss', () => {
  const numItems = 6;
  const config = { ...defaultConfig('sasrec', numItems, [4]), hidden: 8, heads: 2, intermediate: 16, layers: 1, maxLen: 4, dropout: 0 };
  const { arrays, targets } = sasrecBatch([{ items: [0, 2, 5, 1] }, { items: [3, 4] }], config);
  const lossOf = (m: ReturnType<typeof createModel>, weights?: Float32Array) => {
    const l = sequenceLoss(m, arrays, targets, 1, undefined, weights);
    const v = l.dataSync()[0];
    l.dispose();
    return v;
  };

  it('equals Σ w·CE / N computed by hand from the logits', () => {
    const m = createModel(config, 3);
    m.weights.itemBias.assign(tf.tensor1d([0.5, -1, 2, 0, 1, -0.5]));
    const logits = tf.tidy(() => {
      const t = batchTensors(arrays);
      const { items, context } = inputEmbeddings(m, t);
      const hidden = encodeEmbeddings(m, items, context, t.mask).lastHiddenState.reshape([-1, config.hidden]);
      return allItemLogits(m, tf.gather(hidden, tf.tensor1d(targets.flat, 'int32')) as tf.Tensor2D).arraySync() as number[][];
    });
    // CE_k = log Σ_j exp(z_kj) − z_k,target.
    const ce = logits.map((z, k) => Math.log(z.reduce((s, x) => s + Math.exp(x), 0)) - z[targets.items[k]]);
    expect(ce).toHaveLength(4);
    const weights = Float32Array.of(2, 0.5, 10, 1);
    const byHand = ce.reduce((s, c, k) => s + weights[k] * c, 0) / ce.length;
    expect(lossOf(m, weights)).toBeCloseTo(byHand, 4);
    // The weights matter: unweighted it is the plain mean.
    expect(lossOf(m)).toBeCloseTo(ce.reduce((s, c) => s + c, 0) / ce.length, 4);
    expect(Math.abs(lossOf(m, weights) - lossOf(m))).toBeGreaterThan(0.5);
    expect(() => lossOf(m, Float32Array.of(1, 1))).toThrow(/2 example weights for 4 targets/);
    disposeModel(m);
  });

  it('uniform propensities reproduce the unweighted loss: IPS with p = 1, SNIPS with any constant p', () => {
    const m = createModel(config, 4);
    const users = [0, 1];
    const pairs = ratingData(2, numItems, [
      [0, 0, 1],
      [0, 2, 1],
      [0, 5, 1],
      [0, 1, 1],
      [1, 3, 1],
      [1, 4, 1],
    ]);
    const uniform = (p: number): PropensityModel => ({ source: 'pop', p: () => p });
    const [ipsOne] = stepWeights([{ targets, len: arrays.len, firstRow: 0 }], users, exampleWeighting('ips', uniform(1), pairs, 0.01)!);
    const [snips] = stepWeights([{ targets, len: arrays.len, firstRow: 0 }], users, exampleWeighting('snips', uniform(0.2), pairs, 0.01)!);
    expect(Array.from(snips)).toEqual([1, 1, 1, 1]);
    expect(lossOf(m, ipsOne)).toBe(lossOf(m));
    expect(lossOf(m, snips)).toBe(lossOf(m));
    disposeModel(m);
  });
});

describe('debiased training', () => {
  const NUM_ITEMS = 8;
  function data(numUsers: number, seed: number): SeqTrainData {
    const rng = createRng(seed);
    const offsets = new Uint32Array(numUsers + 1);
    const items: number[] = [];
    for (let u = 0; u < numUsers; u++) {
      const seen = new Set<number>();
      for (let n = 3 + rng.int(4); seen.size < n;) seen.add(rng.int(NUM_ITEMS));
      items.push(...seen);
      offsets[u + 1] = items.length;
    }
    return { numUsers, numItems: NUM_ITEMS, sequences: { offsets, items: Int32Array.from(items) } };
  }
  const SETTINGS: SeqRecSettings = {
    hidden: 8,
    layers: 1,
    heads: 2,
    intermediate: 16,
    maxLen: 8,
    batchSize: 8,
    maxEpochs: 2,
    evalEvery: 2,
  };
  // Item 0 is shown to everyone (p = 0.9), the rest rarely (p = 0.05).
  const skewed: PropensityModel = { source: 'exposure', p: (_u, i) => (i === 0 ? 0.9 : 0.05) };

  async function weightsAfter(settings: SeqRecSettings, propensity?: PropensityModel) {
    const model = new SeqRecommender('sasrec', settings, undefined, propensity);
    await model.fit(data(20, 5), { seed: 9 });
    const state = await model.exportState();
    const debias = model.lastDebias;
    model.dispose();
    return { tensors: Object.values(state.tensors).map((t) => Array.from(t.data)), settings: state.settings, debias };
  }

  it('debias none trains bit-identically to no debias setting (a propensity given or not); ips trains other weights', async () => {
    const plain = await weightsAfter(SETTINGS);
    const none = await weightsAfter({ ...SETTINGS, debias: 'none' }, skewed);
    expect(none.tensors).toEqual(plain.tensors);
    expect(none.debias).toEqual({ debias: 'none', propensity: null });
    const ips = await weightsAfter({ ...SETTINGS, debias: 'ips' }, skewed);
    expect(ips.tensors).not.toEqual(plain.tensors);
    // The checkpoint's settings record the objective and the clip; the fit reports the propensities' overlap.
    expect(ips.settings).toMatchObject({ debias: 'ips', clip: 0.01 });
    expect(ips.debias?.propensity?.source).toBe('exposure');
    expect(ips.debias?.propensity?.diagnostic.clippedShare).toBe(0);
  });

  it.each(['sasrec', 'bert4rec'] as const)(
    '%s SNIPS: a step split into sub-batches (out of memory) is weighted as the whole step and trains the same weights',
    async (mode) => {
      // No dropout: the pieces must then sum to the whole step's gradient, which holds only if SNIPS normalises over it.
      const settings: SeqRecSettings = { ...SETTINGS, dropout: 0, batchSize: 16, debias: 'snips' };
      const fit = async () => {
        const model = new SeqRecommender(mode, settings, undefined, skewed);
        await model.fit(data(40, 6), { seed: 2 });
        const scores = await model.scoreUsers({ users: Int32Array.of(-1, -1), histories: [Int32Array.of(1, 2, 3), Int32Array.of(0, 5)] });
        const batchSize = model.lastFit?.batchSize;
        model.dispose();
        return { scores: Array.from(scores), batchSize };
      };
      await initBackend('cpu');
      try {
        const whole = await fit();
        injectOutOfMemory(5);
        const shrunk = await fit();
        expect(shrunk.batchSize).toBe(4);
        shrunk.scores.forEach((x, i) => expect(x).toBeCloseTo(whole.scores[i], 3));
      } finally {
        injectOutOfMemory(null);
        await initBackend('wasm');
      }
    },
  );

  it('range-checks debias and clip before anything is built', () => {
    expect(() => new SeqRecommender('sasrec', { clip: 0.9 })).toThrow(/clip/);
    const base = defaultConfig('bert4rec', 5, [4]);
    const bad = resolveConfig(base, { debias: 'dr' as never });
    expect(bad.ok ? '' : bad.reason).toMatch(/debias must be one of none, ips, snips for bert4rec/);
    expect(resolveConfig(base, { debias: 'snips', clip: 0.05 }).ok).toBe(true);
  });
});
