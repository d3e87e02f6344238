// The page tells the ML worker what it knows about threads (logical cores, cross-origin isolation) in its first
// message, ahead of any Comlink call, so the worker's thread rule sees the page's values (tests can set them there).
import type { ThreadsEnv } from '../ml/wasmThreads';

const TYPE = 'reclens-threads-env';

/** Post this page's ThreadsEnv to a freshly started worker; returns the worker. */
export function sendThreadsEnv(worker: Worker): Worker {
  worker.postMessage({ type: TYPE, env: currentThreadsEnv() });
  return worker;
}

/** This global scope's cores and isolation (a worker's own, where no page sent any). */
export const currentThreadsEnv = (): ThreadsEnv => ({
  cores: globalThis.navigator?.hardwareConcurrency ?? 1,
  isolated: globalThis.crossOriginIsolated === true,
});

/** The ThreadsEnv in a message from sendThreadsEnv, or null for any other message (Comlink's ignore this type). */
export function threadsEnvIn(data: unknown): ThreadsEnv | null {
  const m = data as { type?: unknown; env?: { cores?: unknown; isolated?: unknown } } | null;
  if (m?.type !== TYPE || typeof m.env?.cores !== 'number' || typeof m.env.isolated !== 'boolean') return null;
  return { cores: m.env.cores, isolated: m.env.isolated };
}
