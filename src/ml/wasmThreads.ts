// How many threads TF.js's wasm backend gets: a pure rule over the machine (cores, cross-origin isolation) and, where
// the rule allows threads at all, a start-up check that timed one and two threads on the same step-sized workload.
//
// Why a rule and a check: tfjs-backend-wasm caps its thread pool at hardwareConcurrency / 2 (backend.cc; upstream
// issues #6081, #4972, #8513), so on 2 logical cores it runs one thread however setThreadsCount is called. The cap can
// be lifted by reporting more cores before the backend initialises, but on 2 busy cores two threads measured no
// faster (issue #23). So threads are tried only with at least 4 logical cores, only where SharedArrayBuffer exists
// (a cross-origin isolated page), and kept only when they measured clearly faster.

/** Fewer logical cores than this and the check is not run: half of them is 1 thread, and the UI thread needs one. */
export const MIN_CORES_FOR_THREADS = 4;
/** Two threads must beat one by this factor; below it the gain is within run-to-run noise of a short check. */
export const MIN_SPEEDUP = 1.1;

export interface ThreadsEnv {
  /** navigator.hardwareConcurrency (logical cores). */
  cores: number;
  /** globalThis.crossOriginIsolated: threads need SharedArrayBuffer, which only an isolated (COOP/COEP) page has. */
  isolated: boolean;
}

/** Steps per second the start-up check measured with each setting (medians of interleaved rounds). */
export interface ThreadRates {
  one: number;
  two: number;
}

export type ThreadsReason =
  | 'few-cores' // under MIN_CORES_FOR_THREADS: the check is not run
  | 'not-isolated' // no SharedArrayBuffer: threaded wasm cannot start
  | 'faster' // two threads measured at least MIN_SPEEDUP × one
  | 'not-faster' // measured, and two threads were not clearly faster
  | 'check-failed'; // the check could not run (threaded wasm did not start, or it timed out)

export interface WasmThreadsDecision {
  threads: 1 | 2;
  reason: ThreadsReason;
  cores: number;
  /** The thresholds it was decided by, so that what explains it quotes them rather than copies of them. */
  rule: { minCores: number; minSpeedup: number };
  /** Present when the check ran. */
  rates?: ThreadRates;
  /** Why the check failed, when it did. */
  error?: string;
}

/** Whether the start-up check is worth running at all on this machine. */
export const shouldCheckThreads = (env: ThreadsEnv): boolean => env.isolated && env.cores >= MIN_CORES_FOR_THREADS;

/**
 * The decision: 1 thread unless the machine qualifies and the check measured two threads at least MIN_SPEEDUP times
 * faster. `measured` is the check's rates, or an Error when it failed; omitted when it was not run.
 */
export function decideWasmThreads(env: ThreadsEnv, measured?: ThreadRates | Error): WasmThreadsDecision {
  const base = { cores: env.cores, rule: { minCores: MIN_CORES_FOR_THREADS, minSpeedup: MIN_SPEEDUP } };
  if (!env.isolated) return { threads: 1, reason: 'not-isolated', ...base };
  if (env.cores < MIN_CORES_FOR_THREADS) return { threads: 1, reason: 'few-cores', ...base };
  if (measured === undefined) return { threads: 1, reason: 'check-failed', ...base, error: 'not measured' };
  if (measured instanceof Error) return { threads: 1, reason: 'check-failed', ...base, error: measured.message };
  const valid = Number.isFinite(measured.one) && Number.isFinite(measured.two) && measured.one > 0 && measured.two > 0;
  if (!valid) return { threads: 1, reason: 'check-failed', ...base, rates: measured, error: 'no valid rate' };
  const faster = measured.two >= measured.one * MIN_SPEEDUP;
  return { threads: faster ? 2 : 1, reason: faster ? 'faster' : 'not-faster', ...base, rates: measured };
}
