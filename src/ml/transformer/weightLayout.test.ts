// The [in, out] weight layout (#23): the transpose helpers by hand, linear() against the [out, in] product it replaced
// (outputs and gradients, LoRA included), and a Hugging Face folder loaded and exported back bit for bit.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSafetensors } from '../../lib/safetensors';
import { TINY_BERT, loadTinyBert } from '../../testSupport/tinyBert';
import { initBackend } from '../backend';
import { exportBert } from '../bert/export';
import type { LoadedBert } from '../bert/load';
import { disposeTree } from '../tensors';
import { linear } from './blocks';
import { swapAxes, transposeData } from './weightLayout';

let bert: LoadedBert;
beforeAll(async () => {
  await initBackend('wasm');
  bert = (await loadTinyBert()).model;
});
afterAll(() => disposeTree(bert?.weights));

describe('transposeData and swapAxes', () => {
  it('turn [2, 3] into [3, 2], and back', () => {
    const m = { shape: [2, 3], data: Float32Array.of(1, 2, 3, 4, 5, 6) };
    expect(Array.from(transposeData(m.data, 2, 3))).toEqual([1, 4, 2, 5, 3, 6]);
    const swapped = swapAxes(m);
    expect(swapped.shape).toEqual([3, 2]);
    expect(swapAxes(swapped)).toEqual(m);
    expect(() => transposeData(m.data, 4, 2)).toThrow('6 values do not fill [4, 2]');
  });
});

describe('linear with an [in, out] weight', () => {
  // The layer as it was: W held [out, in], y = x·Wᵀ + b, with TF.js's own matMul and its own gradients as reference.
  const x = tf.randomNormal([5, 3], 0, 1, 'float32', 1);
  const fileW = tf.randomNormal([4, 3], 0, 0.5, 'float32', 2);
  const b = tf.randomNormal([4], 0, 0.1, 'float32', 3);
  const loraA = tf.randomNormal([2, 3], 0, 0.5, 'float32', 4);
  const loraB = tf.randomNormal([4, 2], 0, 0.5, 'float32', 5);
  const up = tf.randomNormal([5, 4], 0, 1, 'float32', 6);
  afterAll(() => tf.dispose([x, fileW, b, loraA, loraB, up]));
  const maxDiff = (p: tf.Tensor, q: tf.Tensor) => tf.tidy(() => p.sub(q).abs().max().dataSync()[0]);

  it('computes x·Wᵀ + b with the same gradients for x, W and b (within 1e-5)', () => {
    const ref = (xx: tf.Tensor, w: tf.Tensor, bb: tf.Tensor) => tf.matMul(xx, w, false, true).add(bb).mul(up).sum() as tf.Scalar;
    const ours = (xx: tf.Tensor, w: tf.Tensor, bb: tf.Tensor) => linear(xx, { weight: w, bias: bb }).mul(up).sum() as tf.Scalar;
    tf.tidy(() => {
      const w = fileW.transpose();
      expect(maxDiff(linear(x, { weight: w, bias: b }), tf.matMul(x, fileW, false, true).add(b))).toBeLessThan(1e-5);
      const [gx, gw, gb] = tf.grads(ours)([x, w, b]);
      const [rx, rw, rb] = tf.grads(ref)([x, fileW, b]);
      expect(gw.shape).toEqual([3, 4]);
      expect(maxDiff(gx, rx)).toBeLessThan(1e-5);
      expect(maxDiff(gw.transpose(), rw)).toBeLessThan(1e-5);
      expect(maxDiff(gb, rb)).toBeLessThan(1e-5);
    });
  });

  it('adds a LoRA update scale·(x A) B equal to the [rank, in] / [out, rank] one, gradients included', () => {
    const ref = (a: tf.Tensor, bb: tf.Tensor) =>
      tf
        .matMul(x, fileW, false, true)
        .add(tf.matMul(tf.matMul(x, a, false, true), bb, false, true).mul(0.5))
        .mul(up)
        .sum() as tf.Scalar;
    const ours = (a: tf.Tensor, bb: tf.Tensor) =>
      linear(x, { weight: fileW.transpose(), lora: { a, b: bb, scale: 0.5 } })
        .mul(up)
        .sum() as tf.Scalar;
    tf.tidy(() => {
      expect(Math.abs(ours(loraA.transpose(), loraB.transpose()).dataSync()[0] - ref(loraA, loraB).dataSync()[0])).toBeLessThan(1e-5);
      const [ga, gb] = tf.grads(ours)([loraA.transpose(), loraB.transpose()]);
      const [ra, rb] = tf.grads(ref)([loraA, loraB]);
      expect(maxDiff(ga.transpose(), ra)).toBeLessThan(1e-5);
      expect(maxDiff(gb.transpose(), rb)).toBeLessThan(1e-5);
    });
  });
});

describe('a Hugging Face folder', () => {
  it('is held [in, out] and exports back to the same [out, in] tensors, bit for bit', async () => {
    const bytes = readFileSync(join(TINY_BERT, 'model.safetensors'));
    const file = readSafetensors(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
    if (!file.ok) throw new Error(file.reason);
    const q =
      file.data.tensors.get('encoder.layer.0.attention.self.query.weight') ??
      file.data.tensors.get('bert.encoder.layer.0.attention.self.query.weight');
    const inter = bert.weights.layers[0].intermediate.weight;
    expect(inter.shape).toEqual([bert.config.hiddenSize, bert.config.intermediateSize]);
    // Row 0 of the held query weight is column 0 of the file's.
    const held = bert.weights.layers[0].attention.query.weight.dataSync();
    const h = bert.config.hiddenSize;
    for (let o = 0; o < h; o++) expect(held[o]).toBe(q!.data[o * h]);
    const back = readSafetensors((await exportBert(bert)).safetensors);
    if (!back.ok) throw new Error(back.reason);
    expect([...back.data.tensors.keys()].sort()).toEqual([...file.data.tensors.keys()].sort());
    for (const [name, t] of file.data.tensors) {
      const got = back.data.tensors.get(name)!;
      expect(got.shape, name).toEqual(t.shape);
      expect(Buffer.from(got.data.buffer).equals(Buffer.from(t.data.buffer)), name).toBe(true);
    }
  });
});
