// The loading service: a dataset from the files the analyst chose (events, optional catalog), whole or in parts parsed
// in parallel, or the built-in demo. The core worker exposes it; tests call it directly.
import { fail, ok, type Result } from '../lib/result';
import { progressTracker, type Progress } from '../lib/progress';
import { blobSource } from './csv/source';
import { loadEvents, loadItems, prepareEvents } from './csv/load';
import { assembleParts, partShape, PARALLEL_MIN_BYTES, splitPoints } from './csv/parts';
import { parseEventsPart, type EventsPart, type IngestedEvents } from './csv/ingestEvents';
import { SAMPLE_BYTES, type FileShape } from './csv/reader';
import { reservableRows } from './csv/memoryEstimate';
import { mergeCatalogs } from './csv/ingestItems';
import type { ColumnMapping, Role } from './csv/columns';
import type { Dialect } from './csv/sniff';
import type { TimeFormat } from './csv/timestamps';
import type { TextEncodingName } from './csv/decode';
import type { UserSample } from './csv/sampleUsers';
import type { IngestReport } from './csv/report';
import type { DatasetPayload } from './dataset';
import type { ItemCatalog } from './eventLog';
import { summarise } from './summary';
import { logFigures } from './distributions';
import { datasetName } from './datasetName';
import { loadDemo } from './demo';

/** One file the analyst chose, with the reading choices they confirmed or changed. */
export interface FileRequest {
  file: Blob;
  name: string;
  roles?: Partial<Record<Role, number>>;
  timeFormat?: TimeFormat;
  dialect?: Partial<Dialect>;
  encoding?: TextEncodingName;
  /** Events files only: sample by users (a seeded hash of the user id keeps about this share of users). */
  sample?: UserSample;
}

export interface IngestRequest {
  events: FileRequest;
  items?: FileRequest;
  /** The dataset's name as the analyst gave it; blank or absent: the events file's name. */
  datasetName?: string;
}

/** A failed load still carries the report of what was read, so the analyst sees every rejected row. */
export interface IngestFailure {
  message: string;
  reports: IngestReport[];
}

/** How a large events file is cut for parallel parsing: the shared shape and mapping, and where parts 2..n start. */
export interface IngestPlan {
  shape: FileShape;
  mapping: ColumnMapping;
  points: number[];
  sample?: UserSample;
}

export interface IngestOptions {
  onProgress: (p: Progress) => void;
  signal?: AbortSignal;
}

export type Loaded = Result<DatasetPayload, IngestFailure>;

/** Read the whole events file (and the catalog, if any) into a dataset. */
export function ingestDataset(request: IngestRequest, { onProgress, signal }: IngestOptions): Promise<Loaded> {
  const f = request.events;
  return withCatalog(request, { onProgress, signal }, () => loadEvents(blobSource(f.name, f.file), { ...f, onProgress, signal }));
}

/** A plan to parse the events file in `parts` workers, or null when it must be parsed whole (small, or quoted). */
export async function planIngest(request: IngestRequest, parts: number): Promise<Result<IngestPlan | null>> {
  const f = request.events;
  const source = blobSource(f.name, f.file);
  const prepared = await prepareEvents(source, f);
  if (!prepared.ok) return prepared;
  // Parquet and gzip are read as they stream (row groups, a decompressor): no byte offset starts a part of them.
  if (prepared.data.shape.format) return ok(null);
  // A quote in the first bytes means quoted fields, and a quoted line break could straddle a cut.
  const head = await source.head(SAMPLE_BYTES);
  if (f.file.size < PARALLEL_MIN_BYTES || parts < 2 || head.includes(0x22)) return ok(null);
  const points = await splitPoints(source, parts, prepared.data.shape.dialect.newline);
  return ok(points.length ? { ...prepared.data, points, sample: f.sample } : null);
}

/** Parse part `index` (a slice of the events file) of a plan. */
export function parseIngestPart(
  slice: Blob,
  plan: IngestPlan,
  index: number,
  { onProgress, signal }: IngestOptions,
): Promise<Result<EventsPart>> {
  const expectedRows = reservableRows(((plan.shape.estimatedRows ?? 0) * slice.size) / Math.max(1, plan.shape.bytes), slice.size);
  return parseEventsPart(blobSource(plan.shape.file, slice).chunks(), partShape(plan.shape, index), {
    mapping: plan.mapping,
    sample: plan.sample,
    onProgress,
    signal,
    expectedRows,
  });
}

/** Assemble parsed parts (in file order), load the catalog if any, and summarise: the same result as ingestDataset. */
export function assembleIngest(request: IngestRequest, plan: IngestPlan, parts: EventsPart[], options: IngestOptions): Promise<Loaded> {
  return withCatalog(request, options, async () => {
    const assembled = assembleParts(parts, plan.shape, plan.mapping, plan.sample);
    return assembled.ok ? ok({ ...assembled.data, shape: plan.shape }) : assembled;
  });
}

/** The built-in demo shop, simulated with its planted causal truth. */
export function demoDataset(options: { seed?: number; users?: number }, onProgress: (p: Progress) => void): DatasetPayload {
  const track = progressTracker('Simulating demo shop', 'steps', 2);
  onProgress(track(0));
  const { log, catalog, truth } = loadDemo(options);
  onProgress(track(1));
  const summary = summarise(log);
  onProgress(track(2));
  return { name: 'Demo shop (simulated)', log, catalog, summary, reports: [], truth, figures: logFigures(log, catalog) };
}

/** Load the optional catalog, then the events (however they are parsed), and build the dataset with its reports. */
async function withCatalog(
  request: IngestRequest,
  { onProgress, signal }: IngestOptions,
  events: () => Promise<Result<IngestedEvents>>,
): Promise<Loaded> {
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
  const file = request.events.name;
  if (log.length === 0) return failure(`${file}: no row could be used (${loaded.data.report.rejected} rejected)`);
  const merged = mergeCatalogs(itemCatalog, catalog);
  return ok({
    name: datasetName(request.datasetName, file),
    log,
    catalog: merged,
    summary: summarise(log),
    reports,
    truth: null,
    figures: logFigures(log, merged),
  });
}
