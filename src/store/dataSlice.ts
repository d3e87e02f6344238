// Loaded datasets (several can be open; a failed load never replaces one) and the report of the last load.
import type { StateCreator } from 'zustand';
import type { DatasetPayload } from '../data/dataset';
import type { IngestReport } from '../data/csv/report';
import type { AppState } from './index';

export interface Dataset extends DatasetPayload {
  id: string;
  loadedAt: number;
}

export interface LoadOutcome {
  ok: boolean;
  message: string;
  reports: IngestReport[];
}

export interface DataSlice {
  datasets: Dataset[];
  activeDatasetId: string | null;
  lastLoad: LoadOutcome | null;
  /** `id`: one taken from newDatasetId beforehand (a dataset handed to the ML worker under it); else a new one. */
  datasetAdded(payload: DatasetPayload, id?: string): string;
  loadFailed(message: string, reports: IngestReport[]): void;
  selectDataset(id: string): void;
  removeDataset(id: string): void;
  /** A new name (already checked, see data/datasetName.ts); workspaceActions.renameDataset saves it too. */
  datasetRenamed(id: string, name: string): void;
}

let nextId = 0;

/** A fresh dataset id, for a dataset about to be loaded. */
export const newDatasetId = (): string => `ds-${++nextId}`;

export const createDataSlice: StateCreator<AppState, [], [], DataSlice> = (set) => ({
  datasets: [],
  activeDatasetId: null,
  lastLoad: null,
  datasetAdded: (payload, given) => {
    const id = given ?? newDatasetId();
    const dataset: Dataset = { ...payload, id, loadedAt: Date.now() };
    const ok = payload.reports.length > 0;
    set((s) => ({
      datasets: [...s.datasets, dataset],
      activeDatasetId: id,
      // The view words it (data.report.loaded) in the UI's language.
      lastLoad: ok ? { ok: true, message: payload.name, reports: payload.reports } : s.lastLoad,
    }));
    return id;
  },
  loadFailed: (message, reports) => set({ lastLoad: { ok: false, message, reports } }),
  selectDataset: (id) => set({ activeDatasetId: id }),
  datasetRenamed: (id, name) => set((s) => ({ datasets: s.datasets.map((d) => (d.id === id ? { ...d, name } : d)) })),
  removeDataset: (id) =>
    set((s) => {
      const datasets = s.datasets.filter((d) => d.id !== id);
      return { datasets, activeDatasetId: s.activeDatasetId === id ? (datasets.at(-1)?.id ?? null) : s.activeDatasetId };
    }),
});

export const activeDataset = (s: AppState): Dataset | null => s.datasets.find((d) => d.id === s.activeDatasetId) ?? null;
