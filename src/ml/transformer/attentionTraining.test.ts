// Fused attention in training (attention.wat's attend with its probabilities kept and dropped, and attendBackward)
// against TF.js's own gradients of the composed ops, with the same dropout mask multiplied in: TF.js's autodiff is the
// independent reference for the backward pass, which the kernel derives by hand.
import * as tf from '@tensorflow/tfjs';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../backend';
import { maxAbsDiff } from '../../testSupport/arrays';
import { fusedAttentionApplies, fusedAttentionTraining } from './attention';
import { F32_MIN, selfAttention, type AttentionWeights, type EncoderOptions } from './blocks';
import { dropoutMask, dropoutMultipliers, type DropoutMask } from './dropout';
import { setFusedKernels } from './fusedOps';

beforeAll(async () => {
  await initBackend('wasm');
});

afterEach(() => setFusedKernels(true));

/** softmax(q·kᵀ/√d + mask) dropped by `drop`'s multipliers, ·v, with q, k, v [b, len, heads·d], composed of TF.js ops. */
function composed(q: tf.Tensor, k: tf.Tensor, v: tf.Tensor, mask: tf.Tensor4D, heads: number, drop?: DropoutMask): tf.Tensor {
  const [b, len, hidden] = q.shape;
  const d = hidden / heads;
  const split = (t: tf.Tensor) => t.reshape([b, len, heads, d]).transpose([0, 2, 1, 3]);
  const probs = tf.softmax(tf.matMul(split(q), split(k), false, true).div(Math.sqrt(d)).add(mask));
  const dropped = drop ? probs.mul(tf.tensor(dropoutMultipliers(drop, probs.size), probs.shape)) : probs;
  return tf.matMul(dropped, split(v)).transpose([0, 2, 1, 3]).reshape([b, len, hidden]);
}

const paddingMask = (lengths: number[], len: number) =>
  tf.tensor4d(
    lengths.flatMap((n) => Array.from({ length: len }, (_, j) => (j < n ? 0 : F32_MIN))),
    [lengths.length, 1, 1, len],
  );

const causal = (len: number) =>
  tf.linalg
    .bandPart(tf.ones([len, len]), -1, 0)
    .sub(1)
    .mul(1e9)
    .reshape([1, 1, len, len]) as tf.Tensor4D;

/** The largest difference relative to the reference's largest magnitude. */
const relDiff = (a: tf.Tensor, b: tf.Tensor) => {
  const ref = b.dataSync();
  const scale = Math.max(1e-30, ...Array.from(ref, Math.abs));
  return maxAbsDiff(a.dataSync(), ref) / scale;
};

describe('fused attention in training, against the composed ops and their TF.js gradients', () => {
  it.each([
    { name: 'padding, lengths not a multiple of 4 or 8', batch: 3, len: 13, heads: 2, d: 8, mask: 'padding', rate: 0 },
    { name: 'padding, dropout 0.3', batch: 3, len: 13, heads: 2, d: 8, mask: 'padding', rate: 0.3 },
    { name: 'one key, dropout 0.5', batch: 2, len: 1, heads: 3, d: 16, mask: 'padding', rate: 0.5 },
    { name: 'causal and padding per sequence, dropout 0.2', batch: 2, len: 9, heads: 2, d: 16, mask: 'causal', rate: 0.2 },
    { name: 'one random bias for all sequences, dropout 0.1', batch: 2, len: 8, heads: 4, d: 8, mask: 'shared', rate: 0.1 },
    { name: "SASRec's shape on ml-100k, dropout 0.2", batch: 4, len: 50, heads: 2, d: 32, mask: 'causal', rate: 0.2 },
    {
      name: 'left padding read by no loss term (no gradient at padding), causal, dropout 0.2',
      batch: 4,
      len: 21,
      heads: 2,
      d: 8,
      mask: 'left',
      rate: 0.2,
    },
    {
      name: 'left padding read by no loss term, bidirectional (BERT4Rec), dropout 0.2',
      batch: 3,
      len: 19,
      heads: 2,
      d: 16,
      mask: 'leftOnly',
      rate: 0.2,
    },
  ])('$name: context and the gradients of q, k and v within 2e-6 of the largest', ({ batch, len, heads, d, mask: kind, rate }) => {
    const hidden = heads * d;
    const [q, k, v] = [0, 1, 2].map((i) => tf.randomNormal([batch, len, hidden], 0, 1, 'float32', 11 + i + len) as tf.Tensor3D);
    const lengths = Array.from({ length: batch }, (_, b) => Math.max(1, len - 3 * b));
    // Left padding as the sequence models lay it out: the last `length` positions are real, and the loss reads only
    // them, so the context's gradient is 0 at every padding position (the kernel skips those rows).
    const left = kind === 'left' || kind === 'leftOnly';
    const real = (b: number, i: number) => i >= len - lengths[b];
    const leftMask = () =>
      tf.tensor4d(
        lengths.flatMap((_, b) => Array.from({ length: len }, (_, j) => (real(b, j) ? 0 : F32_MIN))),
        [batch, 1, 1, len],
      );
    const readout = tf.randomNormal([batch, len, hidden], 0, 1, 'float32', 7);
    const weights = left
      ? readout.mul(
          tf.tensor3d(
            lengths.flatMap((_, b) => Array.from({ length: len }, (_, i) => (real(b, i) ? 1 : 0))),
            [batch, len, 1],
          ),
        )
      : readout;
    const mask =
      kind === 'padding'
        ? paddingMask(lengths, len)
        : kind === 'causal'
          ? (paddingMask(lengths, len).add(causal(len)) as tf.Tensor4D)
          : kind === 'left'
            ? (leftMask().add(causal(len)) as tf.Tensor4D)
            : kind === 'leftOnly'
              ? leftMask()
              : (tf.randomNormal([1, 1, len, len], 0, 2, 'float32', 3) as tf.Tensor4D);
    const drop = rate > 0 ? dropoutMask(rate, 1234 + len) : undefined;
    // A weighted sum of the context, so that every element's gradient differs.
    const lossOf = (f: (a: tf.Tensor, b: tf.Tensor, c: tf.Tensor) => tf.Tensor) =>
      tf.valueAndGrads((a: tf.Tensor, b: tf.Tensor, c: tf.Tensor) => f(a, b, c).mul(weights).sum());
    const fused = lossOf((a, b, c) => fusedAttentionTraining(a as tf.Tensor3D, b as tf.Tensor3D, c as tf.Tensor3D, mask, heads, drop)!)([
      q,
      k,
      v,
    ]);
    const reference = lossOf((a, b, c) => composed(a, b, c, mask, heads, drop))([q, k, v]);
    expect(relDiff(fused.value, reference.value)).toBeLessThan(1e-5);
    fused.grads.forEach((g, i) => {
      expect(g.shape).toEqual([batch, len, hidden]);
      expect(relDiff(g, reference.grads[i])).toBeLessThan(2e-6);
    });
    const contexts = [fusedAttentionTraining(q, k, v, mask, heads, drop)!, composed(q, k, v, mask, heads, drop)];
    expect(relDiff(contexts[0], contexts[1])).toBeLessThan(2e-6);
  });

  it('drops the probabilities themselves: a different seed gives a different context, no dropout the undropped one', () => {
    const [q, k, v] = [0, 1, 2].map((i) => tf.randomNormal([2, 6, 16], 0, 1, 'float32', 40 + i) as tf.Tensor3D);
    const mask = paddingMask([6, 4], 6);
    const [a, b, none] = [dropoutMask(0.5, 1), dropoutMask(0.5, 2), undefined].map((m) => fusedAttentionTraining(q, k, v, mask, 2, m)!);
    expect(maxAbsDiff(a.dataSync(), b.dataSync())).toBeGreaterThan(0.1);
    expect(relDiff(none, composed(q, k, v, mask, 2))).toBeLessThan(2e-6);
  });

  it("gives selfAttention's composed output and weight gradients with dropout and a seed (the same masks)", () => {
    const [H, heads] = [32, 2];
    let seed = 60;
    const lin = () => ({
      weight: tf.randomNormal([H, H], 0, 0.3, 'float32', seed++),
      bias: tf.randomNormal([H], 0, 0.1, 'float32', seed++),
    });
    const w: AttentionWeights = {
      query: lin(),
      key: lin(),
      value: lin(),
      output: lin(),
      norm: { weight: tf.ones([H]), bias: tf.zeros([H]) },
    };
    const x = tf.randomNormal([3, 11, H], 0, 1, 'float32', 9) as tf.Tensor3D;
    // A weighted sum of the output (a sum of squares would be constant after the LayerNorm).
    const readout = tf.randomNormal([3, 11, H], 0, 1, 'float32', 10);
    const mask = paddingMask([11, 7, 1], 11).add(causal(11)) as tf.Tensor4D;
    const opts: EncoderOptions = { numHeads: heads, layerNormEps: 1e-12, activation: 'gelu', dropout: 0.3, seed: 5 };
    const params = [w.query.weight, w.key.weight, w.value.weight, w.output.weight];
    const run = () =>
      tf.valueAndGrads((xs: tf.Tensor, ...ps: tf.Tensor[]) => {
        const ww: AttentionWeights = {
          ...w,
          query: { ...w.query, weight: ps[0] },
          key: { ...w.key, weight: ps[1] },
          value: { ...w.value, weight: ps[2] },
          output: { ...w.output, weight: ps[3] },
        };
        return selfAttention(xs as tf.Tensor3D, mask, ww, opts, 3)
          .output.mul(readout)
          .sum();
      })([x, ...params]);
    expect(fusedAttentionApplies(H, heads, true)).toBe(true);
    const fused = run();
    setFusedKernels({ attentionTraining: false });
    const reference = run();
    expect(relDiff(fused.value, reference.value)).toBeLessThan(1e-5);
    fused.grads.forEach((g, i) => expect(relDiff(g, reference.grads[i])).toBeLessThan(2e-6));
  });

  it('steps aside where its kind is turned off, for heads not a multiple of 8, and for a mask per head', () => {
    expect(fusedAttentionApplies(64, 2, true)).toBe(true);
    expect(fusedAttentionApplies(36, 3, true)).toBe(false);
    setFusedKernels({ attentionTraining: false });
    expect(fusedAttentionApplies(64, 2, true)).toBe(false);
    setFusedKernels(true);
    const [q, k, v] = [0, 1, 2].map((i) => tf.randomNormal([2, 5, 16], 0, 1, 'float32', i) as tf.Tensor3D);
    expect(fusedAttentionTraining(q, k, v, tf.zeros([2, 2, 5, 5]) as tf.Tensor4D, 2)).toBeUndefined();
  });
});
