// One call per file kind: inspect the start, settle the column mapping, stream the rest. Used by worker and CLI.
import { fail, ok, type Result } from '../../lib/result';
import type { Progress } from '../../lib/progress';
import type { ItemCatalog } from '../eventLog';
import { detectEventMapping, detectItemMapping, parseMappingSpec, EVENT_ROLES, ITEM_ROLES, type ColumnMapping, type Role } from './columns';
import { ingestEvents, validateEventMapping, type IngestedEvents } from './ingestEvents';
import { detectFlagColumns, ingestItems } from './ingestItems';
import { batchesOf, inspectSample, SAMPLE_BYTES, type FileShape, type ReadLimits, type RowBatch } from './reader';
import type { IngestReport } from './report';
import { ReadError, type ByteSource } from './source';
import type { GunzipSource } from './gzip';
import { openSource, type OpenedSource } from '../openSource';
import type { Dialect } from './sniff';
import { detectTimeFormat, type TimeFormat } from './timestamps';
import type { TextEncodingName } from './decode';
import type { UserSample } from './sampleUsers';
import { reservableRows } from './memoryEstimate';

export interface LoadOptions {
  /** Analyst's roles: either a `role=column,…` spec (CLI) or explicit indices (UI); merged over detection. */
  mapSpec?: string;
  roles?: Partial<Record<Role, number>>;
  timeFormat?: TimeFormat;
  dialect?: Partial<Dialect>;
  encoding?: TextEncodingName;
  /** Events files only: keep about this share of users, each with all its events. */
  sample?: UserSample;
  /** A line longer than this is rejected whole (default 1 MiB); quoted fields may not run past it either. */
  maxLineBytes?: number;
  /** A quoted field may run over at most this many line breaks (default 10,000). */
  maxQuotedLines?: number;
  onProgress?: (p: Progress) => void;
  signal?: AbortSignal;
  /** Events files: read the plain start in WebAssembly (default true); false reads every row in JS. */
  plainRows?: boolean;
  /** Bytes the WebAssembly start's memory may reach (default just under 2 GiB); past them the JS parser goes on. */
  plainRowsMemory?: number;
}

const limitsOf = ({ maxLineBytes, maxQuotedLines }: LoadOptions): ReadLimits => ({ maxLineBytes, maxQuotedLines });

export async function inspectSource(
  source: ByteSource,
  options: Pick<LoadOptions, 'dialect' | 'encoding'> = {},
): Promise<Result<FileShape>> {
  const opened = await openSource(source, SAMPLE_BYTES);
  return opened.ok ? inspectOpened(opened.data, options) : opened;
}

/** The shape of an opened file: Parquet knows its own; text (decompressed or not) is read from its first bytes. */
async function inspectOpened(opened: OpenedSource, options: Pick<LoadOptions, 'dialect' | 'encoding'>): Promise<Result<FileShape>> {
  if (opened.parquet) return ok(opened.parquet.shape);
  const { source } = opened;
  const head = await source.head(SAMPLE_BYTES);
  const shape = inspectSample(source.name, head, source.size, options);
  if (!shape.ok || opened.format !== 'gzip') return shape;
  const compressed = opened.progress!.total;
  const exact = (source as GunzipSource).sizeExact;
  const note = `${source.name}: gzip-compressed, ${megabytes(compressed)} MB; ${exact ? '' : 'about '}${megabytes(source.size)} MB of text once decompressed${exact ? '' : " (estimated from its first bytes' compression)"}`;
  return ok({ ...shape.data, format: 'gzip', warnings: [...shape.data.warnings, note] });
}

const megabytes = (bytes: number) => +(bytes / 1e6).toPrecision(3);

/** Runs a read that may meet bytes not in the format they claim (corrupt gzip, a broken row group): a failure, not a throw. */
async function guarded<T>(read: () => Promise<Result<T>>): Promise<Result<T>> {
  try {
    return await read();
  } catch (e) {
    if (e instanceof ReadError) return fail(e.message);
    throw e;
  }
}

function settleMapping(shape: FileShape, detected: ColumnMapping, options: LoadOptions, allowed: readonly Role[]): Result<ColumnMapping> {
  let roles = detected.roles;
  if (options.mapSpec) {
    const parsed = parseMappingSpec(options.mapSpec, shape.header, allowed);
    if (!parsed.ok) return fail(`${shape.file}: ${parsed.reason}`);
    roles = withoutClashes(roles, parsed.data);
  }
  if (options.roles) roles = withoutClashes(roles, options.roles);
  let timeFormat = options.timeFormat ?? detected.timeFormat;
  if (roles.time !== undefined && roles.time !== detected.roles.time && !options.timeFormat) {
    timeFormat = detectTimeFormat(shape.sample.map((r) => r[roles.time!] ?? ''));
  }
  return ok({ roles, timeFormat });
}

/** Analyst choices win; a detected role that points at a column the analyst assigned elsewhere is dropped. */
function withoutClashes(detected: Partial<Record<Role, number>>, chosen: Partial<Record<Role, number>>): Partial<Record<Role, number>> {
  const taken = new Set(Object.values(chosen));
  const out: Partial<Record<Role, number>> = {};
  for (const [role, col] of Object.entries(detected) as [Role, number][]) if (!taken.has(col)) out[role] = col;
  return { ...out, ...chosen };
}

/** How an events file will be read: its shape and the settled column mapping (detected, then the analyst's). */
export async function prepareEvents(
  source: ByteSource,
  options: LoadOptions = {},
): Promise<Result<{ shape: FileShape; mapping: ColumnMapping }>> {
  const prepared = await prepareOpened(source, options);
  return prepared.ok ? ok({ shape: prepared.data.shape, mapping: prepared.data.mapping }) : prepared;
}

async function prepareOpened(
  source: ByteSource,
  options: LoadOptions,
): Promise<Result<{ opened: OpenedSource; shape: FileShape; mapping: ColumnMapping }>> {
  const opened = await openSource(source, SAMPLE_BYTES);
  if (!opened.ok) return opened;
  const shaped = await inspectOpened(opened.data, options);
  if (!shaped.ok) return shaped;
  const shape = shaped.data;
  const mapping = settleMapping(shape, detectEventMapping(shape.header, shape.sample), options, EVENT_ROLES);
  if (!mapping.ok) return mapping;
  const valid = validateEventMapping(mapping.data, shape);
  return valid.ok ? ok({ opened: opened.data, shape, mapping: mapping.data }) : valid;
}

/** The rows of an opened file: its own row reader (Parquet), else its text in chunks. */
const inputOf = (opened: OpenedSource) => opened.rows ?? opened.source.chunks();

/**
 * A file of any format (CSV, CSV.gz, Parquet) opened for its rows: its shape, and its batches of the given columns —
 * for readers of other tables (a causal variable table, a probabilities file) that do their own validation.
 */
export async function openRows(
  source: ByteSource,
): Promise<Result<{ shape: FileShape; batches: (columns: readonly number[], signal?: AbortSignal) => AsyncIterable<RowBatch> }>> {
  const opened = await openSource(source, SAMPLE_BYTES);
  if (!opened.ok) return opened;
  const shaped = await inspectOpened(opened.data, {});
  if (!shaped.ok) return shaped;
  const shape = shaped.data;
  return ok({ shape, batches: (columns, signal) => batchesOf(inputOf(opened.data), shape, columns, { blankLines: 0 }, signal) });
}

export async function loadEvents(source: ByteSource, options: LoadOptions = {}): Promise<Result<IngestedEvents & { shape: FileShape }>> {
  const prepared = await prepareOpened(source, options);
  if (!prepared.ok) return prepared;
  const { opened, shape, mapping } = prepared.data;
  const result = await guarded(() =>
    ingestEvents(inputOf(opened), shape, {
      mapping,
      sample: options.sample,
      expectedRows: reservableRows(shape.estimatedRows, shape.bytes),
      limits: limitsOf(options),
      onProgress: options.onProgress,
      progressBytes: opened.progress,
      signal: options.signal,
      plainRows: options.plainRows,
      plainRowsMemory: options.plainRowsMemory,
    }),
  );
  return result.ok ? ok({ ...result.data, shape }) : result;
}

export async function loadItems(
  source: ByteSource,
  options: LoadOptions = {},
): Promise<Result<{ catalog: ItemCatalog; report: IngestReport; shape: FileShape }>> {
  const opened = await openSource(source, SAMPLE_BYTES);
  if (!opened.ok) return opened;
  const shaped = await inspectOpened(opened.data, options);
  if (!shaped.ok) return shaped;
  const shape = shaped.data;
  const mapping = settleMapping(shape, detectItemMapping(shape.header, shape.sample, shape.width), options, ITEM_ROLES);
  if (!mapping.ok) return mapping;
  const flagColumns = shape.header ? [] : detectFlagColumns(shape).filter((c) => !Object.values(mapping.data.roles).includes(c));
  const result = await guarded(() =>
    ingestItems(inputOf(opened.data), shape, {
      mapping: mapping.data,
      flagColumns,
      limits: limitsOf(options),
      onProgress: options.onProgress,
      progressBytes: opened.data.progress,
      signal: options.signal,
    }),
  );
  return result.ok ? ok({ ...result.data, shape }) : result;
}
