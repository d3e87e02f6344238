// The reference NOTEARS result both engines are held to: Zheng et al.'s notears_linear (SciPy L-BFGS-B) on the bench graph.
import { expect } from 'vitest';
import { randomLinearSem, sampleLinearSem } from '../causal/simulate';

/** Weights printed by the reference's notears_linear(X, lambda1=0.1, loss_type='l2') on benchTable()'s samples. */
export const REFERENCE_WEIGHTS: [number, number, number][] = [
  [0, 7, 0.51071],
  [1, 4, 1.01387],
  [2, 6, -0.35397],
  [5, 4, -1.69905],
  [6, 1, 0.96279],
  [9, 6, 0.43337],
];

/** The bench graph's samples: 10 variables, 10 edges (seed 3), 5000 rows (seed 4). */
export const benchTable = () => sampleLinearSem(randomLinearSem(10, 10, 3), 5000, 4);

/** The same edges, in the same order, with weights within 1e-3 of the reference's. */
export function expectReferenceWeights(weights: number[][]): void {
  const found = weights.flatMap((row, i) => row.flatMap((w, j) => (w !== 0 ? [[i, j, w]] : [])));
  expect(found.map(([i, j]) => `${i}${j}`)).toEqual(REFERENCE_WEIGHTS.map(([i, j]) => `${i}${j}`));
  found.forEach(([, , w], k) => expect(w).toBeCloseTo(REFERENCE_WEIGHTS[k][2], 3));
}
