// The TF.js backend in use (and the GPU adapter behind it), as measured by the ML worker.
import type { StateCreator } from 'zustand';
import type { BackendInfo, BackendPreference } from '../ml/backend';
import type { AppState } from './index';

export interface MlSlice {
  backendPreference: BackendPreference;
  backend: BackendInfo | null;
  backendError: string | null;
  backendPending: boolean;
  backendChanged(info: BackendInfo | null, error?: string): void;
  setBackendPreference(p: BackendPreference): void;
}

const stored = (): BackendPreference => {
  const v = globalThis.localStorage?.getItem('reclens.backend');
  return v === 'webgpu' || v === 'webgl' || v === 'wasm' || v === 'cpu' ? v : 'auto';
};

export const createMlSlice: StateCreator<AppState, [], [], MlSlice> = (set) => ({
  backendPreference: stored(),
  backend: null,
  backendError: null,
  backendPending: false,
  backendChanged: (info, error) => set({ backend: info, backendError: error ?? null, backendPending: false }),
  setBackendPreference: (p) => {
    globalThis.localStorage?.setItem('reclens.backend', p);
    set({ backendPreference: p, backendPending: true });
  },
});
