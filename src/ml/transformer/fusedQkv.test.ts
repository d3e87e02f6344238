// The fused Q/K/V projection (#23): on GPU backends (here cpu, which takes the same path) one product over the three
// weights side by side gives the outputs and gradients of three separate linears; wasm keeps the three linears.
// The separate path is reached with a zero LoRA on q, k and v (B = 0 adds nothing, and a LoRA keeps them apart).
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../backend';
import { disposeTree } from '../tensors';
import { encode, type EncoderLayerWeights, type EncoderOptions, type Linear } from './blocks';

const H = 8;
const OPTS: EncoderOptions = { numHeads: 2, layerNormEps: 1e-12, activation: 'gelu' };

beforeAll(async () => {
  await initBackend('cpu');
});
afterAll(async () => {
  await initBackend('wasm');
});

/** A layer whose q, k, v weights and biases are the given variables; `zeroLora` attaches B = 0 adapters to all three. */
function layer(qkv: tf.Variable[], zeroLora: boolean): EncoderLayerWeights {
  let s = 40;
  const lin = (inp: number, out: number): Linear => ({
    weight: tf.randomNormal([inp, out], 0, 0.3, 'float32', s++),
    bias: tf.randomNormal([out], 0, 0.1, 'float32', s++),
  });
  const lora = () => (zeroLora ? { a: tf.randomNormal([H, 2], 0, 1, 'float32', 99), b: tf.zeros([2, H]), scale: 1 } : undefined);
  const own = (i: number): Linear => ({ weight: qkv[2 * i], bias: qkv[2 * i + 1], lora: lora() });
  const norm = () => ({ weight: tf.ones([H]), bias: tf.zeros([H]) });
  return {
    attention: { query: own(0), key: own(1), value: own(2), output: lin(H, H), norm: norm() },
    intermediate: lin(H, 16),
    output: lin(16, H),
    norm: norm(),
  };
}

describe('the fused Q/K/V projection', () => {
  it('gives the outputs, attentions and gradients of three separate linears (within 1e-5)', () => {
    const qkv = [1, 2, 3].flatMap((s) => [
      tf.variable(tf.randomNormal([H, H], 0, 0.3, 'float32', s)),
      tf.variable(tf.randomNormal([H], 0, 0.1, 'float32', s + 10)),
    ]);
    const x = tf.variable(tf.randomNormal([2, 4, H], 0, 1, 'float32', 9)) as tf.Variable<tf.Rank.R3>;
    const mask = tf.tensor2d([
      [1, 1, 1, 1],
      [1, 1, 0, 0],
    ]);
    const up = tf.randomNormal([2, 4, H], 0, 1, 'float32', 8);
    const run = (zeroLora: boolean) => {
      const w = layer(qkv, zeroLora);
      const out = encode(x, mask, [w], { ...OPTS, outputAttentions: true });
      const { grads } = tf.variableGrads(() => encode(x, mask, [w], OPTS).lastHiddenState.mul(up).sum() as tf.Scalar, [...qkv, x]);
      return { out, grads };
    };
    const fused = run(false);
    const apart = run(true);
    const maxDiff = (a: tf.Tensor, b: tf.Tensor) => tf.tidy(() => a.sub(b).abs().max().dataSync()[0]);
    expect(maxDiff(fused.out.lastHiddenState, apart.out.lastHiddenState)).toBeLessThan(1e-5);
    expect(maxDiff(fused.out.attentions![0], apart.out.attentions![0])).toBeLessThan(1e-5);
    for (const v of [...qkv, x]) {
      expect(tf.tidy(() => fused.grads[v.name].abs().max().dataSync()[0])).toBeGreaterThan(0);
      expect(maxDiff(fused.grads[v.name], apart.grads[v.name]), v.name).toBeLessThan(1e-5);
    }
    tf.dispose([qkv, x, mask, up, fused.grads, apart.grads]);
    disposeTree([fused.out, apart.out]);
  });

  it('runs one product where three ran: a split on cpu, none on wasm or with a LoRA', async () => {
    const qkv = [1, 2, 3].flatMap((s) => [tf.variable(tf.randomNormal([H, H], 0, 0.3, 'float32', s)), tf.variable(tf.zeros([H]))]);
    const x = tf.randomNormal([1, 3, H], 0, 1, 'float32', 9) as tf.Tensor3D;
    const mask = tf.ones([1, 3]) as tf.Tensor2D;
    const kernelNames = async (zeroLora: boolean) =>
      (await tf.profile(() => disposeTree(encode(x, mask, [layer(qkv, zeroLora)], OPTS)))).kernels.map((k) => k.name);
    const count = (names: string[], name: string) => names.filter((n) => n === name).length;
    const cpuFused = await kernelNames(false);
    const cpuApart = await kernelNames(true);
    expect(count(cpuFused, 'SplitV')).toBe(1);
    expect(count(cpuApart, 'SplitV')).toBe(0);
    // Three q/k/v products instead of one, plus two per zero LoRA.
    expect(count(cpuApart, 'BatchMatMul') - count(cpuFused, 'BatchMatMul')).toBe(2 + 3 * 2);
    await initBackend('wasm');
    expect(count(await kernelNames(false), 'SplitV')).toBe(0);
    await initBackend('cpu');
    tf.dispose([qkv, x, mask]);
  });
});
