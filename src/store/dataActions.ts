// Actions that load data through the core worker, reporting progress into the store.
import { Comlink, coreWorker, coreWorkers, linkCoreToMl, parallelParts } from '../workers/client';
import { runTask } from './runTask';
import { fromWire, partWireBuffers, type WirePart } from '../data/datasetWire';
import type { CoreApi, Delivered, FileRequest, IngestFailure, IngestPlan, IngestRequest, ProgressCallback } from '../workers/protocol';
import { newDatasetId } from './dataSlice';
import { datasetHandedOff, discardHandOff } from './modelActions';
import { progressTracker, yieldToEvents, type Progress } from '../lib/progress';
import type { FileShape } from '../data/csv/reader';
import type { DatasetPayload } from '../data/dataset';
import { fail, ok, type Result } from '../lib/result';
import { useApp } from './index';

const cancelCore = (id: string) => void coreWorker().cancel(id);

/** An id for the dataset about to load, under which the core worker hands it to the ML worker too (when linked). */
const handOffId = (): string | undefined => (linkCoreToMl() ? newDatasetId() : undefined);

interface Unpacked {
  dataset: DatasetPayload;
  handedOff: boolean;
}

/**
 * A dataset from the core worker with its ids unpacked, then a turn for the page before it is added (still inside the
 * task, so the app is not idle without it): unpacking a large log's ids and rendering the Data view for it are two
 * tasks, not one; together they held the page past 50 ms.
 */
async function unpacked(payload: Delivered): Promise<Unpacked> {
  const dataset = fromWire(payload);
  await yieldToEvents(0);
  return { dataset, handedOff: payload.handedOff === true };
}

/** Add a dataset that came from the core worker; remember when the ML worker was handed it as well. */
function added({ dataset, handedOff }: Unpacked, handOff: string | undefined): void {
  const id = useApp.getState().datasetAdded(dataset, handOff);
  if (handedOff) datasetHandedOff(id);
}

export async function loadDemoDataset(options: { seed?: number; users?: number } = {}): Promise<void> {
  const handOff = handOffId();
  const payload = await runTask('demo', 'Building the demo shop', cancelCore, async (id, onProgress) =>
    unpacked(await coreWorker().demo({ ...options, handOff }, id, onProgress)),
  );
  if (payload) added(payload, handOff);
  else discardHandOff(handOff);
}

export function inspectFile(file: File, overrides: Parameters<CoreApi['inspect']>[2] = {}): Promise<Result<FileShape>> {
  return coreWorker().inspect(file, file.name, overrides) as Promise<Result<FileShape>>;
}

type Loaded = Result<Delivered, IngestFailure>;

/**
 * Parse a large, unquoted events file in several workers at once (one part each, cut at line breaks), then assemble
 * in the main core worker. Null when the plan says the file must be read whole; the caller then does that.
 */
async function ingestInParallel(request: IngestRequest, taskId: string, onProgress: ProgressCallback): Promise<Loaded | null> {
  const parts = parallelParts();
  if (parts < 2) return null;
  const plan = (await coreWorker().planIngest(request, parts)) as Result<IngestPlan | null>;
  if (!plan.ok || !plan.data) return null;
  const { points } = plan.data;
  const file = request.events.file;
  const bounds = [0, ...points, file.size];
  const workers = coreWorkers(bounds.length - 1);
  // Progress of the whole file: the bytes every part has read so far.
  const done = new Array<number>(workers.length).fill(0);
  const track = progressTracker(`Loading ${request.events.name} in ${workers.length} workers`, 'bytes', file.size);
  const cancelAll = () => workers.forEach((w, k) => void w.cancel(`${taskId}-${k}`));
  partCancels.set(taskId, cancelAll);
  try {
    const results = await Promise.all(
      workers.map(
        (w, k) =>
          w.parsePart(
            file.slice(bounds[k], bounds[k + 1]),
            plan.data!,
            k,
            `${taskId}-${k}`,
            Comlink.proxy((p: Progress) => {
              done[k] = p.done;
              onProgress(
                track(
                  done.reduce((a, b) => a + b, 0),
                  p.detail,
                ),
              );
            }),
          ) as Promise<Result<WirePart>>,
      ),
    );
    const failed = results.find((r) => !r.ok);
    if (failed && !failed.ok) return fail({ message: failed.reason, reports: [] });
    const parts = results.map((r) => (r as { ok: true; data: WirePart }).data);
    // A part that met quotes means a quoted line break may have been cut: read the file whole instead.
    if (parts.some((p) => p.sawQuote)) return null;
    const buffers = parts.flatMap(partWireBuffers);
    return (await coreWorker().assembleParts(request, plan.data, Comlink.transfer(parts, buffers), taskId, onProgress)) as Loaded;
  } finally {
    partCancels.delete(taskId);
  }
}

const partCancels = new Map<string, () => void>();
const cancelIngest = (id: string) => {
  cancelCore(id);
  partCancels.get(id)?.();
};

/** `datasetName`: the name the analyst gave the dataset (blank: the events file's name). */
export async function loadFiles(events: FileRequest, items?: FileRequest, datasetName?: string): Promise<void> {
  const handOff = handOffId();
  const request = { events, items, handOff, datasetName };
  // Comlink's Remote type spreads the Promise over the Result union; the worker returns exactly CoreApi's type.
  const ingest = async (id: string, onProgress: ProgressCallback): Promise<Result<Unpacked, IngestFailure>> => {
    const loaded = (await ingestInParallel(request, id, onProgress)) ?? ((await coreWorker().ingest(request, id, onProgress)) as Loaded);
    return loaded.ok ? ok(await unpacked(loaded.data)) : loaded;
  };
  let result: Awaited<ReturnType<typeof ingest>> | null;
  try {
    result = await runTask('ingest', `Loading ${events.name}`, cancelIngest, ingest);
  } catch (e) {
    // A worker that stopped mid-load (or any other failure): the data already open stays, the report says why.
    discardHandOff(handOff);
    useApp.getState().loadFailed(`Loading ${events.name}: ${(e as Error).message}`, []);
    return;
  }
  if (!result) {
    // Cancelled, possibly after the core worker had already handed the dataset over: the ML worker lets it go.
    discardHandOff(handOff);
    useApp.getState().loadFailed(`Loading ${events.name}: cancelled`, []);
    return;
  }
  if (result.ok) added(result.data, handOff);
  else useApp.getState().loadFailed(result.reason.message, result.reason.reports);
}
