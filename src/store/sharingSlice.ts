// What the analyst may share: the last explanation shown (the report and the CSV export use it).
import type { StateCreator } from 'zustand';
import type { ExplainResult } from '../explain/explainTopK';
import type { AppState } from './index';

export interface SharedExplanation {
  modelId: string;
  /** Log user index. */
  user: number;
  result: ExplainResult;
}

export interface SharingSlice {
  lastExplanation: SharedExplanation | null;
  explanationShown(explanation: SharedExplanation | null): void;
}

export const createSharingSlice: StateCreator<AppState, [], [], SharingSlice> = (set) => ({
  lastExplanation: null,
  explanationShown: (lastExplanation) => set({ lastExplanation }),
});
