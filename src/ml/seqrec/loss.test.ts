// The hand-written gradients (transpose-free matmul, sparse softmax CE) against TF.js's own ops, and the sampled
// softmax's logQ correction against a full softmax.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, expect, it } from 'vitest';
import { initBackend } from '../backend';
import { matMulFast } from '../transformer/blocks';
import { sasrecBatch } from './batch';
import { defaultConfig } from './config';
import { sequenceLoss, sparseSoftmaxCrossEntropy } from './loss';
import { allItemLogits, batchTensors, createModel, disposeModel, encodeEmbeddings, inputEmbeddings } from './model';

beforeAll(async () => {
  await initBackend('wasm');
});

const maxDiff = (a: tf.Tensor, b: tf.Tensor) => tf.tidy(() => a.sub(b).abs().max().dataSync()[0]);

it.each([
  [false, false],
  [false, true],
  [true, false],
  [true, true],
])('matMulFast(transposeA=%s, transposeB=%s) matches tf.matMul in value and gradient (rank 2 and 4)', (ta, tb) => {
  for (const batch of [[], [2, 3]]) {
    const a = tf.randomNormal([...batch, ...(ta ? [5, 4] : [4, 5])], 0, 1, 'float32', 1);
    const b = tf.randomNormal([...batch, ...(tb ? [6, 5] : [5, 6])], 0, 1, 'float32', 2);
    const w = tf.randomNormal([...batch, 4, 6], 0, 1, 'float32', 3);
    type MatMul = (x: tf.Tensor, y: tf.Tensor, ta: boolean, tb: boolean) => tf.Tensor;
    const f = (mm: MatMul) => (x: tf.Tensor, y: tf.Tensor) => mm(x, y, ta, tb).mul(w).sum();
    const [ga, gb] = tf.grads(f((x, y, p, q) => tf.matMul(x, y, p, q)))([a, b]);
    const [fa, fb] = tf.grads(f(matMulFast))([a, b]);
    expect(maxDiff(matMulFast(a, b, ta, tb), tf.matMul(a, b, ta, tb))).toBeLessThan(1e-5);
    expect(maxDiff(fa, ga)).toBeLessThan(1e-5);
    expect(maxDiff(fb, gb)).toBeLessThan(1e-5);
    tf.dispose([a, b, w, ga, gb, fa, fb]);
  }
});

it('sparseSoftmaxCrossEntropy matches tf.losses.softmaxCrossEntropy in value and gradient', () => {
  const logits = tf.randomNormal([5, 7], 0, 3, 'float32', 4);
  const targets = tf.tensor1d([0, 6, 3, 3, 2], 'int32');
  const ref = (x: tf.Tensor) => tf.losses.softmaxCrossEntropy(tf.oneHot(targets, 7), x);
  const ours = (x: tf.Tensor) => sparseSoftmaxCrossEntropy(x as tf.Tensor2D, targets).mean();
  expect(maxDiff(ours(logits), ref(logits))).toBeLessThan(1e-5);
  expect(maxDiff(tf.grad(ours)(logits), tf.grad(ref)(logits))).toBeLessThan(1e-6);
});

it('sparseSoftmaxCrossEntropy over no rows gives no losses and an empty gradient (as the flat gather did), not an error', () => {
  const none = tf.zeros([0, 7]) as tf.Tensor2D;
  const targets = tf.tensor1d([], 'int32');
  const grad = tf.grad((x) => sparseSoftmaxCrossEntropy(x as tf.Tensor2D, targets).sum())(none);
  expect(sparseSoftmaxCrossEntropy(none, targets).shape).toEqual([0]);
  expect(grad.shape).toEqual([0, 7]);
  tf.dispose([none, targets, grad]);
});

it('sampled softmax with logQ: every item drawn once, the loss is full-softmax CE over logits − logQ', () => {
  const numItems = 6;
  const config = { ...defaultConfig('sasrec', numItems, [4]), hidden: 8, heads: 2, intermediate: 16, layers: 1, maxLen: 4, dropout: 0 };
  const m = createModel(config, 3);
  // A trained-looking output bias, so the logits differ across items.
  m.weights.itemBias.assign(tf.tensor1d([0.5, -1, 2, 0, 1, -0.5]));
  const { arrays, targets } = sasrecBatch([{ items: [0, 2, 5, 1] }, { items: [3, 4] }], config);
  const logQ = Float32Array.from([0.3, -1.2, 2.5, 0, 0.7, -0.4]);
  const sampled = {
    ids: Int32Array.from([0, 1, 2, 3, 4, 5]),
    logQOf: (items: ArrayLike<number>) => Float32Array.from(items, (i) => logQ[i]),
  };
  const ours = sequenceLoss(m, arrays, targets, 1, sampled);
  const reference = tf.tidy(() => {
    const t = batchTensors(arrays);
    const { items, context } = inputEmbeddings(m, t);
    const hidden = encodeEmbeddings(m, items, context, t.mask).lastHiddenState.reshape([-1, config.hidden]);
    const h = tf.gather(hidden, tf.tensor1d(targets.flat, 'int32')) as tf.Tensor2D;
    const logits = allItemLogits(m, h).sub(tf.tensor1d(logQ));
    return tf.losses.softmaxCrossEntropy(tf.oneHot(tf.tensor1d(targets.items, 'int32'), numItems), logits);
  });
  expect(maxDiff(ours, reference)).toBeLessThan(1e-5);
  // And the correction matters: without it the loss differs.
  const uncorrected = sequenceLoss(m, arrays, targets, 1, { ids: sampled.ids });
  expect(Math.abs(uncorrected.dataSync()[0] - ours.dataSync()[0])).toBeGreaterThan(1e-2);
  disposeModel(m);
});
