// Uplift models fitted on top of trained recommenders (the models stay in the ML worker), their score-vs-uplift
// reports, and the latest test-file scores per model: what the Evaluate view's causal-vs-traditional table reads.
import type { StateCreator } from 'zustand';
import type { TestLogScores } from '../rec/testLog';
import type { UpliftFitInfo, UpliftReport } from '../rec/uplift/upliftReport';
import type { AppState } from './index';

export interface UpliftSlice {
  /** By recommender id. */
  upliftFits: Record<string, UpliftFitInfo>;
  upliftReports: Record<string, UpliftReport>;
  testFileScores: Record<string, { file: string; scores: TestLogScores }>;
  upliftFitted(info: UpliftFitInfo): void;
  upliftReported(report: UpliftReport): void;
  testFileScored(modelId: string, file: string, scores: TestLogScores): void;
}

export const createUpliftSlice: StateCreator<AppState, [], [], UpliftSlice> = (set) => ({
  upliftFits: {},
  upliftReports: {},
  testFileScores: {},
  // A refit replaces the model in the worker: its earlier report no longer describes it.
  upliftFitted: (info) =>
    set((s) => {
      const reports = { ...s.upliftReports };
      delete reports[info.modelId];
      return { upliftFits: { ...s.upliftFits, [info.modelId]: info }, upliftReports: reports };
    }),
  upliftReported: (report) => set((s) => ({ upliftReports: { ...s.upliftReports, [report.modelId]: report } })),
  testFileScored: (modelId, file, scores) => set((s) => ({ testFileScores: { ...s.testFileScores, [modelId]: { file, scores } } })),
});
