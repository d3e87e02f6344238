// Trained recommenders, their evaluations, and what the Recommend view is looking at.
import type { RangeTable } from '../lib/ranges';
import type { StateCreator } from 'zustand';
import type { TrainedModelInfo } from '../rec/train';
import type { EvaluationResult, Protocol } from '../rec/evaluate';
import type { AppState } from './index';
import { activeDataset } from './dataSlice';
import { defaultUser } from '../data/defaultUser';

export interface EvaluationEntry {
  modelId: string;
  protocol: Protocol;
  k: number[];
  result: EvaluationResult;
}

export interface ModelsSlice {
  /** Registered models; `params`: their numeric settings' ranges, for the settings form. */
  modelCatalog: { name: string; summary: string; params?: RangeTable }[];
  trainedModels: TrainedModelInfo[];
  evaluations: EvaluationEntry[];
  /** The user (log index) and model the Recommend and Explain views show. */
  focusUser: number | null;
  focusModelId: string | null;
  modelError: string | null;
  catalogLoaded(c: ModelsSlice['modelCatalog']): void;
  modelTrained(info: TrainedModelInfo): void;
  modelRemoved(id: string): void;
  evaluationDone(entry: EvaluationEntry): void;
  focus(user: number | null, modelId?: string | null): void;
  setModelError(message: string | null): void;
}

export const createModelsSlice: StateCreator<AppState, [], [], ModelsSlice> = (set) => ({
  modelCatalog: [],
  trainedModels: [],
  evaluations: [],
  focusUser: null,
  focusModelId: null,
  modelError: null,
  catalogLoaded: (modelCatalog) => set({ modelCatalog }),
  modelTrained: (info) => set((s) => ({ trainedModels: [...s.trainedModels, info], focusModelId: info.id, modelError: null })),
  modelRemoved: (id) =>
    set((s) => ({
      trainedModels: s.trainedModels.filter((m) => m.id !== id),
      evaluations: s.evaluations.filter((e) => e.modelId !== id),
      focusModelId: s.focusModelId === id ? null : s.focusModelId,
    })),
  evaluationDone: (entry) =>
    set((s) => ({
      evaluations: [...s.evaluations.filter((e) => !(e.modelId === entry.modelId && e.protocol === entry.protocol)), entry],
    })),
  focus: (user, modelId) => set((s) => ({ focusUser: user, focusModelId: modelId === undefined ? s.focusModelId : modelId })),
  setModelError: (modelError) => set({ modelError }),
});

/** The user the Recommend and Explain views show: the one picked, else the active dataset's default (data/defaultUser). */
export const focusedUser = (s: AppState): number => {
  if (s.focusUser !== null) return s.focusUser;
  const dataset = activeDataset(s);
  return dataset ? defaultUser(dataset.log) : 0;
};
