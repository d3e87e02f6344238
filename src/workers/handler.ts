// Implements CoreApi by calling the pure core; runs inside the core worker (and directly in tests).
import { fail, ok } from '../lib/result';
import { progressTracker } from '../lib/progress';
import { blobSource } from '../data/csv/source';
import { inspectSource, loadEvents, loadItems } from '../data/csv/load';
import { mergeCatalogs } from '../data/csv/ingestItems';
import { summarise } from '../data/summary';
import { loadDemo } from '../data/demo';
import type { CoreApi, DatasetPayload, IngestFailure } from './protocol';
import type { IngestReport } from '../data/csv/report';
import type { ItemCatalog } from '../data/eventLog';

export function createCoreHandler(): CoreApi {
  const running = new Map<string, AbortController>();
  const begin = (taskId: string) => {
    const controller = new AbortController();
    running.set(taskId, controller);
    return controller.signal;
  };

  return {
    async inspect(file, name, overrides = {}) {
      return inspectSource(blobSource(name, file), overrides);
    },

    async ingest(request, taskId, onProgress) {
      const signal = begin(taskId);
      try {
        const reports: IngestReport[] = [];
        const failure = (message: string) => fail<IngestFailure>({ message, reports });
        let itemCatalog: ItemCatalog | null = null;
        if (request.items) {
          const f = request.items;
          const items = await loadItems(blobSource(f.name, f.file), { ...f, onProgress, signal });
          if (!items.ok) return failure(items.reason);
          reports.push(items.data.report);
          itemCatalog = items.data.catalog;
        }
        const f = request.events;
        const events = await loadEvents(blobSource(f.name, f.file), { ...f, onProgress, signal });
        if (!events.ok) return failure(events.reason);
        reports.unshift(events.data.report);
        const { log, catalog } = events.data;
        if (log.length === 0) return failure(`${f.name}: no row could be used (${events.data.report.rejected} rejected)`);
        const payload: DatasetPayload = { name: f.name, log, catalog: mergeCatalogs(itemCatalog, catalog), summary: summarise(log), reports, truth: null };
        return ok(payload);
      } finally {
        running.delete(taskId);
      }
    },

    async demo(options, taskId, onProgress) {
      begin(taskId);
      try {
        const track = progressTracker('Simulating demo shop', 'steps', 2);
        onProgress(track(0));
        const { log, catalog, truth } = loadDemo(options);
        onProgress(track(1));
        const summary = summarise(log);
        onProgress(track(2));
        return { name: 'Demo shop (simulated)', log, catalog, summary, reports: [], truth };
      } finally {
        running.delete(taskId);
      }
    },

    cancel(taskId) {
      running.get(taskId)?.abort();
    },
  };
}

/** The typed-array buffers of a dataset, so the worker can hand them over without copying. */
export function datasetBuffers(d: DatasetPayload): ArrayBuffer[] {
  const { log } = d;
  const arrays = [log.user, log.item, log.event, log.time, log.value, log.session, log.seqOffsets, log.seqOrder];
  if (d.catalog) arrays.push(d.catalog.price);
  return arrays.map((a) => a.buffer as ArrayBuffer);
}
