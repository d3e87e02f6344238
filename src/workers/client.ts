// The UI thread's handle on the core worker: same CoreApi, plus task ids, progress forwarding and cancel.
import * as Comlink from 'comlink';
import type { CoreApi } from './protocol';
import type { MlApi } from './mlProtocol';

let remote: Comlink.Remote<CoreApi> | null = null;
let mlRemote: Comlink.Remote<MlApi> | null = null;

/** The ML worker, started on first use so the app opens without loading TF.js. */
export function mlWorker(): Comlink.Remote<MlApi> {
  if (!mlRemote) {
    const worker = new Worker(new URL('./ml.worker.ts', import.meta.url), { type: 'module', name: 'reclens-ml' });
    mlRemote = Comlink.wrap<MlApi>(worker);
  }
  return mlRemote;
}

const spawnCore = (name: string) => Comlink.wrap<CoreApi>(new Worker(new URL('./core.worker.ts', import.meta.url), { type: 'module', name }));

export function coreWorker(): Comlink.Remote<CoreApi> {
  remote ??= spawnCore('reclens-core');
  return remote;
}

const helpers: Comlink.Remote<CoreApi>[] = [];

/** `n` core workers for parallel parsing: the main core worker plus helpers, started once and kept. */
export function coreWorkers(n: number): Comlink.Remote<CoreApi>[] {
  while (helpers.length < n - 1) helpers.push(spawnCore(`reclens-core-${helpers.length + 2}`));
  return [coreWorker(), ...helpers.slice(0, n - 1)];
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
