import { beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_MODEL_CHOICE, modelChoiceOf, useModelChoice } from './modelChoice';

describe("the Model view's choice per dataset", () => {
  beforeEach(() => useModelChoice.setState({ byDataset: {} }));

  it('keeps each dataset its own model, settings and seed', () => {
    const { choose } = useModelChoice.getState();
    choose('ml-100k', { model: 'sasrec', settingsText: '{"epochBudgetSec": 120}' });
    choose('demo', { model: 'ease' });
    choose('ml-100k', { seed: 7 });
    const s = useModelChoice.getState();
    expect(modelChoiceOf(s, 'ml-100k')).toEqual({ model: 'sasrec', settingsText: '{"epochBudgetSec": 120}', seed: 7 });
    expect(modelChoiceOf(s, 'demo')).toEqual({ model: 'ease', settingsText: '{}', seed: 42 });
  });

  it('starts an unseen dataset (or none) from the defaults, never from a prototype key', () => {
    const s = useModelChoice.getState();
    expect(modelChoiceOf(s, 'other')).toEqual(DEFAULT_MODEL_CHOICE);
    expect(modelChoiceOf(s, null)).toEqual(DEFAULT_MODEL_CHOICE);
    expect(modelChoiceOf(s, 'constructor')).toEqual(DEFAULT_MODEL_CHOICE);
  });
});
