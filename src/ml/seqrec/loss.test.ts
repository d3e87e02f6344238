// The hand-written gradients (transpose-free matmul, sparse softmax CE) against TF.js's own ops.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, expect, it } from 'vitest';
import { initBackend } from '../backend';
import { matMulFast } from '../transformer/blocks';
import { sparseSoftmaxCrossEntropy } from './loss';

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
