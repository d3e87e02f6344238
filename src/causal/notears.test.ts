// NOTEARS on its engine-free path (float64 covariance and objective); ml/causal/notears.test.ts runs the TF.js engine.
import { describe, expect, it } from 'vitest';
import { expmMinusI, float64Covariance, notears, weightsToEdges } from './notears';
import { randomLinearSem, sampleLinearSem } from './simulate';
import { compareGraphs } from './compare';
import { benchTable, expectReferenceWeights } from '../testSupport/notearsReference';

describe('NOTEARS', () => {
  it('refuses 1 or 2 rows with the reason instead of returning a graph (issue #16)', async () => {
    for (const rows of [1, 2]) {
      const columns = [
        [1, 2],
        [2, 1],
        [3, 5],
      ].map((col) => col.slice(0, rows));
      await expect(notears(columns)).rejects.toThrow(
        `NOTEARS needs at least 10 rows for 3 variables (at least 10, and 5 more than the variables), but the data has ${rows}`,
      );
    }
  });

  it('warns by name about exactly collinear columns', async () => {
    const sem = randomLinearSem(3, 2, 5);
    const table = sampleLinearSem(sem, 500, 6);
    const twice = Float64Array.from(table.columns[0], (v) => 2 * v + 1);
    const r = await notears([...table.columns, twice], { names: [...table.names, 'twice'] });
    expect(r.warnings).toEqual([
      `"${table.names[0]}" and "twice" are collinear (r = 1.000000): one is (almost) a linear function of the other, ` +
        'so the data cannot tell their edges apart; drop one of them',
    ]);
    expect((await notears(table.columns, { names: table.names })).warnings).toEqual([]);
  });

  it('recovers ≥ 90% of edges with their direction on seed-fixed 10-node linear-Gaussian DAGs (n = 5,000)', async () => {
    // The first ten seeds, not a chosen subset: ER graphs with 10 expected edges, weights ±[0.5, 2], unit noise.
    let directed = 0,
      total = 0,
      extra = 0;
    for (let seed = 1; seed <= 10; seed++) {
      const sem = randomLinearSem(10, 10, seed);
      const table = sampleLinearSem(sem, 5000, seed + 1);
      const r = await notears(table.columns);
      expect(r.h).toBeLessThanOrEqual(1e-8);
      const cmp = compareGraphs(weightsToEdges(table.names, r.weights), sem.edges);
      directed += cmp.correctlyDirected;
      total += cmp.trueEdges;
      extra += cmp.extra.length;
    }
    expect(total).toBe(102);
    expect(directed / total).toBeGreaterThanOrEqual(0.9); // 93 of 102 today (the reference implementation: the same)
    expect(extra).toBeLessThanOrEqual(2); // 0 today
  }, 60_000);

  it('matches the reference implementation (SciPy L-BFGS-B, Zheng et al.’s notears_linear) on the bench graph', async () => {
    const r = await notears(benchTable().columns);
    expectReferenceWeights(r.weights);
  }, 30_000);

  it('refuses the TF.js objective without an engine', async () => {
    const table = sampleLinearSem(randomLinearSem(3, 2, 1), 100, 2);
    await expect(notears(table.columns, { inner: 'tfjs' })).rejects.toThrow(/needs the TF.js engine/);
  });

  it('computes S = XᵀX/n in float64', () => {
    const s = float64Covariance(Float32Array.from([1, 2, -1, 0, 0, -2]), 3, 2);
    expect(Array.from(s)).toEqual([2 / 3, 2 / 3, 2 / 3, 8 / 3]);
  });

  it('stops when cancelled', async () => {
    const table = sampleLinearSem(randomLinearSem(8, 8, 1), 1000, 2);
    const controller = new AbortController();
    const run = notears(table.columns, { signal: controller.signal, onProgress: () => controller.abort() });
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('computes exp(A) − I to float64 precision, including tiny h', () => {
    // A = [[0, a], [b, 0]]: exp(A) = [[cosh √ab, …], …], so tr(exp(A)) − 2 = 2(cosh √ab − 1).
    const [a, b] = [3, 0.5];
    const f = expmMinusI(Float64Array.from([0, a, b, 0]), 2);
    expect(f[0] + f[3]).toBeCloseTo(2 * (Math.cosh(Math.sqrt(a * b)) - 1), 12);
    const tiny = expmMinusI(Float64Array.from([0, 1e-5, 1e-5, 0]), 2);
    expect((tiny[0] + tiny[3]) / (4 * Math.sinh(0.5e-5) ** 2)).toBeCloseTo(1, 10); // 2(cosh x − 1) without cancellation
  });

  it('drops the weakest edge of a cycle left by thresholding', () => {
    const e = weightsToEdges(
      ['a', 'b', 'c'],
      [
        [0, 1, 0],
        [0, 0, 0.8],
        [0.5, 0, 0],
      ],
    );
    expect(e.map((x) => `${x.from}${x.to}`)).toEqual(['ab', 'bc']);
  });
});
