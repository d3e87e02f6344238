// The start-up 1-vs-2-thread check, run from the ML worker before its wasm backend starts: two probe workers (one
// thread, two threads) time the same step-sized workload in alternating rounds, so load from other tabs and processes
// falls on both alike; the medians become steps/s for ml/wasmThreads' rule.
import * as Comlink from 'comlink';
import { quantile } from '../lib/stats';
import { decideWasmThreads, shouldCheckThreads, type ThreadRates, type ThreadsEnv, type WasmThreadsDecision } from '../ml/wasmThreads';
import type { ThreadProbeApi } from './wasmThreadProbe.worker';

export interface ThreadCheckOptions {
  /** Timed rounds per setting, after one warm-up round each. */
  rounds?: number;
  stepsPerRound?: number;
  /** The whole check, start-up of both workers included; past it the check counts as failed (1 thread). */
  timeoutMs?: number;
}

const spawnProbe = () =>
  new Worker(new URL('./wasmThreadProbe.worker.ts', import.meta.url), { type: 'module', name: 'reclens-thread-probe' });

/** Steps/s of one and two wasm threads on the probe workload, measured in interleaved rounds. */
export async function measureThreadRates(wasmBase: string, options: ThreadCheckOptions = {}): Promise<ThreadRates> {
  const rounds = options.rounds ?? 4;
  const steps = options.stepsPerRound ?? 4;
  const workers = [spawnProbe(), spawnProbe()];
  const [one, two] = workers.map((w) => Comlink.wrap<ThreadProbeApi>(w));
  let timer: ReturnType<typeof setTimeout> | undefined;
  const failed = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`the check took longer than ${options.timeoutMs ?? 30_000} ms`)),
      options.timeoutMs ?? 30_000,
    );
    // An error inside a probe (a wasm thread that cannot load) fails the check; handled here, so that it does not
    // bubble up to the page as an error of the ML worker, which the supervisor would take for a crash and restart.
    for (const w of workers)
      w.addEventListener('error', (e) => {
        e.preventDefault();
        reject(new Error(e.message || 'a probe worker failed'));
      });
  });
  const check = async (): Promise<ThreadRates> => {
    // One after the other: two wasm start-ups at once would each time the other's compile.
    const started = [await one.start(1, wasmBase), await two.start(2, wasmBase)];
    if (started[1] !== 2) throw new Error(`threaded wasm ran ${started[1]} thread(s) when asked for 2`);
    await one.round(1);
    await two.round(1);
    const ms: number[][] = [[], []];
    for (let r = 0; r < rounds; r++) {
      // Alternate which goes first, so neither always follows the other's cache and clock state.
      const order = r % 2 === 0 ? [0, 1] : [1, 0];
      for (const i of order) ms[i].push(await [one, two][i].round(steps));
    }
    const rate = (xs: number[]) => steps / (quantile(xs, 0.5) / 1000);
    return { one: rate(ms[0]), two: rate(ms[1]) };
  };
  try {
    return await Promise.race([check(), failed]);
  } finally {
    clearTimeout(timer);
    workers.forEach((w) => w.terminate());
  }
}

/** The thread decision for this machine: the rule alone where it rules threads out, else the rule over a check. */
export async function wasmThreadsFor(env: ThreadsEnv, wasmBase: string, options?: ThreadCheckOptions): Promise<WasmThreadsDecision> {
  if (!shouldCheckThreads(env)) return decideWasmThreads(env);
  try {
    return decideWasmThreads(env, await measureThreadRates(wasmBase, options));
  } catch (e) {
    return decideWasmThreads(env, e instanceof Error ? e : new Error(String(e)));
  }
}
