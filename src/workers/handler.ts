// Implements CoreApi by forwarding to the core's loading service (data/ingestDataset.ts) with a cancel signal per
// task; runs inside the core worker (and directly in tests).
import { ok } from '../lib/result';
import { blobSource } from '../data/csv/source';
import { inspectSource } from '../data/csv/load';
import { assembleIngest, demoDataset, ingestDataset, parseIngestPart, planIngest } from '../data/ingestDataset';
import { partFromWire, partToWire } from '../data/datasetWire';
import type { CoreApi } from './protocol';

export function createCoreHandler(): CoreApi {
  const running = new Map<string, AbortController>();
  /** Run a task under its own abort signal, which `cancel(taskId)` fires. */
  const task = async <T>(taskId: string, work: (signal: AbortSignal) => Promise<T> | T): Promise<T> => {
    const controller = new AbortController();
    running.set(taskId, controller);
    try {
      return await work(controller.signal);
    } finally {
      running.delete(taskId);
    }
  };

  return {
    inspect: async (file, name, overrides = {}) => inspectSource(blobSource(name, file), overrides),
    ingest: (request, taskId, onProgress) => task(taskId, (signal) => ingestDataset(request, { onProgress, signal })),
    planIngest: (request, parts) => planIngest(request, parts),
    parsePart: (slice, plan, index, taskId, onProgress) =>
      task(taskId, async (signal) => {
        const part = await parseIngestPart(slice, plan, index, { onProgress, signal });
        return part.ok ? ok(partToWire(part.data)) : part;
      }),
    assembleParts: (request, plan, parts, taskId, onProgress) =>
      task(taskId, (signal) => assembleIngest(request, plan, parts.map(partFromWire), { onProgress, signal })),
    demo: (options, taskId, onProgress) => task(taskId, () => demoDataset(options, onProgress)),
    cancel(taskId) {
      running.get(taskId)?.abort();
    },
    // Called directly (tests, the CLI) there is no ML worker: core.worker.ts links the two.
    async connectMl() {},
  };
}
