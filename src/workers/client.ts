// The UI thread's handle on the core worker: same CoreApi, plus task ids, progress forwarding and cancel.
import * as Comlink from 'comlink';
import type { CoreApi } from './protocol';
import type { MlApi } from './mlProtocol';
import { WorkerSupervisor, type RestartListener } from './supervisor';
import { sendThreadsEnv } from './threadsEnv';

// Each worker is supervised: if it dies, the calls in flight fail with a reason and the next call starts a new one.
const restartListeners = new Set<RestartListener>();
function supervised<T>(name: string, spawn: () => Worker): WorkerSupervisor<T> {
  const s = new WorkerSupervisor<T>(name, spawn);
  s.onRestart((worker, error) => restartListeners.forEach((l) => l(worker, error)));
  return s;
}

/** The ML worker, started on first use so the app opens without loading TF.js. */
// Its first message is the page's cores and isolation, for its wasm thread rule (threadsEnv.ts).
const ml = supervised<MlApi>('ML', () =>
  sendThreadsEnv(new Worker(new URL('./ml.worker.ts', import.meta.url), { type: 'module', name: 'reclens-ml' })),
);
export const mlWorker = (): Comlink.Remote<MlApi> => ml.remote;

const spawnCore = (name: string) =>
  supervised<CoreApi>(
    name === 'reclens-core' ? 'core' : `parsing helper ${name}`,
    () => new Worker(new URL('./core.worker.ts', import.meta.url), { type: 'module', name }),
  );
const core = spawnCore('reclens-core');
export const coreWorker = (): Comlink.Remote<CoreApi> => core.remote;

const helpers: WorkerSupervisor<CoreApi>[] = [];

/** Which worker pair (by their crash counts) the current core↔ML channel connects; null before the first. */
let linked: string | null = null;

/**
 * Give the core worker and the ML worker a channel of their own, so a parsed dataset goes straight from one to the
 * other (IngestRequest.handOff); again after either was restarted. False where there are no workers (tests, Node).
 */
export function linkCoreToMl(): boolean {
  if (typeof MessageChannel === 'undefined' || typeof Worker === 'undefined') return false;
  const pair = `${core.crashes}/${ml.crashes}`;
  if (linked === pair) return true;
  const { port1, port2 } = new MessageChannel();
  // Same-port calls arrive in order: the ports are in place before the ingest call that uses them.
  void ml.remote.acceptCorePort(Comlink.transfer(port2, [port2]));
  void core.remote.connectMl(Comlink.transfer(port1, [port1]));
  linked = pair;
  return true;
}

/** `n` core workers for parallel parsing: the main core worker plus helpers, started once and kept. */
export function coreWorkers(n: number): Comlink.Remote<CoreApi>[] {
  while (helpers.length < n - 1) helpers.push(spawnCore(`reclens-core-${helpers.length + 2}`));
  return [coreWorker(), ...helpers.slice(0, n - 1).map((h) => h.remote)];
}

/** Tells the store when a worker died and was replaced (what it held is gone: datasets sent to it, trained models). */
export function onWorkerRestart(listener: RestartListener): () => void {
  restartListeners.add(listener);
  return () => restartListeners.delete(listener);
}

/**
 * How many parts to parse a large file in: one per core except the page's own, at most 4 (merging more costs more
 * than it saves). On 2 cores that is 1: measured there (bench:ingest), two parse workers were slower than one.
 * `localStorage['reclens.parseWorkers']` overrides it (benchmarks compare 1 and n; analysts can limit it).
 */
export function parallelParts(): number {
  const forced = Number(globalThis.localStorage?.getItem('reclens.parseWorkers'));
  if (Number.isInteger(forced) && forced >= 1) return Math.min(forced, 8);
  return Math.max(1, Math.min(4, (globalThis.navigator?.hardwareConcurrency ?? 1) - 1));
}

export { Comlink };
