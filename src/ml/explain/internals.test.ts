// Gradient and attention explanations on a tiny SASRec with a planted rule: "A, x → C" (C follows A two steps on).
import * as tf from '@tensorflow/tfjs';
import { asItemIdx, asUserIdx } from '../../lib/ids';
import { beforeAll, describe, expect, it } from 'vitest';
import { explainable } from '../../explain/model';
import { explain } from '../../explain/registry';
import type { ExplainableModel, ExplainTarget } from '../../explain/types';
import { createRng } from '../../lib/rng';
import { initBackend } from '../backend';
import { SeqRecommender, type SeqTrainData } from '../seqrec/recommender';

const A = 0;
const C = 2;
const NUM_ITEMS = 12;

/** Noise items 3..11 with blocks [A, x, C] (x random noise) planted in: C is caused by the event before the last. */
function plantedData(numUsers: number, seed: number): SeqTrainData {
  const rng = createRng(seed);
  const offsets = new Uint32Array(numUsers + 1);
  const items: number[] = [];
  const noise = () => 3 + rng.int(NUM_ITEMS - 3);
  for (let u = 0; u < numUsers; u++) {
    const len = 7 + rng.int(5);
    while (items.length - offsets[u] < len) {
      for (let k = 0, n = 1 + rng.int(3); k < n; k++) items.push(noise());
      items.push(A, noise(), C);
    }
    items.length = offsets[u] + len;
    offsets[u + 1] = items.length;
  }
  return { numUsers, numItems: NUM_ITEMS, sequences: { offsets, items: Int32Array.from(items) } };
}

let model: ExplainableModel;
let rec: SeqRecommender;
const target: ExplainTarget = { user: asUserIdx(-1), history: Int32Array.of(5, 7, A, 9), item: asItemIdx(C) };
const argmax = (v: ArrayLike<number>) => Array.from(v).reduce((best, x, i, a) => (x > a[best] ? i : best), 0);

beforeAll(async () => {
  await initBackend('wasm');
  rec = new SeqRecommender('sasrec', {
    hidden: 16,
    layers: 1,
    heads: 2,
    intermediate: 32,
    maxLen: 8,
    dropout: 0.1,
    learningRate: 1e-2,
    batchSize: 32,
    maxEpochs: 30,
    evalEvery: 30,
    patience: 100,
  });
  await rec.fit(plantedData(160, 1), { seed: 3 });
  model = await explainable(rec);
}, 120_000);

describe('sequence-model internals', () => {
  it('learned the planted rule: C is the top recommendation after "A, x"', async () => {
    const scores = await rec.scoreUsers({ users: Int32Array.of(-1), histories: [target.history] });
    const ranked = Array.from(scores.keys())
      .filter((i) => !target.history.includes(i))
      .sort((a, b) => scores[b] - scores[a]);
    expect(ranked[0]).toBe(C);
  });

  it('Integrated Gradients: completeness gap < 1% at 64 steps for every baseline, f(x) = scoreUsers', async () => {
    const scores = await rec.scoreUsers({ users: Int32Array.of(-1), histories: [target.history] });
    for (const baseline of ['mask', 'padding', 'zeros', 'mean'] as const) {
      const r = await explain('ig', model, target, { steps: 64, baseline });
      expect(r.ok).toBe(true);
      if (!r.ok) continue;
      expect(r.data.score).toBeCloseTo(scores[C], 4);
      expect(r.data.diagnostics.relativeGap as number).toBeLessThan(0.01);
    }
  });

  it('padding columns get exactly zero, and padding does not change the event values', async () => {
    const plain = await model.internals!.integratedGradients(target, { baseline: 'mask', steps: 16 });
    const padded = await model.internals!.integratedGradients(target, { baseline: 'mask', steps: 16, padTo: target.history.length + 3 });
    expect(Array.from(padded.columns.subarray(0, 3))).toEqual([0, 0, 0]);
    for (let k = 0; k < target.history.length; k++) expect(padded.values[k]).toBeCloseTo(plain.values[k], 4);
  });

  // Over fit seeds 1–10, IG put A first every time. Occlusion, LIME and Shapley put A above the events before it every
  // time, and most often put the last event (x) first: the read position carries its own input, as rollout's residual
  // does below. Gradient × input, a local linearisation, kept A above those events in 6 of 10 and is not held to it.
  it('the planted event (A) leads the events before it under every score-based method, and IG puts it first', async () => {
    for (const method of ['ig', 'occlusion', 'lime', 'shapley']) {
      const r = await explain(method, model, target, { seed: 1, samples: method === 'lime' ? 200 : 16 });
      expect(r.ok).toBe(true);
      if (!r.ok) continue;
      const [first, second, planted] = r.data.values;
      expect([method, planted > Math.max(first, second)]).toEqual([method, true]);
      if (method === 'ig') expect(argmax(r.data.values)).toBe(2);
    }
  });

  it('rollout: non-negative, sums to ≤ 1, and A leads every event except the read position (its own residual)', async () => {
    const r = await explain('rollout', model, target);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const v = Array.from(r.data.values);
    expect(v.every((x) => x >= 0)).toBe(true);
    expect(v.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(1 + 1e-6);
    // In sasrec the prediction is read at the newest event, which keeps ≥ half the mass through the identity term.
    expect(argmax(v.slice(0, -1))).toBe(2);
  });

  it('events beyond the window get 0 and a note; no tensors leak', async () => {
    const long = { ...target, history: Int32Array.of(3, 4, 5, 6, 7, 8, 9, 10, 5, 7, A, 9) };
    const before = tf.memory().numTensors;
    const r = await explain('ig', model, long, { steps: 8 });
    await explain('gradxinput', model, long);
    await explain('rollout', model, long);
    expect(tf.memory().numTensors).toBe(before);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(Array.from(r.data.values.subarray(0, 4))).toEqual([0, 0, 0, 0]);
    expect(r.data.notes.join(' ')).toMatch(/newest 8 events/);
  });
});

describe('bert4rec internals', () => {
  it('IG completeness and padding hold with the [MASK] read column; rollout leaves the [MASK] share out', async () => {
    const b4r = new SeqRecommender('bert4rec', {
      hidden: 16,
      layers: 2,
      heads: 2,
      intermediate: 32,
      maxLen: 8,
      maxEpochs: 2,
      evalEvery: 2,
    });
    await b4r.fit(plantedData(40, 2), { seed: 1 });
    const m = await explainable(b4r);
    const ig = await explain('ig', m, target, { steps: 64, baseline: 'zeros' });
    expect(ig.ok && (ig.data.diagnostics.relativeGap as number)).toBeLessThan(0.01);
    const padded = await m.internals!.integratedGradients(target, { baseline: 'mask', steps: 8, padTo: 9 });
    // 4 events + [MASK] in 9 columns: 4 padding columns and the [MASK] column carry nothing.
    expect(Array.from(padded.columns.subarray(0, 4))).toEqual([0, 0, 0, 0]);
    expect(padded.columns[8]).toBe(0);
    const ro = await explain('rollout', m, target);
    expect(ro.ok && (ro.data.diagnostics.nonEventShare as number)).toBeGreaterThan(0);
    b4r.dispose();
  });
});
