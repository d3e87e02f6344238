// A throwaway worker for the start-up 1-vs-2-thread check (ml/wasmThreadProbe): one per thread setting, since
// TF.js's wasm backend initialises once per worker.
import * as Comlink from 'comlink';
import { startThreadProbe, timeProbeRound } from '../ml/wasmThreadProbe';

export const threadProbeApi = { start: startThreadProbe, round: timeProbeRound };
export type ThreadProbeApi = typeof threadProbeApi;

Comlink.expose(threadProbeApi);
