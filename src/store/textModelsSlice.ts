// Text (BERT) models loaded in the ML worker, and which datasets have item embeddings from one of them.
import type { StateCreator } from 'zustand';
import type { TextModelInfo } from '../ml/bert/textModels';
import type { AppState } from './index';

export interface TextModelsSlice {
  textModels: TextModelInfo[];
  /** datasetId → the text model and size of its item embeddings. */
  itemEmbeddings: Record<string, { textModelId: string; items: number; dim: number }>;
  textModelError: string | null;
  textModelLoaded(info: TextModelInfo): void;
  textModelFailed(message: string | null): void;
  itemsEmbedded(datasetId: string, entry: { textModelId: string; items: number; dim: number }): void;
}

export const createTextModelsSlice: StateCreator<AppState, [], [], TextModelsSlice> = (set) => ({
  textModels: [],
  itemEmbeddings: {},
  textModelError: null,
  textModelLoaded: (info) => set((s) => ({ textModels: [...s.textModels, info], textModelError: null })),
  textModelFailed: (textModelError) => set({ textModelError }),
  itemsEmbedded: (datasetId, entry) => set((s) => ({ itemEmbeddings: { ...s.itemEmbeddings, [datasetId]: entry } })),
});
