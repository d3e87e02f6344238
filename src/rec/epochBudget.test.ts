import { describe, expect, it } from 'vitest';
import { longerSettings, planEpochs, withDefaultEpochBudget } from './epochBudget';

describe('planEpochs', () => {
  it('fits whole epochs into the budget at the measured rate', () => {
    // 8 steps/epoch at 41 steps/s: 0.195 s/epoch; 120 s / 0.195 = 615 epochs, so the cap of 200 decides.
    expect(planEpochs({ budgetSec: 120, stepsPerSec: 41, stepsPerEpoch: 8, maxEpochs: 200 })).toMatchObject({ epochs: 200, capped: true });
    // 8 steps/epoch at 0.71 steps/s: 11.27 s/epoch; 120 / 11.27 = 10.65 → 10 epochs.
    const slow = planEpochs({ budgetSec: 120, stepsPerSec: 0.71, stepsPerEpoch: 8, maxEpochs: 200 });
    expect(slow.epochs).toBe(10);
    expect(slow.capped).toBe(false);
    expect(slow.epochSec).toBeCloseTo(8 / 0.71, 10);
  });
  it('counts the validation passes: one every evalEvery epochs', () => {
    // 10 s of steps + 4 s validation / 2 = 12 s per epoch; 120 / 12 = 10 epochs (11 without validation would be 12).
    expect(planEpochs({ budgetSec: 120, stepsPerSec: 1, stepsPerEpoch: 10, validationSec: 4, evalEvery: 2, maxEpochs: 200 }).epochs).toBe(
      10,
    );
    expect(planEpochs({ budgetSec: 120, stepsPerSec: 1, stepsPerEpoch: 10, maxEpochs: 200 }).epochs).toBe(12);
  });
  it('gives at least one epoch, even when one epoch is longer than the budget', () => {
    expect(planEpochs({ budgetSec: 60, stepsPerSec: 0.5, stepsPerEpoch: 100, maxEpochs: 30 })).toMatchObject({ epochs: 1, capped: false });
  });
  it('survives a rate that could not be measured', () => {
    expect(planEpochs({ budgetSec: 120, stepsPerSec: 0, stepsPerEpoch: 8, maxEpochs: 30 }).epochs).toBe(1);
  });
});

describe('withDefaultEpochBudget', () => {
  const seq = { maxEpochs: {}, epochBudgetSec: {} };
  it('gives a model trained in epochs the two-minute budget unless epochs or a budget were set', () => {
    expect(withDefaultEpochBudget(seq, { hidden: 64 })).toEqual({ hidden: 64, maxLen: 50, epochBudgetSec: 120 });
    // The analyst's own history length stays.
    expect(withDefaultEpochBudget(seq, { maxLen: 200 })).toEqual({ maxLen: 200, epochBudgetSec: 120 });
    expect(withDefaultEpochBudget(seq, { maxEpochs: 30 })).toEqual({ maxEpochs: 30 });
    expect(withDefaultEpochBudget(seq, { epochBudgetSec: 0 })).toEqual({ epochBudgetSec: 0 });
  });
  it('leaves other models alone', () => {
    expect(withDefaultEpochBudget({ factors: {} }, { factors: 32 })).toEqual({ factors: 32 });
  });
});

describe('longerSettings', () => {
  it('continues for another budget with room for 200 more epochs than were trained', () => {
    expect(longerSettings({ hidden: 64, epochsTrained: 14, maxEpochs: 200, epochBudgetSec: 60 })).toEqual({
      hidden: 64,
      epochsTrained: 14,
      maxEpochs: 214,
      epochBudgetSec: 60,
    });
  });
  it('gives a model trained by a fixed epoch count the default budget', () => {
    expect(longerSettings({ epochsTrained: 30, maxEpochs: 30, epochBudgetSec: 0 })).toMatchObject({ maxEpochs: 230, epochBudgetSec: 120 });
  });
});
