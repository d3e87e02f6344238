// The fused inference kernels against hand-computed values and against the composed TF.js ops they replace (wasm),
// and the rule that they step aside for gradients and for other backends.
import * as tf from '@tensorflow/tfjs';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../backend';
import { activate, addBias, encode, layerNorm, linear, type EncoderLayerWeights } from './blocks';
import { columnSums, fusedGelu, fusedLayerNorm, setFusedKernels } from './fusedOps';

// Φ(1), Φ(2) and φ(1) of the standard normal, to 16 digits: GELU(x) = x·Φ(x), GELU'(x) = Φ(x) + x·φ(x).
const PHI1 = 0.8413447460685429;
const PHI2 = 0.9772498680518208;
const DENSITY1 = 0.24197072451914337;

function maxAbsDiff(a: tf.Tensor, b: tf.Tensor): number {
  return tf.tidy(() => a.sub(b).abs().max().dataSync()[0]);
}

/** The same function with the fused kernels off, then on. */
function offAndOn(f: () => tf.Tensor): [tf.Tensor, tf.Tensor] {
  setFusedKernels(false);
  const off = tf.tidy(f);
  setFusedKernels(true);
  return [off, tf.tidy(f)];
}

beforeAll(async () => {
  await initBackend('wasm');
});

afterEach(() => setFusedKernels(true));

describe('fused GELU on wasm', () => {
  // 8 values run through the SIMD kernel (4 lanes), 7 through the JS loop.
  it.each([8, 7])('gives x·Φ(x) at hand-computed points, for large |x| too (%i values)', (n) => {
    const x = [-2, -1, 0, 1, 2, 6, -6, 0.5].slice(0, n);
    const y = fusedGelu(tf.tensor1d(x), 'gelu')!;
    expect(y).toBeDefined();
    // Φ(0.5) = 0.6914624612740131
    const want = [-2 * (1 - PHI2), -(1 - PHI1), 0, PHI1, 2 * PHI2, 6, 0, 0.5 * 0.6914624612740131];
    y.dataSync().forEach((v, i) => expect(v).toBeCloseTo(want[i], 6));
  });

  it.each(['gelu', 'gelu_tanh'] as const)('matches the composed %s ops within 1e-5', (kind) => {
    const x = tf.randomNormal([64, 96], 0, 3, 'float32', 11);
    const [off, on] = offAndOn(() => activate(x, kind));
    expect(maxAbsDiff(off, on)).toBeLessThan(1e-5);
  });
});

describe('fused residual add + LayerNorm on wasm', () => {
  it('normalises a hand-computed row: [1, 2, 3, 4] has mean 2.5 and variance 1.25', () => {
    const w = { weight: tf.tensor1d([1, 1, 2, 1]), bias: tf.tensor1d([0, 0, 0, 10]) };
    // x + residual = [1, 2, 3, 4]
    const y = fusedLayerNorm(tf.tensor2d([[0, 2, 1, 4]]), w.weight, w.bias, 0, tf.tensor2d([[1, 0, 2, 0]]))!;
    const s = 1 / Math.sqrt(1.25);
    const want = [-1.5 * s, -0.5 * s, 2 * 0.5 * s, 1.5 * s + 10];
    y.dataSync().forEach((v, i) => expect(v).toBeCloseTo(want[i], 6));
  });

  it('matches the composed ops within 1e-5, with and without a residual, on rows with a large common offset', () => {
    const x = tf.randomNormal([3, 5, 36], 20, 2, 'float32', 3);
    const r = tf.randomNormal([3, 5, 36], 0, 1, 'float32', 4);
    const w = { weight: tf.randomNormal([36], 1, 0.2, 'float32', 5), bias: tf.randomNormal([36], 0, 0.2, 'float32', 6) };
    for (const residual of [undefined, r]) {
      const [off, on] = offAndOn(() => layerNorm(x, w, 1e-12, residual));
      expect(on.shape).toEqual([3, 5, 36]);
      expect(maxAbsDiff(off, on)).toBeLessThan(1e-5);
    }
  });

  it('leaves rows that are not a multiple of 4 floats to the composed ops', () => {
    const x = tf.randomNormal([2, 6], 0, 1, 'float32', 8);
    expect(fusedLayerNorm(x, tf.ones([6]), tf.zeros([6]), 1e-12)).toBeUndefined();
    expect(fusedLayerNorm(x.reshape([3, 4]), tf.ones([4]), tf.zeros([4]), 1e-12)).toBeDefined();
  });
});

describe('a whole encoder with and without the fused kernels', () => {
  const H = 8;
  const layer = (seed: number): EncoderLayerWeights => {
    let s = seed;
    // Square weights, so the test holds whichever layout a Linear stores.
    const lin = (n: number) => ({
      weight: tf.randomNormal([n, n], 0, 0.3, 'float32', s++),
      bias: tf.randomNormal([n], 0, 0.1, 'float32', s++),
    });
    const norm = () => ({ weight: tf.randomNormal([H], 1, 0.1, 'float32', s++), bias: tf.randomNormal([H], 0, 0.1, 'float32', s++) });
    return {
      attention: { query: lin(H), key: lin(H), value: lin(H), output: lin(H), norm: norm() },
      intermediate: lin(H),
      output: lin(H),
      norm: norm(),
    };
  };

  it('gives the same hidden states and attentions within 1e-5, with padding and a causal bias', () => {
    const layers = [layer(1), layer(40)];
    const x = tf.randomNormal([2, 5, H], 0, 1, 'float32', 7) as tf.Tensor3D;
    const mask = tf.tensor2d([
      [1, 1, 1, 1, 1],
      [1, 1, 1, 0, 0],
    ]);
    const causal = tf.linalg
      .bandPart(tf.ones([5, 5]), -1, 0)
      .sub(1)
      .mul(1e9)
      .reshape([1, 1, 5, 5]) as tf.Tensor4D;
    for (const attentionBias of [undefined, causal]) {
      const opts = { numHeads: 2, layerNormEps: 1e-12, activation: 'gelu' as const, outputAttentions: true, attentionBias };
      setFusedKernels(false);
      const off = encode(x, mask, layers, opts);
      setFusedKernels(true);
      const on = encode(x, mask, layers, opts);
      expect(maxAbsDiff(off.lastHiddenState, on.lastHiddenState)).toBeLessThan(1e-5);
      on.attentions!.forEach((a, i) => expect(maxAbsDiff(a, off.attentions![i])).toBeLessThan(1e-5));
    }
  });
});

describe("a linear's bias inside the product", () => {
  const x = tf.randomNormal([3, 7, 12], 0, 1, 'float32', 21);
  const w = { weight: tf.randomNormal([12, 20], 0, 0.5, 'float32', 22), bias: tf.randomNormal([20], 3, 1, 'float32', 23) };
  const kernels = async () => (await tf.profile(() => linear(x, w).dispose())).kernelNames;

  it("is gemm.wat's product with the bias (or XNNPACK's fused one), else a product and an Add; all give x·W + b", async () => {
    const reference = tf.tidy(() => x.reshape([21, 12]).matMul(w.weight).add(w.bias).reshape([3, 7, 20]));
    const outputs: tf.Tensor[] = [];
    const kinds: string[][] = [];
    for (const kernelsOn of [{}, { gemm: false }, { gemm: false, productBias: false }]) {
      setFusedKernels(kernelsOn);
      kinds.push(await kernels());
      outputs.push(linear(x, w));
    }
    // '': the scope of linearWithBias's customGrad, around gemm.wat's call, which TF.js's profile does not see.
    expect(kinds[0].filter((k) => k !== 'Reshape' && k !== 'PadV2' && k !== '')).toEqual([]);
    expect(kinds[1]).toContain('_FusedMatMul');
    expect(kinds[1]).not.toContain('Add');
    expect(kinds[2]).toContain('Add');
    for (const out of outputs) {
      expect(out.shape).toEqual([3, 7, 20]);
      expect(maxAbsDiff(out, reference)).toBeLessThan(1e-5);
    }
  });

  it("while a gradient is recorded too, with the composed path's gradients and no Add", async () => {
    const loss = (xs: tf.Tensor, weight: tf.Tensor, bias: tf.Tensor) => linear(xs, { weight, bias }).square().sum();
    const grads = () => tf.grads(loss)([x, w.weight, w.bias]);
    const composed = tf.grads((xs: tf.Tensor, weight: tf.Tensor, bias: tf.Tensor) =>
      xs.reshape([21, 12]).matMul(weight).add(bias).square().sum(),
    )([x, w.weight, w.bias]);
    const profile = await tf.profile(() => tf.dispose(grads()));
    expect(profile.kernelNames).not.toContain('Add');
    expect(profile.kernelNames).not.toContain('BiasAdd');
    const fused = grads();
    fused.forEach((g, i) => expect(maxAbsDiff(g, composed[i])).toBeLessThan(1e-4));
    // The bias's gradient is Σ over the 21 rows of 2·y: hand-checkable from the forward pass.
    const y = linear(x, w).reshape([21, 20]);
    expect(maxAbsDiff(fused[2], y.mul(2).sum(0))).toBeLessThan(1e-4);
    tf.dispose([...fused, ...composed, y]);
  });
});

describe('column sums for a bias gradient on wasm', () => {
  it('sums hand-computed columns, widths that are and are not a multiple of 4', () => {
    // 3 × 6: the first 4 columns go 4 to a vector, the last 2 one at a time.
    const x = tf.tensor2d([
      [1, 2, 3, 4, 5, 6],
      [10, 20, 30, 40, 50, 60],
      [-1, 0.5, 0, 100, -5, 0.25],
    ]);
    expect(Array.from(columnSums(x).dataSync())).toEqual([10, 22.5, 33, 144, 50, 66.25]);
    expect(Array.from(columnSums(tf.tensor2d([[7], [-2]])).dataSync())).toEqual([5]);
    expect(Array.from(columnSums(x.slice([0, 0], [3, 4])).dataSync())).toEqual([10, 22.5, 33, 144]);
  });

  it('runs as the SIMD pass on wasm (no product), and as the onesᵀ·m product when turned off', async () => {
    const x = tf.tensor2d([1, 2, 3, 4, 5, 6], [2, 3]);
    const on = await tf.profile(() => columnSums(x));
    expect(on.kernelNames).not.toContain('BatchMatMul');
    expect(Array.from((on.result as tf.Tensor).dataSync())).toEqual([5, 7, 9]);
    setFusedKernels({ columnSums: false });
    const off = await tf.profile(() => columnSums(x));
    expect(off.kernelNames).toContain('BatchMatMul');
    expect(Array.from((off.result as tf.Tensor).dataSync())).toEqual([5, 7, 9]);
  });

  it("gives addBias the composed path's gradients within 1e-5 on a [1600, 1682]-like shape", () => {
    const x = tf.randomNormal([300, 1682], 0, 1, 'float32', 3);
    const b = tf.randomNormal([1682], 0, 1, 'float32', 4);
    const up = tf.randomNormal([300, 1682], 0, 1, 'float32', 5);
    const grads = () => tf.grads((xx: tf.Tensor, bb: tf.Tensor) => addBias(xx, bb).mul(up).sum())([x, b]);
    setFusedKernels(false);
    const [dxOff, dbOff] = grads();
    setFusedKernels(true);
    const [dxOn, dbOn] = grads();
    expect(maxAbsDiff(dxOff, dxOn)).toBe(0);
    // Column sums of up, against float64 sums.
    const want = tf.tidy(() => up.sum(0));
    expect(maxAbsDiff(dbOn, want)).toBeLessThan(1e-4);
    expect(maxAbsDiff(dbOn, dbOff)).toBeLessThan(1e-4);
    const ups = up.arraySync() as number[][];
    const exact = ups[0].map((_, j) => ups.reduce((s, row) => s + row[j], 0));
    const on = dbOn.dataSync();
    expect(Math.max(...exact.map((v, j) => Math.abs(v - on[j])))).toBeLessThan(1e-4);
  });
});

describe('GELU with its own SIMD derivative while training', () => {
  // GELU'(x) = Φ(x) + x·φ(x), from the 16-digit constants above; beyond |x| = 10 it is 0 or 1 in float32.
  const exact = (x: number) => {
    const phi = Math.exp((-x * x) / 2) / Math.sqrt(2 * Math.PI);
    return 0.5 * (1 + erfOf(x / Math.SQRT2)) + x * phi;
  };
  // erf from its Taylor series to 1e-15 for |x| ≤ 3, and 1 − erfc's continued fraction beyond (the test's reference).
  function erfOf(z: number): number {
    const a = Math.abs(z);
    if (a > 3) {
      let f = 0;
      for (let k = 60; k >= 1; k--) f = k / 2 / (a + f);
      return Math.sign(z) * (1 - Math.exp(-a * a) / Math.sqrt(Math.PI) / (a + f));
    }
    let term = z,
      sum = z;
    for (let n = 1; n < 200; n++) {
      term *= (-z * z) / n;
      sum += term / (2 * n + 1);
    }
    return (2 / Math.sqrt(Math.PI)) * sum;
  }

  it('gives d GELU/dx at hand-checked points: Φ(1) + φ(1) at 1, ½ at 0, 0 and 1 far out', () => {
    const xs = [1, 0, -1, 2, 10, -10, 12.5, -14, 0.25, -0.5, 3, -3];
    const g = tf
      .grad((x: tf.Tensor) => activate(x, 'gelu').sum())(tf.tensor1d(xs))
      .dataSync();
    expect(g[0]).toBeCloseTo(PHI1 + DENSITY1, 6);
    expect(g[1]).toBeCloseTo(0.5, 7);
    expect(g[3]).toBeCloseTo(PHI2 + 2 * (Math.exp(-2) / Math.sqrt(2 * Math.PI)), 6);
    xs.forEach((x, i) => expect(Math.abs(g[i] - exact(x))).toBeLessThan(2e-6));
  });

  // The loops take 4 vectors (16 floats) a pass, then one vector at a time: every float of a length with 1–3 vectors
  // after the last whole pass must be written, GELU and its derivative each against float64.
  it.each([20, 24, 28, 44])('fills all %i values, past the last whole pass of 16', (n) => {
    const xs = Array.from({ length: n }, (_, i) => 0.25 + 0.1 * i);
    const x = tf.tensor1d(xs);
    const y = fusedGelu(x, 'gelu')!.dataSync();
    const g = tf
      .grad((v: tf.Tensor) => activate(v, 'gelu').sum())(x)
      .dataSync();
    xs.forEach((v, i) => {
      expect(Math.abs(y[i] - 0.5 * v * (1 + erfOf(v / Math.SQRT2)))).toBeLessThan(2e-6);
      expect(Math.abs(g[i] - exact(v))).toBeLessThan(2e-6);
    });
  });

  it('runs no Erf or Exp kernel when on (the SIMD passes did the work), and both when off', async () => {
    const names = async () =>
      (await tf.profile(() => tf.grad((x: tf.Tensor) => activate(x, 'gelu').sum())(tf.tensor1d([1, 2, 3, 4])))).kernelNames;
    expect(await names()).not.toEqual(expect.arrayContaining(['Erf']));
    expect(await names()).not.toEqual(expect.arrayContaining(['Exp']));
    setFusedKernels({ geluTraining: false });
    expect(await names()).toEqual(expect.arrayContaining(['Erf', 'Exp']));
  });

  it('matches the composed gradient within 2e-6 over 40,000 values, and the forward within 1e-6', () => {
    const x = tf.randomNormal([100, 400], 0, 3, 'float32', 11);
    const up = tf.randomNormal([100, 400], 0, 1, 'float32', 12);
    const run = () => {
      const { value, grads } = tf.variableGrads(() => activate(v, 'gelu').mul(up).sum(), [v]);
      return [value.dataSync()[0], grads[v.name]] as const;
    };
    const v = tf.variable(x);
    setFusedKernels({ geluTraining: false });
    const [lossOff, gOff] = run();
    setFusedKernels(true);
    const [lossOn, gOn] = run();
    expect(Math.abs(lossOn - lossOff) / Math.abs(lossOff)).toBeLessThan(1e-6);
    expect(maxAbsDiff(gOn, gOff)).toBeLessThan(2e-6);
    const xs = x.dataSync(),
      us = up.dataSync(),
      on = gOn.dataSync();
    let worst = 0;
    for (let i = 0; i < xs.length; i++) worst = Math.max(worst, Math.abs(on[i] - us[i] * exact(xs[i])));
    expect(worst).toBeLessThan(1e-5);
    v.dispose();
  });
});

describe('where the fused kernels step aside', () => {
  it('leaves the tanh form to the composed ops while a gradient is recorded', () => {
    const seen: (tf.Tensor | undefined)[] = [];
    tf.grad((x: tf.Tensor) => {
      seen.push(fusedGelu(x, 'gelu_tanh'));
      return x.sum();
    })(tf.tensor1d([1, 2, 3, 4]));
    expect(seen).toEqual([undefined]);
  });

  it('returns undefined when turned off and on the cpu backend, where activate composes the ops', async () => {
    const x = tf.tensor1d([1]);
    setFusedKernels({ gelu: false });
    expect(fusedGelu(x, 'gelu')).toBeUndefined();
    setFusedKernels(true);
    await initBackend('cpu');
    try {
      expect(fusedGelu(tf.tensor1d([1]), 'gelu')).toBeUndefined();
      expect(activate(tf.tensor1d([1]), 'gelu').dataSync()[0]).toBeCloseTo(PHI1, 6);
    } finally {
      await initBackend('wasm');
    }
  });
});
