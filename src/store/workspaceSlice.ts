// What is saved in this browser (datasets, models, space used) and what went wrong saving or restoring the workspace.
import type { StateCreator } from 'zustand';
import type { StoredDatasetInfo } from '../data/datasetStore';
import type { AppState } from './index';

export interface StorageOverview {
  datasets: StoredDatasetInfo[];
  checkpoints: { count: number; bytes: number };
  /** The whole origin's usage and quota, when the browser tells. */
  estimate: { usage: number; quota: number } | null;
}

export interface WorkspaceSlice {
  storage: StorageOverview | null;
  /** A failed save (quota), restore or import: shown until the next success; what is open stays open. */
  workspaceError: string | null;
  /** Runtime dataset id → how it is kept: a stored id, 'demo' (regenerated), or null (saving failed). */
  datasetStorage: Record<string, string | null>;
  /** True while a workspace is being restored or imported. */
  workspaceBusy: boolean;
  storageChanged(storage: StorageOverview): void;
  setWorkspaceError(message: string | null): void;
  datasetStored(id: string, storedAs: string | null): void;
  setWorkspaceBusy(busy: boolean): void;
}

export const createWorkspaceSlice: StateCreator<AppState, [], [], WorkspaceSlice> = (set) => ({
  storage: null,
  workspaceError: null,
  datasetStorage: {},
  workspaceBusy: false,
  storageChanged: (storage) => set({ storage }),
  setWorkspaceError: (workspaceError) => set({ workspaceError }),
  datasetStored: (id, storedAs) => set((s) => ({ datasetStorage: { ...s.datasetStorage, [id]: storedAs } })),
  setWorkspaceBusy: (workspaceBusy) => set({ workspaceBusy }),
});
