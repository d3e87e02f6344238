// The overlap the app shows beside a debiased model, read from what each kind of model keeps of its fit.
import { expect, it } from 'vitest';
import { debiasOverlapOf } from './debiasOverlap';
import type { OverlapDiagnostic } from './propensity';

const diagnostic: OverlapDiagnostic = {
  pairs: 200,
  clip: 0.01,
  clippedShare: 0.25,
  min: 0,
  max: 0.8,
  ess: 120,
  essShare: 0.6,
  sumWeights: 9000,
};

it('reads a sequence model’s lastDebias and an MF model’s lastFit; naive fits and other models have none', () => {
  const expected = { debias: 'ips', source: 'exposure', pairs: 200, clip: 0.01, clippedShare: 0.25, essShare: 0.6 };
  // sasrec/bert4rec: lastFit is the training history (no debias field), lastDebias the weights.
  expect(
    debiasOverlapOf({ lastFit: { epochs: 3 }, lastDebias: { debias: 'ips', propensity: { source: 'exposure', diagnostic } } }),
  ).toEqual(expected);
  expect(debiasOverlapOf({ lastFit: { debias: 'snips', propensity: { source: 'pop', diagnostic } } })).toEqual({
    ...expected,
    debias: 'snips',
    source: 'pop',
  });
  expect(debiasOverlapOf({ lastFit: { epochs: 3 }, lastDebias: { debias: 'none', propensity: null } })).toBeNull();
  expect(debiasOverlapOf({ lastFit: { debias: 'none', propensity: null } })).toBeNull();
  expect(debiasOverlapOf({ lastFit: { epochs: 3 } })).toBeNull();
  expect(debiasOverlapOf({})).toBeNull();
});
