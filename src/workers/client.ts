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

export function coreWorker(): Comlink.Remote<CoreApi> {
  if (!remote) {
    const worker = new Worker(new URL('./core.worker.ts', import.meta.url), { type: 'module', name: 'reclens-core' });
    remote = Comlink.wrap<CoreApi>(worker);
  }
  return remote;
}

export { Comlink };
