// Implements CoreApi by calling the pure core; runs inside the core worker (and directly in tests).
import { fail, ok, type Result } from '../lib/result';
import { progressTracker } from '../lib/progress';
import { blobSource } from '../data/csv/source';
import { inspectSource, loadEvents, loadItems, prepareEvents } from '../data/csv/load';
import { assembleParts, partShape, PARALLEL_MIN_BYTES, splitPoints } from '../data/csv/parts';
import { parseEventsPart, type IngestedEvents } from '../data/csv/ingestEvents';
import { partFromWire, partToWire } from './wire';
import { SAMPLE_BYTES } from '../data/csv/reader';
import { reservableRows } from '../data/csv/memoryEstimate';
import { mergeCatalogs } from '../data/csv/ingestItems';
import { summarise } from '../data/summary';
import { loadDemo } from '../data/demo';
import type { DatasetPayload } from '../data/dataset';
import type { CoreApi, IngestFailure, IngestRequest, ProgressCallback } from './protocol';
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
        const f = request.events;
        return await withCatalog(request, signal, onProgress, () => loadEvents(blobSource(f.name, f.file), { ...f, onProgress, signal }));
      } finally {
        running.delete(taskId);
      }
    },

    async planIngest(request, parts) {
      const f = request.events;
      const source = blobSource(f.name, f.file);
      const prepared = await prepareEvents(source, f);
      if (!prepared.ok) return prepared;
      // A quote in the first bytes means quoted fields, and a quoted line break could straddle a cut.
      const head = await source.head(SAMPLE_BYTES);
      if (f.file.size < PARALLEL_MIN_BYTES || parts < 2 || head.includes(0x22)) return ok(null);
      const points = await splitPoints(source, parts, prepared.data.shape.dialect.newline);
      return ok(points.length ? { ...prepared.data, points, sample: f.sample } : null);
    },

    async parsePart(slice, plan, index, taskId, onProgress) {
      const signal = begin(taskId);
      try {
        const part = await parseEventsPart(blobSource(plan.shape.file, slice).chunks(), partShape(plan.shape, index), {
          mapping: plan.mapping, sample: plan.sample, onProgress, signal,
          expectedRows: reservableRows(((plan.shape.estimatedRows ?? 0) * slice.size) / Math.max(1, plan.shape.bytes), slice.size),
        });
        return part.ok ? ok(partToWire(part.data)) : part;
      } finally {
        running.delete(taskId);
      }
    },

    async assembleParts(request, plan, parts, taskId, onProgress) {
      const signal = begin(taskId);
      try {
        return await withCatalog(request, signal, onProgress, async () => {
          const assembled = assembleParts(parts.map(partFromWire), plan.shape, plan.mapping, plan.sample);
          return assembled.ok ? ok({ ...assembled.data, shape: plan.shape }) : assembled;
        });
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

    // Called directly (tests, the CLI) there is no ML worker: core.worker.ts links the two.
    async connectMl() {},
  };
}

/** Load the optional catalog, then the events (however they are parsed), and build the dataset with its reports. */
async function withCatalog(
  request: IngestRequest,
  signal: AbortSignal,
  onProgress: ProgressCallback,
  events: () => Promise<Result<IngestedEvents>>,
): Promise<Result<DatasetPayload, IngestFailure>> {
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
  const loaded = await events();
  if (!loaded.ok) return failure(loaded.reason);
  reports.unshift(loaded.data.report);
  const { log, catalog } = loaded.data;
  const name = request.events.name;
  if (log.length === 0) return failure(`${name}: no row could be used (${loaded.data.report.rejected} rejected)`);
  return ok({ name, log, catalog: mergeCatalogs(itemCatalog, catalog), summary: summarise(log), reports, truth: null });
}
