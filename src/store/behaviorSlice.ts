// Behavior classifiers (BERT fine-tuned on generated behavior descriptions) trained since the app opened.
import type { StateCreator } from 'zustand';
import type { BehaviorClassifierInfo } from '../ml/explain/behavior';
import type { AppState } from './index';

export interface BehaviorSlice {
  behaviorClassifiers: BehaviorClassifierInfo[];
  behaviorError: string | null;
  behaviorClassifierTrained(info: BehaviorClassifierInfo): void;
  behaviorFailed(message: string | null): void;
}

export const createBehaviorSlice: StateCreator<AppState, [], [], BehaviorSlice> = (set) => ({
  behaviorClassifiers: [],
  behaviorError: null,
  behaviorClassifierTrained: (info) => set((s) => ({ behaviorClassifiers: [...s.behaviorClassifiers, info], behaviorError: null })),
  behaviorFailed: (behaviorError) => set({ behaviorError }),
});
