// Fused inference attention (attention.wat) against a float64 reference and the composed TF.js ops, and the rule that
// it steps aside where probabilities, gradients or dropout are asked for.
import * as tf from '@tensorflow/tfjs';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../backend';
import { maxAbsDiff } from '../../testSupport/arrays';
import { fusedAttention, fusedAttentionApplies } from './attention';
import { F32_MIN, selfAttention, type AttentionWeights, type Linear } from './blocks';
import { setFusedKernels } from './fusedOps';

beforeAll(async () => {
  await initBackend('wasm');
});

afterEach(() => setFusedKernels(true));

/** softmax(q·kᵀ/√d + mask)·v per sequence and head, in float64; mask [mb, 1, mq, len] broadcast as TF.js does. */
function reference(q: tf.Tensor3D, k: tf.Tensor3D, v: tf.Tensor3D, mask: tf.Tensor4D, heads: number): Float64Array {
  const [batch, len, hidden] = q.shape;
  const d = hidden / heads;
  const [mb, , mq] = mask.shape;
  const [Q, K, V, M] = [q, k, v, mask].map((t) => t.dataSync());
  const out = new Float64Array(batch * len * hidden);
  for (let b = 0; b < batch; b++)
    for (let h = 0; h < heads; h++)
      for (let i = 0; i < len; i++) {
        const at = (row: number, t: number) => (b * len + row) * hidden + h * d + t;
        const maskRow = ((mb === 1 ? 0 : b) * mq + (mq === 1 ? 0 : i)) * len;
        const scores = Array.from({ length: len }, (_, j) => {
          let s = 0;
          for (let t = 0; t < d; t++) s += Q[at(i, t)] * K[at(j, t)];
          return s / Math.sqrt(d) + M[maskRow + j];
        });
        const top = Math.max(...scores);
        const e = scores.map((s) => Math.exp(s - top));
        const sum = e.reduce((x, y) => x + y, 0);
        for (let t = 0; t < d; t++) {
          let c = 0;
          for (let j = 0; j < len; j++) c += (e[j] / sum) * V[at(j, t)];
          out[at(i, t)] = c;
        }
      }
  return out;
}

/** Q, K, V and output linears from `lin`, and an identity LayerNorm of width h. */
const attentionWeights = (h: number, lin: () => Linear): AttentionWeights => ({
  query: lin(),
  key: lin(),
  value: lin(),
  output: lin(),
  norm: { weight: tf.ones([h]), bias: tf.zeros([h]) },
});

const qkv = (batch: number, len: number, hidden: number, seed: number) =>
  [0, 1, 2].map((i) => tf.randomNormal([batch, len, hidden], 0, 1, 'float32', seed + i) as tf.Tensor3D);

/** 0 for kept keys, F32_MIN for padding, as additiveMask builds it. */
const paddingMask = (lengths: number[], len: number) =>
  tf.tensor4d(
    lengths.flatMap((n) => Array.from({ length: len }, (_, j) => (j < n ? 0 : F32_MIN))),
    [lengths.length, 1, 1, len],
  );

describe('fused attention on wasm', () => {
  it('gives a uniform average of the kept values when every score is equal (q = 0), hand-checked', () => {
    const v = tf.tensor3d([
      [
        [1, 2, 3, 4, 5, 6, 7, 8],
        [3, 2, 1, 0, -1, -2, -3, -4],
        [100, 100, 100, 100, 100, 100, 100, 100],
      ],
    ]);
    const zeros = tf.zeros([1, 3, 8]) as tf.Tensor3D;
    const context = fusedAttention(zeros, zeros, v, paddingMask([2], 3), 1)!;
    // the third key is padding: each query averages the first two rows
    const row = [2, 2, 2, 2, 2, 2, 2, 2];
    expect(Array.from(context.dataSync())).toEqual([...row, ...row, ...row]);
  });

  it.each([
    { name: 'padding, lengths not a multiple of 4 or 8', batch: 3, len: 13, heads: 2, d: 8, mask: 'padding' },
    { name: 'one key', batch: 2, len: 1, heads: 3, d: 16, mask: 'padding' },
    { name: 'a causal bias per query row and sequence', batch: 2, len: 9, heads: 2, d: 16, mask: 'causal' },
    { name: 'one bias for all sequences', batch: 2, len: 8, heads: 4, d: 8, mask: 'shared' },
    { name: "BERT-mini's shape", batch: 2, len: 64, heads: 4, d: 64, mask: 'padding' },
  ])('matches a float64 reference within 2e-6: $name', ({ batch, len, heads, d, mask: kind }) => {
    const [q, k, v] = qkv(batch, len, heads * d, 5 + len);
    const lengths = Array.from({ length: batch }, (_, b) => Math.max(1, len - 3 * b));
    const causal = tf.linalg
      .bandPart(tf.ones([len, len]), -1, 0)
      .sub(1)
      .mul(1e9)
      .reshape([1, 1, len, len]) as tf.Tensor4D;
    const mask =
      kind === 'padding'
        ? paddingMask(lengths, len)
        : kind === 'causal'
          ? (paddingMask(lengths, len).add(causal) as tf.Tensor4D)
          : (tf.randomNormal([1, 1, len, len], 0, 2, 'float32', 3) as tf.Tensor4D);
    const context = fusedAttention(q, k, v, mask, heads)!;
    expect(context.shape).toEqual([batch, len, heads * d]);
    expect(maxAbsDiff(context.dataSync(), reference(q, k, v, mask, heads))).toBeLessThan(2e-6);
  });

  it("gives selfAttention's composed output within 1e-5, with the same weights, and no probabilities", () => {
    const [H, heads] = [32, 2];
    let seed = 30;
    const lin = () => ({
      weight: tf.randomNormal([H, H], 0, 0.3, 'float32', seed++),
      bias: tf.randomNormal([H], 0, 0.1, 'float32', seed++),
    });
    const w = attentionWeights(H, lin);
    const x = tf.randomNormal([3, 11, H], 0, 1, 'float32', 9) as tf.Tensor3D;
    const mask = paddingMask([11, 7, 1], 11) as tf.Tensor4D;
    const opts = { numHeads: heads, layerNormEps: 1e-12, activation: 'gelu' as const };
    const fused = selfAttention(x, mask, w, opts);
    expect(fused.probs).toBeUndefined();
    setFusedKernels({ attention: false });
    const composed = selfAttention(x, mask, w, opts);
    expect(composed.probs).toBeDefined();
    expect(maxAbsDiff(fused.output.dataSync(), composed.output.dataSync())).toBeLessThan(1e-5);
  });
});

describe('where fused attention steps aside', () => {
  it('applies in its inference form only where no gradient is recorded, for heads of a multiple of 8, turned on', () => {
    expect(fusedAttentionApplies(64, 2)).toBe(true);
    expect(fusedAttentionApplies(32, 8)).toBe(false);
    expect(fusedAttentionApplies(36, 3)).toBe(false);
    tf.grad((x: tf.Tensor) => {
      expect(fusedAttentionApplies(64, 2, false)).toBe(false);
      // while a gradient is recorded, the training form (attentionTraining.test.ts) is the one asked about
      expect(fusedAttentionApplies(64, 2)).toBe(true);
      return x.sum();
    })(tf.ones([2]));
    setFusedKernels({ attention: false });
    expect(fusedAttentionApplies(64, 2)).toBe(false);
  });

  it('returns undefined for a mask that does not broadcast over the heads, or keys of another length', () => {
    const [q, k, v] = qkv(2, 5, 16, 1);
    expect(fusedAttention(q, k, v, tf.zeros([2, 2, 5, 5]) as tf.Tensor4D, 2)).toBeUndefined();
    expect(fusedAttention(q, k, v, tf.zeros([2, 1, 1, 4]) as tf.Tensor4D, 2)).toBeUndefined();
  });

  it('gives the probabilities from the fused pass where they are asked for (the explain views): the composed ones within 1e-6, exactly 0 where those are 0', () => {
    const [H, len] = [16, 9];
    let seed = 80;
    const lin = () => ({ weight: tf.randomNormal([H, H], 0, 0.5, 'float32', seed++), bias: tf.zeros([H]) });
    const w = attentionWeights(H, lin);
    const x = tf.randomNormal([2, len, H], 0, 1, 'float32', 2) as tf.Tensor3D;
    // a causal bias and padding: masked keys with −1e9 and with float32's minimum
    const causal = tf.linalg
      .bandPart(tf.ones([len, len]), -1, 0)
      .sub(1)
      .mul(1e9)
      .reshape([1, 1, len, len]);
    const mask = paddingMask([len, 5], len).add(causal) as tf.Tensor4D;
    const opts = { numHeads: 2, layerNormEps: 1e-12, activation: 'gelu' as const, outputAttentions: true };
    const fused = selfAttention(x, mask, w, opts);
    setFusedKernels({ attention: false });
    const composed = selfAttention(x, mask, w, opts);
    expect(fused.probs!.shape).toEqual([2, 2, len, len]);
    const [p, ref] = [fused.probs!.dataSync(), composed.probs!.dataSync()];
    expect(maxAbsDiff(p, ref)).toBeLessThan(1e-6);
    const zeros = Array.from(ref.keys()).filter((i) => ref[i] === 0);
    expect(zeros.length).toBeGreaterThan(2 * 2 * ((len * (len - 1)) / 2) - 1);
    expect(zeros.every((i) => p[i] === 0)).toBe(true);
    expect(maxAbsDiff(fused.output.dataSync(), composed.output.dataSync())).toBeLessThan(1e-5);
  });
});
