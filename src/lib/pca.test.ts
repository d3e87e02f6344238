import { describe, expect, it } from 'vitest';
import { jacobiEigen, pca } from './pca';

describe('pca', () => {
  it('puts collinear points on one component that carries all the variance', () => {
    // (1,2), (2,4), (3,6): the direction is (1,2)/√5, the centred points lie at −√5, 0, √5 along it.
    const r = pca([1, 2, 2, 4, 3, 6], 3, 2);
    expect(Array.from(r.components.subarray(0, 2))).toEqual([expect.closeTo(1 / Math.sqrt(5), 10), expect.closeTo(2 / Math.sqrt(5), 10)]);
    expect([r.coords[0], r.coords[2], r.coords[4]]).toEqual([
      expect.closeTo(-Math.sqrt(5), 10),
      expect.closeTo(0, 10),
      expect.closeTo(Math.sqrt(5), 10),
    ]);
    // Variance with divisor n − 1: (5 + 0 + 5) / 2 = 5.
    expect(r.variance[0]).toBeCloseTo(5, 10);
    expect(r.explained[0]).toBeCloseTo(1, 10);
    expect(r.explained[1]).toBeCloseTo(0, 10);
  });

  it('matches numpy (eigh of np.cov, largest loading positive) on an 8 × 4 matrix', () => {
    const x = [
      [2.5, 2.4, 0.5, 1.0],
      [0.5, 0.7, 1.5, -1.0],
      [2.2, 2.9, 0.2, 0.3],
      [1.9, 2.2, 0.9, 0.1],
      [3.1, 3.0, -0.4, 1.2],
      [2.3, 2.7, 0.3, -0.2],
      [2.0, 1.6, 1.1, 0.4],
      [1.0, 1.1, 1.7, -0.6],
    ].flat();
    const r = pca(x, 8, 4);
    const numpyComponents = [
      [0.54688813, 0.54585657, -0.4497357, 0.44798636],
      [0.1839103, -0.52214352, 0.3449452, 0.75799469],
    ].flat();
    const numpyCoords = [
      [0.9670069, 0.50043572],
      [-2.40043395, -0.15078508],
      [0.897199, -0.44988898],
      [-0.0533793, -0.0496989],
      [2.11701312, 0.13864404],
      [0.57374975, -0.67157207],
      [-0.28175566, 0.57836569],
      [-1.81939985, 0.10449958],
    ].flat();
    numpyComponents.forEach((v, i) => expect(r.components[i]).toBeCloseTo(v, 7));
    numpyCoords.forEach((v, i) => expect(r.coords[i]).toBeCloseTo(v, 7));
    expect(r.variance[0]).toBeCloseTo(2.24364804, 7);
    expect(r.variance[1]).toBeCloseTo(0.18481434, 7);
    expect(r.explained[0]).toBeCloseTo(0.90528345, 7);
    expect(r.explained[1]).toBeCloseTo(0.07457024, 7);
  });

  it('gives the same signs for the data mirrored: the largest loading is always positive', () => {
    const a = pca([1, 2, 2, 4, 3, 6], 3, 2);
    const b = pca([-1, -2, -2, -4, -3, -6], 3, 2);
    expect(Array.from(b.components)).toEqual(Array.from(a.components));
    // Mirrored data puts each point on the other side.
    expect(b.coords[0]).toBeCloseTo(-a.coords[0], 10);
  });

  it('zero-fills the second coordinate of one-dimensional rows and gives zero variance for identical rows', () => {
    const one = pca([1, 3, 5], 3, 1);
    expect(one.k).toBe(1);
    expect(Array.from(one.coords)).toEqual([-2, 0, 0, 0, 2, 0]);
    const same = pca([1, 1, 1, 1], 2, 2);
    expect(same.explained).toEqual([0, 0]);
    expect(Array.from(same.coords)).toEqual([0, 0, 0, 0]);
  });

  it('refuses a buffer of the wrong size', () => {
    expect(() => pca([1, 2, 3], 2, 2)).toThrow('expected 4 values');
  });
});

describe('jacobiEigen', () => {
  it('diagonalises [[2,1],[1,2]] into eigenvalues 1 and 3', () => {
    const { values, vectors } = jacobiEigen(Float64Array.from([2, 1, 1, 2]), 2);
    expect([...values].sort()).toEqual([expect.closeTo(1, 12), expect.closeTo(3, 12)]);
    // The eigenvector of 3 is (1,1)/√2 up to sign.
    const i3 = values[0] > values[1] ? 0 : 1;
    expect(Math.abs(vectors[i3])).toBeCloseTo(Math.SQRT1_2, 12);
    expect(vectors[i3] * vectors[2 + i3]).toBeGreaterThan(0);
  });
});
