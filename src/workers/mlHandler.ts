// Implements MlApi on the core (ml, rec); runs inside the ML worker (and directly in tests).
import { initBackend } from '../ml/backend';
import { ModelSession, modelCatalog } from './modelSession';
import type { MlApi } from './mlProtocol';

export function createMlHandler(): MlApi {
  const running = new Map<string, AbortController>();
  const session = new ModelSession();
  // One heavy task at a time: overlapping setBackend or training calls would fight over TF.js's global state.
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(work: () => Promise<T>): Promise<T> => {
    const next = queue.then(work);
    queue = next.catch(() => undefined);
    return next;
  };
  const task = <T>(taskId: string, work: (signal: AbortSignal) => Promise<T>): Promise<T> => {
    const controller = new AbortController();
    running.set(taskId, controller);
    return serial(() => work(controller.signal)).finally(() => running.delete(taskId));
  };
  return {
    initBackend: (preference, wasmBase) => serial(() => initBackend(preference, { wasmBase })),
    models: async () => modelCatalog(),
    addDataset: async (id, log) => session.addDataset(id, log),
    removeDataset: async (id) => session.removeDataset(id),
    train: (request, taskId, onProgress) => task(taskId, (signal) => session.train(request, onProgress, signal)),
    evaluate: (request, taskId, onProgress) => task(taskId, (signal) => session.evaluate(request, onProgress, signal)),
    recommend: (request) => serial(() => session.recommend(request)),
    removeModel: async (id) => session.removeModel(id),
    cancel(taskId) {
      running.get(taskId)?.abort();
    },
  };
}
