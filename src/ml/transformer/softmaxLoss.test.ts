// The fused output-layer loss on wasm against a float64 reference computed here, against the composed ops it replaces
// (loss and all three gradients), and the cases where it steps aside.
import * as tf from '@tensorflow/tfjs';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../backend';
import { maxAbsDiff } from '../../testSupport/arrays';
import { createRng } from '../../lib/rng';
import { addBias, matMulFast } from './blocks';
import { setFusedKernels } from './fusedOps';
import { fusedSoftmaxLoss } from './softmaxLoss';
import { sparseSoftmaxCrossEntropy } from '../seqrec/loss';

beforeAll(async () => {
  await initBackend('wasm');
});

afterEach(() => setFusedKernels(true));

function seeded(rows: number, cols: number, hidden: number, seed: number) {
  const rng = createRng(seed);
  const values = (n: number, scale: number) => Float32Array.from({ length: n }, () => (rng.next() * 2 - 1) * scale);
  return {
    h: values(rows * hidden, 2),
    table: values(cols * hidden, 2),
    bias: values(cols, 1),
    targets: Int32Array.from({ length: rows }, () => rng.int(cols)),
    weights: values(rows, 1),
  };
}

/** Σ_r w_r·loss_r and its gradients in h, table and bias, in float64: the reference. */
function reference(x: ReturnType<typeof seeded>, rows: number, cols: number, hidden: number) {
  const dh = new Float64Array(rows * hidden);
  const dTable = new Float64Array(cols * hidden);
  const dBias = new Float64Array(cols);
  const loss: number[] = [];
  for (let r = 0; r < rows; r++) {
    const z = Array.from({ length: cols }, (_, j) => {
      let s = x.bias[j];
      for (let k = 0; k < hidden; k++) s += x.h[r * hidden + k] * x.table[j * hidden + k];
      return s;
    });
    const m = Math.max(...z);
    const sum = z.reduce((s, v) => s + Math.exp(v - m), 0);
    const t = x.targets[r];
    loss.push(m + Math.log(sum) - z[t]);
    for (let j = 0; j < cols; j++) {
      const g = x.weights[r] * (Math.exp(z[j] - m) / sum - (j === t ? 1 : 0));
      dBias[j] += g;
      for (let k = 0; k < hidden; k++) {
        dh[r * hidden + k] += g * x.table[j * hidden + k];
        dTable[j * hidden + k] += g * x.h[r * hidden + k];
      }
    }
  }
  return { loss, dh, dTable, dBias };
}

/** Per-row loss and the gradients of Σ w·loss, fused or composed. */
function run(x: ReturnType<typeof seeded>, rows: number, cols: number, hidden: number, fused: boolean) {
  setFusedKernels({ softmaxLoss: fused });
  const h = tf.tensor2d(x.h, [rows, hidden]);
  const table = tf.tensor2d(x.table, [cols, hidden]);
  const bias = tf.tensor1d(x.bias);
  let loss: Float32Array = new Float32Array();
  let usedFused = false;
  const grads = tf.grads((hh: tf.Tensor, tt: tf.Tensor, bb: tf.Tensor) => {
    const f = fusedSoftmaxLoss(hh as tf.Tensor2D, tt as tf.Tensor2D, bb as tf.Tensor1D, x.targets);
    usedFused = f !== undefined;
    const l = f ?? sparseSoftmaxCrossEntropy(addBias(matMulFast(hh, tt, false, true), bb) as tf.Tensor2D, tf.tensor1d(x.targets, 'int32'));
    loss = l.dataSync() as Float32Array;
    return l.mul(tf.tensor1d(x.weights)).sum();
  })([h, table, bias]);
  const out = { usedFused, loss, grads: grads.map((g) => g.dataSync() as Float32Array) };
  tf.dispose([h, table, bias, ...grads]);
  return out;
}

describe('fused softmax cross-entropy over all items (wasm)', () => {
  it('gives log 4 and the gradient (1/4 − onehot)·h for equal logits', () => {
    // Zero item vectors and bias: all 4 logits equal, loss log 4 whatever the target.
    const h = tf.variable(tf.tensor2d([[1, 2]]));
    const table = tf.variable(tf.zeros([4, 2]) as tf.Tensor2D);
    const bias = tf.variable(tf.zeros([4]) as tf.Tensor1D);
    const { value, grads } = tf.variableGrads(
      () => fusedSoftmaxLoss(h, table, bias, Int32Array.of(2))!.sum() as tf.Scalar,
      [h, table, bias],
    );
    expect(value.dataSync()[0]).toBeCloseTo(Math.log(4), 6);
    expect([...grads[bias.name].dataSync()].map((v) => +v.toFixed(6))).toEqual([0.25, 0.25, -0.75, 0.25]);
    // d table[j] = (p_j − [j = t])·h
    expect([...grads[table.name].dataSync()].map((v) => +v.toFixed(6))).toEqual([0.25, 0.5, 0.25, 0.5, -0.75, -1.5, 0.25, 0.5]);
    // d h = Σ_j (p_j − [j = t])·table[j] = 0 (table is zero)
    expect([...grads[h.name].dataSync()]).toEqual([0, 0]);
    tf.dispose([h, table, bias, value, ...Object.values(grads)]);
  });

  // Columns that fill whole 4-float vectors and columns that leave a tail; one row, and rows a multiple of 4 and not;
  // hidden sizes the table's transposed product takes (multiples of 8) and ones it leaves to a transpose.
  it.each([
    [37, 301, 8],
    [23, 1682, 16],
    [12, 52, 64],
    [16, 48, 4],
    [1, 5, 3],
    [9, 7, 2],
    [5, 4, 2],
  ])('matches a float64 reference and the composed ops: %i rows × %i items, hidden %i', (rows, cols, hidden) => {
    const x = seeded(rows, cols, hidden, rows * 1000 + cols);
    const want = reference(x, rows, cols, hidden);
    const fused = run(x, rows, cols, hidden, true);
    const composed = run(x, rows, cols, hidden, false);
    expect(fused.usedFused).toBe(true);
    expect(composed.usedFused).toBe(false);
    expect(maxAbsDiff(fused.loss, want.loss)).toBeLessThan(2e-5);
    expect(maxAbsDiff(fused.loss, composed.loss)).toBeLessThan(2e-5);
    const wanted = [want.dh, want.dTable, want.dBias];
    fused.grads.forEach((g, i) => {
      expect(maxAbsDiff(g, wanted[i])).toBeLessThan(2e-5);
      expect(maxAbsDiff(g, composed.grads[i])).toBeLessThan(2e-5);
    });
  });

  it('takes a row whose target is far below the rest at the composed loss ceiling, −log 1e-30', () => {
    const h = tf.tensor2d([[1]]);
    const table = tf.tensor2d([[100], [-100], [0], [0]]);
    const loss = fusedSoftmaxLoss(h, table, tf.zeros([4]) as tf.Tensor1D, Int32Array.of(1))!;
    expect(loss.dataSync()[0]).toBeCloseTo(-Math.log(1e-30), 4);
  });

  // The row's maximum is taken four vectors a pass (four running maxima), then a vector at a time, then the last
  // masked vector; the exponent likewise. A logit of 200 overflows e^(z − m) in float32 unless m is that maximum, so
  // each place it can sit must reach m: each of the four lanes of a pass, a vector after the passes, the tail.
  it.each([1, 6, 9, 15, 290, 300])('finds the row maximum at item %i of 301 (passes of 16, vectors, the tail)', (at) => {
    const cols = 301;
    const h = tf.tensor2d([[1]]);
    const table = tf.tensor2d(
      Float32Array.from({ length: cols }, (_, j) => (j === at ? 200 : (j % 7) - 3)),
      [cols, 1],
    );
    const bias = tf.zeros([cols]) as tf.Tensor1D;
    // loss = m + log Σ e^(z − m) − z[at] with m = 200: the others add e^(−197…−203), below float32's resolution. Any
    // other m overflows the sum.
    expect(fusedSoftmaxLoss(h, table, bias, Int32Array.of(at))!.dataSync()[0]).toBeCloseTo(0, 5);
  });

  it('refuses a target outside the items, and steps aside when turned off or on no rows', () => {
    const h = tf.zeros([2, 3]) as tf.Tensor2D;
    const table = tf.zeros([5, 3]) as tf.Tensor2D;
    const bias = tf.zeros([5]) as tf.Tensor1D;
    expect(() => fusedSoftmaxLoss(h, table, bias, Int32Array.of(0, 5))).toThrow(/target item 5 is outside the 5 items/);
    expect(fusedSoftmaxLoss(tf.zeros([0, 3]) as tf.Tensor2D, table, bias, new Int32Array())).toBeUndefined();
    // 3 items: fewer than one vector of a row
    expect(fusedSoftmaxLoss(h, tf.zeros([3, 3]) as tf.Tensor2D, tf.zeros([3]) as tf.Tensor1D, Int32Array.of(0, 2))).toBeUndefined();
    setFusedKernels({ softmaxLoss: false });
    expect(fusedSoftmaxLoss(h, table, bias, Int32Array.of(0, 4))).toBeUndefined();
  });

  it('leaks no tensor through a forward and backward pass', () => {
    const x = seeded(6, 10, 4, 3);
    run(x, 6, 10, 4, true); // kernels set up
    const before = tf.memory().numTensors;
    run(x, 6, 10, 4, true);
    expect(tf.memory().numTensors).toBe(before);
  });
});
