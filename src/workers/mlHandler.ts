// Implements MlApi on the core's ml folder; runs inside the ML worker (and directly in tests).
import { initBackend } from '../ml/backend';
import type { MlApi } from './mlProtocol';

export function createMlHandler(): MlApi {
  const running = new Map<string, AbortController>();
  // Backend switches are serialised: two overlapping setBackend calls would leave TF.js in an undefined state.
  let queue: Promise<unknown> = Promise.resolve();
  return {
    initBackend(preference, wasmBase) {
      const next = queue.then(() => initBackend(preference, { wasmBase }));
      queue = next.catch(() => undefined);
      return next;
    },
    cancel(taskId) {
      running.get(taskId)?.abort();
    },
  };
}
