import { describe, expect, it } from 'vitest';
import { chiSquareSf, logGamma, normalSf, quantile, twoSidedP } from './stats';

// Reference values from SciPy 1.x (scipy.stats.norm.sf, chi2.sf, scipy.special.gammaln, numpy.quantile).
describe('distribution functions against SciPy', () => {
  it('normal tails to the erfc fit’s 1.2e-7', () => {
    expect(normalSf(0)).toBeCloseTo(0.5, 7);
    expect(normalSf(1.959963984540054)).toBeCloseTo(0.025, 7);
    expect(normalSf(3)).toBeCloseTo(0.0013498980316301035, 7);
    expect(normalSf(-1)).toBeCloseTo(0.8413447460685429, 7);
    expect(twoSidedP(-1.959963984540054)).toBeCloseTo(0.05, 7);
  });

  it('chi-square tails and log-gamma', () => {
    expect(chiSquareSf(3.841458820694124, 1)).toBeCloseTo(0.05, 10);
    expect(chiSquareSf(10, 5)).toBeCloseTo(0.07523524614651217, 10);
    expect(chiSquareSf(0, 3)).toBe(1);
    expect(logGamma(0.5)).toBeCloseTo(Math.log(Math.sqrt(Math.PI)), 12);
    expect(logGamma(10)).toBeCloseTo(Math.log(362880), 10);
  });

  it('type-7 quantiles as NumPy', () => {
    expect(quantile([1, 2, 3, 4], 0.25)).toBeCloseTo(1.75, 12);
    expect(quantile([5, 1, 3], 0.5)).toBe(3);
    expect(quantile([], 0.5)).toBeNaN();
  });
});
