// NOTEARS with the TF.js engine: the covariance as a matMul and, optionally, the objective on the backend.
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { initBackend } from '../backend';
import { notears } from '../../causal/notears';
import { randomLinearSem, sampleLinearSem } from '../../causal/simulate';
import { tfjsNotearsEngine as engine } from './notears';
import { benchTable, expectReferenceWeights } from '../../testSupport/notearsReference';

beforeAll(async () => {
  await initBackend('cpu');
});

describe('NOTEARS on the TF.js engine', () => {
  it('matches the reference implementation (SciPy L-BFGS-B, Zheng et al.’s notears_linear) on the bench graph', async () => {
    const table = benchTable();
    const before = tf.memory().numTensors;
    const r = await notears(table.columns, { engine });
    expect(tf.memory().numTensors).toBe(before);
    expectReferenceWeights(r.weights);
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
