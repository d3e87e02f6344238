// The Model view's choice per dataset (model, its settings as typed, seed): kept outside the view so leaving it and
// coming back, or switching datasets and back, finds the same choice, as the Explain view's "Compare with" does.
import { create } from 'zustand';

export interface ModelChoice {
  model: string;
  settingsText: string;
  seed: number;
}

/** What the view starts with on a dataset it has not seen: popularity, no settings, seed 42. */
export const DEFAULT_MODEL_CHOICE: ModelChoice = { model: 'pop', settingsText: '{}', seed: 42 };

interface ModelChoiceState {
  byDataset: Readonly<Record<string, ModelChoice>>;
  /** Merges `change` into the dataset's choice. */
  choose: (datasetId: string, change: Partial<ModelChoice>) => void;
}

export const useModelChoice = create<ModelChoiceState>()((set) => ({
  byDataset: {},
  choose: (datasetId, change) =>
    set((s) => ({ byDataset: { ...s.byDataset, [datasetId]: { ...(s.byDataset[datasetId] ?? DEFAULT_MODEL_CHOICE), ...change } } })),
}));

export const modelChoiceOf = (s: Pick<ModelChoiceState, 'byDataset'>, datasetId: string | null | undefined): ModelChoice =>
  (datasetId && Object.hasOwn(s.byDataset, datasetId) ? s.byDataset[datasetId] : null) ?? DEFAULT_MODEL_CHOICE;
