// Sequence classifiers (a trained SASRec/BERT4Rec fine-tuned as a behavior classifier) reported since the app opened.
import type { StateCreator } from 'zustand';
import type { SequenceClassifierInfo } from '../workers/sequenceClassifierService';
import type { AppState } from './index';

export interface SequenceClassifierSlice {
  /** Newest first. */
  sequenceClassifiers: SequenceClassifierInfo[];
  sequenceClassifierError: string | null;
  sequenceClassifierFitted(info: SequenceClassifierInfo): void;
  sequenceClassifierFailed(message: string | null): void;
}

export const createSequenceClassifierSlice: StateCreator<AppState, [], [], SequenceClassifierSlice> = (set) => ({
  sequenceClassifiers: [],
  sequenceClassifierError: null,
  sequenceClassifierFitted: (info) =>
    set((s) => ({ sequenceClassifiers: [info, ...s.sequenceClassifiers], sequenceClassifierError: null })),
  sequenceClassifierFailed: (sequenceClassifierError) => set({ sequenceClassifierError }),
});
