// The shared encoder blocks used directly (as the sequence recommender will): padding invariance, gradients, lookup.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../backend';
import {
  activate,
  embeddingLookup,
  embeddingLookups,
  encode,
  type Activation,
  type EncoderLayerWeights,
  type EncoderOptions,
} from './blocks';

const H = 8;
const OPTS: EncoderOptions = { numHeads: 2, layerNormEps: 1e-12, activation: 'gelu' };

function randomLayer(seed: number): EncoderLayerWeights {
  let s = seed;
  const lin = (out: number, inp: number) => ({
    weight: tf.randomNormal([inp, out], 0, 0.3, 'float32', s++),
    bias: tf.randomNormal([out], 0, 0.1, 'float32', s++),
  });
  const norm = () => ({ weight: tf.ones([H]), bias: tf.zeros([H]) });
  return {
    attention: { query: lin(H, H), key: lin(H, H), value: lin(H, H), output: lin(H, H), norm: norm() },
    intermediate: lin(16, H),
    output: lin(H, 16),
    norm: norm(),
  };
}

beforeAll(async () => {
  await initBackend('wasm');
});

describe('encode on caller-supplied embeddings', () => {
  it('gives the same outputs for real positions whatever padding follows', () => {
    const layers = [randomLayer(1), randomLayer(50)];
    const x = tf.randomNormal([1, 3, H], 0, 1, 'float32', 7) as tf.Tensor3D;
    const padded = tf.concat([x, tf.randomNormal([1, 4, H], 0, 5, 'float32', 8)], 1) as tf.Tensor3D;
    const short = encode(x, tf.ones([1, 3]) as tf.Tensor2D, layers, OPTS);
    const long = encode(padded, tf.tensor2d([[1, 1, 1, 0, 0, 0, 0]]), layers, {
      ...OPTS,
      outputAttentions: true,
      outputHiddenStates: true,
    });
    const diff = tf
      .abs(long.lastHiddenState.slice([0, 0, 0], [1, 3, H]).sub(short.lastHiddenState))
      .max()
      .dataSync()[0];
    expect(diff).toBeLessThan(1e-5);
    // Padding keys get (numerically) zero attention.
    expect(long.attentions![1].slice([0, 0, 0, 3], [1, 2, 7, 4]).max().dataSync()[0]).toBeLessThan(1e-30);
    expect(long.hiddenStates).toHaveLength(3);
  });

  it('is differentiable with respect to inputs and weights, without leaking', () => {
    const layers = [randomLayer(3)];
    const q = tf.variable(layers[0].attention.query.weight);
    layers[0].attention.query.weight = q;
    const x = tf.randomNormal([2, 4, H], 0, 1, 'float32', 9) as tf.Tensor3D;
    const mask = tf.tensor2d([
      [1, 1, 1, 1],
      [1, 1, 0, 0],
    ]);
    const before = tf.memory().numTensors;
    const { grads, value } = tf.variableGrads(() => encode(x, mask, layers, OPTS).lastHiddenState.square().mean() as tf.Scalar, [q]);
    const gx = tf.grad((e: tf.Tensor) =>
      encode(e as tf.Tensor3D, mask, layers, OPTS)
        .lastHiddenState.square()
        .mean(),
    )(x);
    const norms = tf.tidy(() => tf.stack([tf.norm(grads[q.name]), tf.norm(gx)]));
    const [gq, gxn] = norms.dataSync();
    expect(gq).toBeGreaterThan(0);
    expect(Number.isFinite(gxn) && gxn > 0).toBe(true);
    tf.dispose([grads, value, gx, norms]);
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('embeddingLookup', () => {
  it('has the same gradient as gather (checked on cpu, which has both kernels), summing repeated ids', async () => {
    await initBackend('cpu');
    const table = tf.randomNormal([5, 3], 0, 1, 'float32', 1);
    const ids = tf.tensor2d(
      [
        [1, 3, 1],
        [0, 4, 4],
      ],
      undefined,
      'int32',
    );
    const w = tf.randomNormal([2, 3, 3], 0, 1, 'float32', 2);
    const viaGather = tf.grad((t: tf.Tensor) => tf.gather(t, ids).mul(w).sum())(table);
    const viaLookup = tf.grad((t: tf.Tensor) => embeddingLookup(t, ids).mul(w).sum())(table);
    expect(Array.from(viaLookup.dataSync())).toEqual(Array.from(viaGather.dataSync()));
    await initBackend('wasm');
  });

  it('several lookups as one give each lookup’s rows, and the sum of their gradients', () => {
    const table = tf.randomNormal([6, 4], 0, 1, 'float32', 3);
    const ids = [
      tf.tensor2d(
        [
          [1, 5],
          [0, 1],
        ],
        undefined,
        'int32',
      ),
      tf.tensor1d([5, 2, 2], 'int32'),
      tf.tensor1d([3], 'int32'),
    ];
    const ws = ids.map((i, k) => tf.randomNormal([...i.shape, 4], 0, 1, 'float32', 10 + k));
    const joint = embeddingLookups(table, ids);
    joint.forEach((rows, k) => {
      expect(rows.shape).toEqual([...ids[k].shape, 4]);
      expect(Array.from(rows.dataSync())).toEqual(Array.from(tf.gather(table, ids[k]).dataSync()));
    });
    const loss = (lookups: (t: tf.Tensor) => tf.Tensor[]) => (t: tf.Tensor) =>
      lookups(t).reduce((sum: tf.Tensor, r, k) => sum.add(r.mul(ws[k]).sum()), tf.scalar(0));
    const together = tf
      .grad(loss((t) => embeddingLookups(t, ids)))(table)
      .dataSync();
    const apart = tf
      .grad(loss((t) => ids.map((i) => embeddingLookup(t, i))))(table)
      .dataSync();
    together.forEach((g, i) => expect(g).toBeCloseTo(apart[i], 5));
    // Row 4 is read by no lookup; row 5 by two of them.
    expect(Array.from(together.slice(16, 20))).toEqual([0, 0, 0, 0]);
    expect(Math.abs(together[20])).toBeGreaterThan(0);
  });

  it('an unknown activation is an error with a reason, not undefined passed on to the next op', () => {
    const x = tf.ones([2, 2]);
    expect(() => activate(x, '__proto__' as Activation)).toThrow('unknown activation "__proto__" (gelu, gelu_tanh or relu)');
    x.dispose();
  });
});
