// The ML worker: TF.js models (BERT, the sequence recommender) train and run here, off the UI thread.
import * as Comlink from 'comlink';
import { createMlHandler } from './mlHandler';
import type { MlApi } from './mlProtocol';
import { defaultBrowserWasmBase, useWasmThreads } from '../ml/backend';
import type { WasmThreadsDecision } from '../ml/wasmThreads';
import { currentThreadsEnv, threadsEnvIn } from './threadsEnv';
import { wasmThreadsFor } from './wasmThreadCheck';

// The page's cores and isolation arrive as the first message (threadsEnv.ts); until then, this worker's own.
let env = currentThreadsEnv();
self.addEventListener('message', (e: MessageEvent) => {
  env = threadsEnvIn(e.data) ?? env;
});

// wasm initialises once per worker, so its thread count is decided before the first initBackend: by the rule alone on
// machines it rules out (2 cores here), else by the 1-vs-2-thread check in two probe workers. Decided once.
let threads: Promise<WasmThreadsDecision> | null = null;
const handler = createMlHandler();
// While the check runs, every other call waits for it too: a training call would otherwise reach TF.js first and
// start a backend of its own, without the thread count and before initBackend's turn in the handler's queue.
const api = Object.fromEntries(
  Object.entries(handler).map(([name, f]) => [
    name,
    typeof f === 'function'
      ? async (...args: unknown[]) => {
          if (threads) await threads;
          return (f as (...a: unknown[]) => unknown).apply(handler, args);
        }
      : f,
  ]),
) as unknown as MlApi;
api.initBackend = async (preference, wasmBase) => {
  if (preference === 'wasm' || preference === 'auto') threads ??= wasmThreadsFor(env, wasmBase ?? defaultBrowserWasmBase());
  // Every initBackend waits too, so they reach the handler in the order they were called (a webgpu request made while
  // the start-up 'auto' waits for the check must not run first and then be replaced by it).
  if (threads) useWasmThreads(await threads);
  return handler.initBackend(preference, wasmBase);
};

Comlink.expose(api);
