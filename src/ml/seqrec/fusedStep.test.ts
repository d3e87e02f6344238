// The fused training step (#23) is the same computation as the step it replaced: a tiny SASRec trained K steps with
// the old per-variable AdamW, per-tensor clipping and the textbook loss (bias by .add, TF.js's softmax cross-entropy)
// ends at the same weights as with the flat-buffer optimizer, flat clipping and the hand-written loss, as the shared
// step (plainStep.ts, the step the thread check and the side-by-side bench time) takes them.
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRng } from '../../lib/rng';
import { initBackend } from '../backend';
import { embeddingLookup } from '../transformer/blocks';
import { clipByGlobalNorm, type AdamWOptions } from '../train/optimizer';
import { sasrecBatch, type BatchArrays, type Targets } from './batch';
import { defaultConfig } from './config';
import {
  batchTensors,
  createModel,
  disposeModel,
  encodeEmbeddings,
  inputEmbeddings,
  itemBias,
  itemTable,
  seqRecOptimizer,
  type SeqRecModel,
} from './model';
import { plainTrainingStep } from './plainStep';

beforeAll(async () => {
  await initBackend('wasm');
});

/** The optimizer as it was before #23: one chain of kernels per variable. The definition the flat one must match. */
function perVariableAdamW(vars: tf.Variable[], opts: Required<AdamWOptions>) {
  const { beta1, beta2, epsilon, weightDecay, noDecay } = opts;
  const m = new Map(vars.map((v) => [v.name, tf.tidy(() => tf.variable(tf.zerosLike(v), false))]));
  const s = new Map(vars.map((v) => [v.name, tf.tidy(() => tf.variable(tf.zerosLike(v), false))]));
  let t = 0;
  return {
    apply(grads: tf.NamedTensorMap, lr: number) {
      t++;
      tf.tidy(() => {
        for (const v of vars) {
          const g = grads[v.name];
          if (!g) continue;
          const mv = m.get(v.name)!;
          const sv = s.get(v.name)!;
          mv.assign(mv.mul(beta1).add(g.mul(1 - beta1)));
          sv.assign(sv.mul(beta2).add(g.square().mul(1 - beta2)));
          let update = mv.div(1 - beta1 ** t).div(
            sv
              .div(1 - beta2 ** t)
              .sqrt()
              .add(epsilon),
          );
          if (weightDecay > 0 && !noDecay.has(v.name)) update = update.add(v.mul(weightDecay));
          v.assign(v.sub(update.mul(lr)));
        }
      });
    },
    dispose: () => tf.dispose([...m.values(), ...s.values()]),
  };
}

/** The full-softmax path of sequenceLoss (loss.ts) as it was: the bias by .add, the loss by TF.js's own softmax cross-entropy. */
function textbookLoss(m: SeqRecModel, a: BatchArrays, targets: Targets, seed: number): tf.Scalar {
  const t = batchTensors(a);
  const { items, context } = inputEmbeddings(m, t);
  const hidden = encodeEmbeddings(m, items, context, t.mask, { train: { seed } }).lastHiddenState;
  const h = embeddingLookup(hidden.reshape([a.batch * a.len, m.config.hidden]), tf.tensor1d(targets.flat, 'int32'));
  const table = itemTable(m).slice([1, 0], [m.config.numItems, m.config.hidden]);
  const logits = tf.matMul(h, table, false, true).add(itemBias(m));
  return tf.losses.softmaxCrossEntropy(tf.oneHot(tf.tensor1d(targets.items, 'int32'), m.config.numItems), logits) as tf.Scalar;
}

const NUM_ITEMS = 9;
const config = {
  ...defaultConfig('sasrec', NUM_ITEMS, [6]),
  hidden: 8,
  heads: 2,
  intermediate: 16,
  layers: 2,
  maxLen: 6,
  dropout: 0.2,
  weightDecay: 0.05,
  maxGradNorm: 0.5,
};
const OPTS = { beta1: 0.9, beta2: 0.999, epsilon: 1e-8, weightDecay: config.weightDecay };

/** K seeded batches of 5 users (lengths 2–7, so there is padding and truncation). */
function batches(k: number) {
  const rng = createRng(17);
  return Array.from({ length: k }, () =>
    sasrecBatch(
      Array.from({ length: 5 }, () => ({ items: Array.from({ length: 2 + rng.int(6) }, () => rng.int(NUM_ITEMS)) })),
      config,
    ),
  );
}

async function train(kind: 'before' | 'fused', steps: number): Promise<{ weights: Map<string, Float32Array>; losses: number[] }> {
  const m = createModel(config, 5);
  const vars = [...m.named.values()];
  const keyOf = new Map([...m.named].map(([k, v]) => [v.name, k]));
  const noDecay = new Set(vars.filter((v) => m.noDecay.has(keyOf.get(v.name)!)).map((v) => v.name));
  const losses: number[] = [];
  const before = perVariableAdamW(vars, { ...OPTS, noDecay });
  // The fused side is the models' own: their AdamW (its default betas and epsilon are OPTS') and the shared step.
  const fused = seqRecOptimizer(m);
  for (const [k, batch] of batches(steps).entries()) {
    const seed = 1000 + k;
    const loss =
      kind === 'fused'
        ? plainTrainingStep(m, fused, batch, seed)
        : tf.tidy(() => {
            const { value, grads } = tf.variableGrads(() => textbookLoss(m, batch.arrays, batch.targets, seed), vars);
            before.apply(clipByGlobalNorm(grads, config.maxGradNorm).grads, config.learningRate);
            return value;
          });
    losses.push((await loss.data())[0]);
    loss.dispose();
  }
  const weights = new Map([...m.named].map(([k, v]) => [k, v.dataSync() as Float32Array]));
  before.dispose();
  fused.dispose();
  disposeModel(m);
  return { weights, losses };
}

describe('the fused training step', () => {
  let start = 0;
  beforeAll(() => {
    start = tf.memory().numTensors;
  });
  afterAll(() => {
    expect(tf.memory().numTensors).toBe(start);
  });

  it('ends K = 6 steps at the weights and losses of the per-variable step (within 1e-5 relative)', async () => {
    const a = await train('before', 6);
    const b = await train('fused', 6);
    expect(b.losses.length).toBe(6);
    b.losses.forEach((l, k) => expect(Math.abs(l - a.losses[k])).toBeLessThan(1e-5 * Math.abs(a.losses[k])));
    let moved = 0;
    for (const [key, w] of a.weights) {
      const v = b.weights.get(key)!;
      const scale = Math.max(...w.map(Math.abs), 1e-3);
      for (let i = 0; i < w.length; i++) expect(Math.abs(v[i] - w[i]), key).toBeLessThan(1e-5 * scale);
      moved += w.length;
    }
    expect(moved).toBeGreaterThan(500);
    // And training did something: the losses are not constant.
    expect(Math.abs(a.losses[5] - a.losses[0])).toBeGreaterThan(1e-3);
  });
});
