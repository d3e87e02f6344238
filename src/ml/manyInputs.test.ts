// Sums over many tensors stay within one WebGPU shader's input limit, and the global norm is the hand-computed one.
import * as tf from '@tensorflow/tfjs';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createRng } from '../lib/rng';
import { initBackend } from './backend';
import { MAX_OP_INPUTS, addMany, globalNorm, groupsOf } from './manyInputs';
import { clipByGlobalNorm } from './train/optimizer';

beforeAll(async () => {
  await initBackend('wasm');
});

afterEach(() => {
  vi.restoreAllMocks();
});

/** Runs `fn` and returns the largest number of tensor inputs any kernel received, by kernel name. */
function widestKernel(fn: () => void): { kernel: string; inputs: number } {
  const engine = tf.engine();
  const run = engine.runKernel.bind(engine);
  let widest = { kernel: '', inputs: 0 };
  vi.spyOn(engine, 'runKernel').mockImplementation((name, inputs, attrs) => {
    const n = Object.keys(inputs).length;
    if (n > widest.inputs) widest = { kernel: name, inputs: n };
    return run(name, inputs, attrs);
  });
  fn();
  vi.restoreAllMocks();
  return widest;
}

/** 38 gradients, as many as a 2-layer SASRec has variables, of seeded random values and mixed shapes. */
function gradients(count = 38): { grads: tf.NamedTensorMap; values: Float32Array[] } {
  const rng = createRng(16);
  const grads: tf.NamedTensorMap = {};
  const values: Float32Array[] = [];
  for (let i = 0; i < count; i++) {
    const shape = i % 3 === 0 ? [4, 3] : [5];
    const v = Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => rng.next() * 2 - 1);
    values.push(v);
    grads[`v${i}`] = tf.tensor(v, shape);
  }
  return { grads, values };
}

const handNorm = (values: Float32Array[]) => Math.sqrt(values.reduce((s, v) => s + v.reduce((a, x) => a + x * x, 0), 0));

describe('groupsOf', () => {
  it('cuts in order into groups of at most the limit', () => {
    expect(groupsOf([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
    expect(groupsOf(Array.from({ length: 38 }, (_, i) => i)).map((g) => g.length)).toEqual([7, 7, 7, 7, 7, 3]);
    expect(groupsOf([])).toEqual([]);
  });
});

describe('addMany', () => {
  it('adds 38 tensors exactly like one sum, never giving one kernel more than 7 inputs', () => {
    const ts = Array.from({ length: 38 }, (_, i) => tf.tensor1d([i, -2 * i, 0.5]));
    let sum: tf.Tensor | undefined;
    const widest = widestKernel(() => (sum = addMany(ts)));
    expect(widest.inputs).toBeLessThanOrEqual(MAX_OP_INPUTS);
    expect(Array.from(sum!.dataSync())).toEqual([703, -1406, 19]);
    tf.dispose([...ts, sum!]);
  });

  it('returns a tensor of its own for a single input and leaks nothing', () => {
    const t = tf.tensor1d([1, 2]);
    const before = tf.memory().numTensors;
    const one = addMany([t]);
    expect(one).not.toBe(t);
    one.dispose();
    const many = addMany(Array.from({ length: 20 }, () => t));
    many.dispose();
    expect(tf.memory().numTensors).toBe(before);
    t.dispose();
  });
});

describe('global norm over many gradients', () => {
  it('equals the hand-computed norm with no kernel over the WebGPU input limit (old code: one addN of 38)', () => {
    const { grads, values } = gradients();
    let clipped: ReturnType<typeof clipByGlobalNorm> | undefined;
    const widest = widestKernel(() => (clipped = clipByGlobalNorm(grads, 0.5)));
    expect(widest.inputs, `kernel ${widest.kernel} took ${widest.inputs} inputs`).toBeLessThanOrEqual(MAX_OP_INPUTS);
    const want = handNorm(values);
    expect(clipped!.norm.dataSync()[0]).toBeCloseTo(want, 4);
    // Clipping engaged: the clipped gradients have norm 0.5.
    const after = globalNorm(Object.values(clipped!.grads));
    expect(after.dataSync()[0]).toBeCloseTo(0.5, 4);
    tf.dispose([grads, clipped!.grads, clipped!.norm, after]);
  });

  it('is 0 for no tensors', () => {
    const n = globalNorm([]);
    expect(n.dataSync()[0]).toBe(0);
    n.dispose();
  });
});
