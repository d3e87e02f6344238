// The typed interface of the ML worker: the one thread that owns TensorFlow.js and the GPU in the app.
import type { BackendInfo, BackendPreference } from '../ml/backend';

export interface MlApi {
  /** Initialise (or switch) the TF.js backend; 'auto' measures the capable ones and keeps the fastest. */
  /** `wasmBase`: absolute URL of the folder serving TF.js's .wasm files (a worker cannot see the page's base URL). */
  initBackend(preference: BackendPreference, wasmBase?: string): Promise<BackendInfo>;
  cancel(taskId: string): void;
}
