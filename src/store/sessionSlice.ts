// What is saved in this browser (datasets, models, space used) and what went wrong saving or restoring the session.
import type { StateCreator } from 'zustand';
import type { StoredDatasetInfo } from '../data/datasetStore';
import type { AppState } from './index';

export interface StorageOverview {
  datasets: StoredDatasetInfo[];
  checkpoints: { count: number; bytes: number };
  /** The whole origin's usage and quota, when the browser tells. */
  estimate: { usage: number; quota: number } | null;
}

export interface SessionSlice {
  storage: StorageOverview | null;
  /** A failed save (quota), restore or import: shown until the next success; what is open stays open. */
  sessionError: string | null;
  /** Runtime dataset id → how it is kept: a stored id, 'demo' (regenerated), or null (saving failed). */
  datasetStorage: Record<string, string | null>;
  /** True while a session is being restored or imported. */
  sessionBusy: boolean;
  storageChanged(storage: StorageOverview): void;
  setSessionError(message: string | null): void;
  datasetStored(id: string, storedAs: string | null): void;
  setSessionBusy(busy: boolean): void;
}

export const createSessionSlice: StateCreator<AppState, [], [], SessionSlice> = (set) => ({
  storage: null,
  sessionError: null,
  datasetStorage: {},
  sessionBusy: false,
  storageChanged: (storage) => set({ storage }),
  setSessionError: (sessionError) => set({ sessionError }),
  datasetStored: (id, storedAs) => set((s) => ({ datasetStorage: { ...s.datasetStorage, [id]: storedAs } })),
  setSessionBusy: (sessionBusy) => set({ sessionBusy }),
});
