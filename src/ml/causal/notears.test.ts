// NOTEARS with the TF.js engine: the covariance as a matMul and, optionally, the objective on the backend.
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { initBackend } from '../backend';
import { notears } from '../../causal/notears';
import { randomLinearSem, sampleLinearSem } from '../../causal/simulate';
import { tfjsNotearsEngine as engine } from './notears';

beforeAll(async () => {
  await initBackend('cpu');
});

describe('NOTEARS on the TF.js engine', () => {
  it('matches the reference implementation (SciPy L-BFGS-B, Zheng et al.’s notears_linear) on the bench graph', async () => {
    // Weights printed by the reference's notears_linear(X, lambda1=0.1, loss_type='l2') on the same samples.
    const reference: [number, number, number][] = [
      [0, 7, 0.51071],
      [1, 4, 1.01387],
      [2, 6, -0.35397],
      [5, 4, -1.69905],
      [6, 1, 0.96279],
      [9, 6, 0.43337],
    ];
    const sem = randomLinearSem(10, 10, 3);
    const table = sampleLinearSem(sem, 5000, 4);
    const before = tf.memory().numTensors;
    const r = await notears(table.columns, { engine });
    expect(tf.memory().numTensors).toBe(before);
    const found = r.weights.flatMap((row, i) => row.flatMap((w, j) => (w !== 0 ? [[i, j, w]] : [])));
    expect(found.map(([i, j]) => `${i}${j}`)).toEqual(reference.map(([i, j]) => `${i}${j}`));
    found.forEach(([, , w], k) => expect(w).toBeCloseTo(reference[k][2], 3));
  }, 30_000);

  it('gives the same graph when the inner objective runs on TF.js', async () => {
    const sem = randomLinearSem(6, 6, 5);
    const table = sampleLinearSem(sem, 2000, 6);
    const a = await notears(table.columns, { engine });
    const before = tf.memory().numTensors;
    const b = await notears(table.columns, { engine, inner: 'tfjs' });
    expect(tf.memory().numTensors).toBe(before);
    const edges = (w: number[][]) => w.flatMap((row, i) => row.flatMap((v, j) => (v !== 0 ? [`${i}→${j}`] : [])));
    expect(edges(b.weights)).toEqual(edges(a.weights));
    b.weights.forEach((row, i) => row.forEach((v, j) => expect(v).toBeCloseTo(a.weights[i][j], 1))); // float32 stops a little earlier
  }, 30_000);
});
