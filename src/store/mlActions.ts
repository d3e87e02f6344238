// Actions on the ML worker: choosing the TF.js backend (auto by measurement, or the analyst's override).
import { mlWorker } from '../workers/client';
import type { BackendInfo, BackendPreference } from '../ml/backend';
import { useApp } from './index';

/** TF.js's wasm binaries are copied to tfjs-wasm/ beside index.html (vite.config.ts); resolved from the page. */
const wasmBase = () => new URL('tfjs-wasm/', document.baseURI).href;

export async function chooseBackend(preference: BackendPreference = useApp.getState().backendPreference): Promise<void> {
  useApp.getState().setBackendPreference(preference);
  try {
    const info = (await mlWorker().initBackend(preference, wasmBase())) as BackendInfo;
    useApp.getState().backendChanged(info);
  } catch (e) {
    // The analyst's choice could not start: say so and fall back to automatic choice rather than leave no backend.
    const message = `${preference}: ${(e as Error).message}`;
    if (preference !== 'auto') {
      const info = (await mlWorker().initBackend('auto', wasmBase())) as BackendInfo;
      useApp.getState().backendChanged(info, message);
    } else useApp.getState().backendChanged(null, message);
  }
}
