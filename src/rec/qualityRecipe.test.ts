// The "train for quality" rules, each checked against figures worked out by hand.
import { describe, expect, it } from 'vitest';
import { patienceAt, planQuality, recipeSetKeysIn, shouldStop, withoutRecipeKeys } from './qualityRecipe';

describe('planQuality', () => {
  it('sizes the cap by training events per item: fewer events per item, more epochs', () => {
    // Beauty-like: 16 events per item → ceil(4000 / 16) = 250 epochs, validation every round(250 / 50) = 5, no stop
    // before ceil(25) = 25, patience at least 3 × 5 = 15.
    const beauty = planQuality('sasrec', 16_000, 1_000);
    expect(beauty).toEqual({ mode: 'sasrec', eventsPerItem: 16, maxEpochs: 250, evalEvery: 5, minEpochs: 25, minPatience: 15 });
    // ml-latest-small-like: 10.24 events per item → ceil(4000 / 10.24) = 391, validation every round(7.82) = 8, no stop
    // before ceil(39.1) = 40, patience at least 24.
    expect(planQuality('sasrec', 10_240, 1_000)).toMatchObject({ maxEpochs: 391, evalEvery: 8, minEpochs: 40, minPatience: 24 });
    // 5 events per item → ceil(4000 / 5) = 800 epochs, validation every 16, no stop before 80, patience 48.
    expect(planQuality('sasrec', 5_000, 1_000)).toMatchObject({ maxEpochs: 800, evalEvery: 16, minEpochs: 80, minPatience: 48 });
  });
  it("gives BERT4Rec SASRec's updates within its own, higher floor and ceiling", () => {
    // 16 events per item → ceil(4000 / 16) = 250 (SASRec's too), below BERT4Rec's floor: 600, validation every
    // round(600 / 50) = 12, no stop before epoch 60, patience at least 3 × 12 = 36.
    expect(planQuality('bert4rec', 16_000, 1_000)).toMatchObject({ maxEpochs: 600, evalEvery: 12, minEpochs: 60, minPatience: 36 });
    // Beauty: the tuning fit trains on 353,962 − 2 × 40,226 = 273,510 events (all but validation and test) over
    // 54,542 items = 5.0147 per item → ceil(4000 / 5.0147) = 798 epochs, validation every round(798 / 50) = 16, no stop
    // before ceil(79.8) = 80, patience at least 48.
    expect(planQuality('bert4rec', 273_510, 54_542)).toMatchObject({ maxEpochs: 798, evalEvery: 16, minEpochs: 80, minPatience: 48 });
    // 2 events per item → ceil(4000 / 2) = 2000, between the floor and the ceiling.
    expect(planQuality('bert4rec', 2_000, 1_000).maxEpochs).toBe(2000);
    // ml-100k-like density (about 59 per item): SASRec's floor 200, BERT4Rec's floor 600 (ceil(4000 / 58.9) = 68).
    expect(planQuality('sasrec', 99_057, 1_682)).toMatchObject({ maxEpochs: 200, evalEvery: 4, minEpochs: 20, minPatience: 12 });
    expect(planQuality('bert4rec', 99_057, 1_682)).toMatchObject({ maxEpochs: 600, evalEvery: 12, minEpochs: 60, minPatience: 36 });
    // One event per item: the ceilings, 1000 and 4000.
    expect(planQuality('sasrec', 500, 500).maxEpochs).toBe(1000);
    expect(planQuality('bert4rec', 500, 500).maxEpochs).toBe(4000);
  });
  it('refuses an empty or fractional input before planning', () => {
    expect(() => planQuality('sasrec', 0, 10)).toThrow(/trainEvents/);
    expect(() => planQuality('sasrec', 10, 2.5)).toThrow(/numItems/);
  });
});

describe('stopping', () => {
  const plan = planQuality('sasrec', 16_000, 1_000); // cap 250, evalEvery 5, minEpochs 25, minPatience 15
  it('waits half the epochs the best needed, at least three validations', () => {
    expect(patienceAt(plan, 10)).toBe(15);
    expect(patienceAt(plan, 100)).toBe(50);
  });
  it('never stops before minEpochs, stops once patience has run out, always at the cap', () => {
    expect(shouldStop(plan, 20, 1)).toBe(false); // 19 behind, but before epoch 25
    expect(shouldStop(plan, 25, 10)).toBe(true); // 15 behind the best at 10
    expect(shouldStop(plan, 145, 100)).toBe(false); // 45 < 50
    expect(shouldStop(plan, 150, 100)).toBe(true);
    expect(shouldStop(plan, 250, 250)).toBe(true);
  });
});

describe('recipeSetKeysIn', () => {
  it('names the settings the recipe chooses itself, in a fixed order, and nothing else', () => {
    expect(recipeSetKeysIn({ hidden: 64, epochBudgetSec: 120, maxLen: 50 })).toEqual(['epochBudgetSec']);
    expect(recipeSetKeysIn({ timeBudgetSec: 0, patience: 3, maxEpochs: 9, evalEvery: 2, dropout: 0.2 })).toEqual([
      'maxEpochs',
      'patience',
      'evalEvery',
      'timeBudgetSec',
    ]);
    expect(recipeSetKeysIn({ hidden: 64 })).toEqual([]);
  });

  it('leaves them out of the settings a model records, and keeps the rest', () => {
    const settings = { hidden: 64, epochBudgetSec: 120, maxEpochs: 9, dropout: 0.2 };
    expect(withoutRecipeKeys(settings)).toEqual({ hidden: 64, dropout: 0.2 });
    expect(settings).toEqual({ hidden: 64, epochBudgetSec: 120, maxEpochs: 9, dropout: 0.2 });
  });
});
