import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { initBackend } from '../backend';
import { notears, weightsToEdges } from './notears';
import { randomLinearSem, sampleLinearSem } from '../../causal/simulate';
import { compareGraphs } from '../../causal/compare';

beforeAll(async () => {
  // The cpu backend launches tiny kernels faster than wasm: a 4×4 problem is all launch overhead.
  await initBackend('cpu');
});

describe('NOTEARS', () => {
  it('recovers a small linear-Gaussian DAG with directions, leaking no tensors', async () => {
    const sem = randomLinearSem(4, 4, 2);
    const table = sampleLinearSem(sem, 2000, 3);
    const before = tf.memory().numTensors;
    const r = await notears(table.columns, { seed: 1, maxInnerSteps: 1200 });
    expect(tf.memory().numTensors).toBe(before);
    const edges = weightsToEdges(table.names, r.weights);
    const cmp = compareGraphs(edges, sem.edges);
    expect(r.h).toBeLessThan(1e-6);
    expect(cmp.trueEdges).toBe(5);
    expect(cmp.correctlyDirected / sem.edges.length).toBeGreaterThanOrEqual(0.9);
    expect(cmp.extra.length).toBeLessThanOrEqual(1);
  });

  it('drops the weakest edge of a cycle left by thresholding', () => {
    const e = weightsToEdges(['a', 'b', 'c'], [[0, 1, 0], [0, 0, 0.8], [0.5, 0, 0]]);
    expect(e.map((x) => `${x.from}${x.to}`)).toEqual(['ab', 'bc']);
  });
});
