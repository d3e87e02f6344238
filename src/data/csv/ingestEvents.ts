// Turns the rows of an events file into a columnar EventLog, rejecting (and reporting) every row it cannot use.
import { fail, ok, type Result } from '../../lib/result';
import { progressTracker, type Progress } from '../../lib/progress';
import type { ProgressBytes } from './source';
import type { EventLog, ItemCatalog } from '../eventLog';
import { EventLogBuilder, type BuilderPart } from '../eventLogBuilder';
import type { ColumnMapping } from './columns';
import { batchesOf, type FileShape, type ReadLimits, type ReadStart, type ReadStats, type RowReader } from './reader';
import { DEFAULT_MAX_LINE_BYTES } from './scan';
import { plainRowsApply, readPlainPrefix } from './plainRows';
import { MAX_REJECTED_DETAILS, placeRejected, RejectionLog, type IngestReport, type RejectedRow } from './report';
import { parseTimeRange } from './timestamps';
import { describeCodeUnit, forbiddenAt, isIdTrimmable, isTrimmable, simpleDecimal } from './cells';
import { StringInterner } from '../interner';
import { withoutUnusedIds } from './unusedIds';
import { CatalogCollector, mergeAttributes, type Attributes } from './catalogCollector';
import { DEFAULT_SAMPLE_SEED, userSampler, type UserSample } from './sampleUsers';

export interface IngestEventsOptions {
  mapping: ColumnMapping;
  /** Keep only about this share of users (all their events), chosen by a seeded hash of the user id. */
  sample?: UserSample;
  /** Rows expected (the estimate from the file's first bytes): the columns are allocated for them at once. */
  expectedRows?: number;
  /** Line and quote limits of the reader (defaults: 1 MiB lines, quotes over at most 10,000 lines). */
  limits?: ReadLimits;
  onProgress?: (p: Progress) => void;
  /** Progress in other bytes than the text read (a compressed file's own bytes): their total and a reading of those done. */
  progressBytes?: ProgressBytes;
  signal?: AbortSignal;
  /** Read the file's plain start in WebAssembly (default true); false reads every row in JS, to compare the two. */
  plainRows?: boolean;
  /** Bytes the WebAssembly start's memory may reach (default just under 2 GiB); past them the JS parser goes on. */
  plainRowsMemory?: number;
}

export interface IngestedEvents {
  log: EventLog;
  /** Item attributes found in the events file itself (REES46 carries category_code, brand, price per row). */
  catalog: ItemCatalog | null;
  report: IngestReport;
}

const MAX_ID_LENGTH = 1024;
/** Values are stored as 32-bit floats: a larger magnitude would become Infinity in the log. */
const MAX_VALUE = 3.4028234663852886e38;

export function validateEventMapping(mapping: ColumnMapping, shape: FileShape): Result<true> {
  const { roles } = mapping;
  if (roles.user === undefined) return fail(`${shape.file}: no column is mapped to "user"`);
  if (roles.item === undefined) return fail(`${shape.file}: no column is mapped to "item"`);
  const cols = Object.values(roles);
  if (new Set(cols).size !== cols.length) return fail(`${shape.file}: one column is mapped to two roles`);
  const outside = cols.find((c) => c < 0 || c >= shape.width);
  if (outside !== undefined) return fail(`${shape.file}: column ${outside + 1} is mapped but rows have ${shape.width} fields`);
  if (roles.time !== undefined && mapping.timeFormat === null)
    return fail(`${shape.file}: the time column's format (unix-s, unix-ms or iso) is unknown`);
  return ok(true);
}

/** What parsing one part of an events file yields (the whole file is one part unless it is parsed in parallel). */
export interface EventsPart {
  rows: BuilderPart;
  /** Data rows read (accepted + rejected). */
  rowCount: number;
  rejected: { count: number; byReason: Record<string, number>; details: RejectedRow[] };
  blankLines: number;
  /** 1 when the part began with the header row. */
  headerLines: number;
  /** Lines inside quoted fields of rows above them. */
  continuationLines: number;
  /** Bytes in the part, to place byte offsets of the parts after it. */
  bytes: number;
  /** Rows of users left out by sampling (neither accepted nor rejected). */
  sampledOut: number;
  /** Physical lines in the part, to number the lines of the parts after it. */
  lines: number;
  sawQuote: boolean;
  /** Item attributes found in the rows, indexed like `rows.items`. */
  attributes: (Attributes | null)[] | null;
  seconds: number;
}

export async function ingestEvents(
  chunks: AsyncIterable<Uint8Array> | RowReader,
  shape: FileShape,
  options: IngestEventsOptions,
): Promise<Result<IngestedEvents>> {
  const part = await parseEventsPart(chunks, shape, options);
  return part.ok ? ok(assembleEvents([part.data], shape, options.mapping, options.sample)) : part;
}

/** Parse rows into a part. `shape.dialect.hasHeader` must be false for every part but the first. */
export async function parseEventsPart(
  chunks: AsyncIterable<Uint8Array> | RowReader,
  shape: FileShape,
  options: IngestEventsOptions,
): Promise<Result<EventsPart>> {
  const valid = validateEventMapping(options.mapping, shape);
  if (!valid.ok) return valid;
  const started = performance.now();
  const { roles, timeFormat } = options.mapping;
  const file = shape.file;
  const width = shape.width;
  const uC = roles.user!,
    iC = roles.item!;
  const eC = roles.event ?? -1,
    tC = roles.time ?? -1,
    vC = roles.value ?? -1,
    sC = roles.session ?? -1;
  // Ratings-only logs (MovieLens) become one event type with the rating kept as value.
  const builder = new EventLogBuilder();
  // A little over the estimate, so a slightly low one does not double the columns at the very end.
  if (options.expectedRows) builder.reserve(options.expectedRows * (options.sample?.fraction ?? 1) * 1.05);
  const implicitIndex = eC >= 0 ? -1 : builder.eventIndex(vC >= 0 ? 'rating' : 'interaction');
  const rejections = new RejectionLog(file);
  const collector = new CatalogCollector(roles);
  const stats: ReadStats = { blankLines: 0 };
  let bytes = 0;
  const idColumn = (role: string, c: number) => `${role} column${shape.header ? ` "${shape.header[c]}"` : ` ${c + 1}`}`;
  /** Rejects a row whose id or event type holds a control character, naming the column. */
  const forbidden = (line: number, role: string, c: number, text: string, at: number) =>
    rejections.add(line, c + 1, 'control character', `${idColumn(role, c)} holds ${describeCodeUnit(text.charCodeAt(at))}`);
  // Checking every id of every row would cost ~4% of parse time, so an id is checked once, when it is interned. A bad
  // one is then in the dictionary already: it is remembered (its rows rejected) and dropped from the part at the end,
  // with any id that only a rejected row brought in.
  const badIds = { user: new Set<number>(), item: new Set<number>(), session: new Set<number>() };
  let anyBadId = false;
  const badId = (
    index: number,
    known: number,
    line: number,
    role: keyof typeof badIds,
    c: number,
    text: string,
    from: number,
    to: number,
  ): boolean => {
    if (index === known) {
      const at = forbiddenAt(text, from, to);
      if (at < 0) return false;
      badIds[role].add(index);
      anyBadId = true;
      forbidden(line, role, c, text, at);
      return true;
    }
    if (!badIds[role].has(index)) return false;
    forbidden(line, role, c, text, forbiddenAt(text, from, to));
    return true;
  };
  const track = progressTracker(`Parsing ${file}`, 'bytes', options.progressBytes?.total ?? shape.bytes);
  let rows = 0;
  const sampler = options.sample && options.sample.fraction < 1 ? userSampler(options.sample) : null;
  let sampledOut = 0;

  // Only the mapped columns are cut out of each row; slot k of a batch holds column `columns[k]`.
  const columns = [uC, iC, eC, tC, vC, sC, ...collector.columns].filter((c) => c >= 0);
  const slot = (c: number) => columns.indexOf(c);
  const [uS, iS, eS, tS, vS, sS] = [uC, iC, eC, tC, vC, sC].map((c) => (c >= 0 ? slot(c) : -1));
  const attributeSlots = collector.columns.map(slot);
  const attributes: string[] = new Array(attributeSlots.length);

  // Raw event labels seen so far → event type index (−1: blank or over the limit), so each label is normalised once.
  const rawEvents = new StringInterner();
  const eventOfRaw: number[] = [];
  const { users: userIds, items: itemIds, sessions: sessionIds } = builder;

  // The file's plain start is read in WebAssembly (plainRows.ts), which stops at the first row it does not take; the
  // loop below reads the rest, numbering its lines and bytes on from there.
  let input: AsyncIterable<Uint8Array> | RowReader | null = chunks;
  let restShape = shape;
  let start: ReadStart | undefined;
  if (options.plainRows !== false && typeof chunks !== 'function' && plainRowsApply(shape, options.mapping, collector.columns)) {
    const prefix = await readPlainPrefix(chunks, shape, options.mapping, {
      builder,
      collector,
      attributeColumns: collector.columns,
      eventOf: (label) => (forbiddenAt(label, 0, label.length) >= 0 ? -1 : builder.eventIndex(label)),
      maxLineBytes: options.limits?.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES,
      maxIdLength: MAX_ID_LENGTH,
      onChunk: (bytesRead, read) => options.onProgress?.(track(options.progressBytes?.done() ?? bytesRead, { rows: read })),
      signal: options.signal,
      maxMemory: options.plainRowsMemory,
      sample: options.sample,
    });
    if (prefix) {
      input = prefix.rest;
      rows = prefix.rows + prefix.sampledOut;
      sampledOut = prefix.sampledOut;
      bytes = prefix.bytes;
      stats.blankLines += prefix.blankLines;
      stats.lines = prefix.lines;
      if (prefix.headerLines) stats.headerLines = prefix.headerLines;
      if (prefix.bytes > 0) {
        restShape = { ...shape, dialect: { ...shape.dialect, hasHeader: false }, midFile: true };
        start = { line: prefix.lines + 1, byte: prefix.bytes };
      }
    }
  }

  const rest = input ? batchesOf(input, restShape, columns, stats, options.signal, options.limits, start) : [];
  for await (const batch of rest) {
    bytes = batch.bytesRead;
    // Ids and numbers are read in place from the batch's text; strings are cut only for new ids and for messages.
    const { text, bounds, widths, lines, problems, slots } = batch;
    for (let r = 0; r < batch.count; r++) {
      const line = lines[r];
      const row = 2 * r * slots;
      rows++;
      const bad = problems.size ? problems.get(r) : undefined;
      if (bad !== undefined) {
        rejections.add(line, bad.column, bad.kind, bad.reason, bad.byte);
        continue;
      }
      if (widths[r] !== width) {
        rejections.add(line, Math.min(widths[r], width) + 1, 'wrong field count', `expected ${width} fields, found ${widths[r]}`);
        continue;
      }
      let from = bounds[row + 2 * uS],
        to = bounds[row + 2 * uS + 1];
      while (from < to && isIdTrimmable(text.charCodeAt(from))) from++;
      while (to > from && isIdTrimmable(text.charCodeAt(to - 1))) to--;
      if (from === to) {
        rejections.add(line, uC + 1, 'empty user', 'empty user id');
        continue;
      }
      if (to - from > MAX_ID_LENGTH) {
        rejections.add(line, uC + 1, 'id too long', `user id longer than ${MAX_ID_LENGTH} characters`);
        continue;
      }
      const userFrom = from,
        userTo = to;
      if (sampler && !sampler.keepRange(text, userFrom, userTo)) {
        sampledOut++;
        continue;
      }
      from = bounds[row + 2 * iS];
      to = bounds[row + 2 * iS + 1];
      while (from < to && isIdTrimmable(text.charCodeAt(from))) from++;
      while (to > from && isIdTrimmable(text.charCodeAt(to - 1))) to--;
      if (from === to) {
        rejections.add(line, iC + 1, 'empty item', 'empty item id');
        continue;
      }
      if (to - from > MAX_ID_LENGTH) {
        rejections.add(line, iC + 1, 'id too long', `item id longer than ${MAX_ID_LENGTH} characters`);
        continue;
      }
      const itemFrom = from,
        itemTo = to;
      let event = implicitIndex;
      if (eS >= 0) {
        const raw = rawEvents.idOfRange(text, bounds[row + 2 * eS], bounds[row + 2 * eS + 1]);
        if (raw === eventOfRaw.length) {
          const label = rawEvents.values[raw];
          eventOfRaw.push(forbiddenAt(label, 0, label.length) >= 0 ? FORBIDDEN_EVENT : builder.eventIndex(label));
        }
        event = eventOfRaw[raw];
        if (event < 0) {
          const label = rawEvents.values[raw];
          if (event === FORBIDDEN_EVENT) forbidden(line, 'event', eC, label, forbiddenAt(label, 0, label.length));
          else if (label.trim() === '') rejections.add(line, eC + 1, 'empty event type', 'empty event type');
          else rejections.add(line, eC + 1, 'too many event types', 'more than 255 distinct event types');
          continue;
        }
      }
      let time = NaN;
      if (tS >= 0) {
        from = bounds[row + 2 * tS];
        to = bounds[row + 2 * tS + 1];
        while (from < to && isTrimmable(text.charCodeAt(from))) from++;
        while (to > from && isTrimmable(text.charCodeAt(to - 1))) to--;
        time = parseTimeRange(text, from, to, timeFormat!);
        if (Number.isNaN(time)) {
          rejections.add(line, tC + 1, 'bad timestamp', `timestamp "${clip(batch.cell(tS, r))}" is not a valid ${timeFormat} time`);
          continue;
        }
      }
      let value = NaN;
      if (vS >= 0) {
        from = bounds[row + 2 * vS];
        to = bounds[row + 2 * vS + 1];
        while (from < to && isTrimmable(text.charCodeAt(from))) from++;
        while (to > from && isTrimmable(text.charCodeAt(to - 1))) to--;
        if (from < to) {
          value = simpleDecimal(text, from, to);
          if (value !== value) value = Number(batch.cell(vS, r));
          if (!(Math.abs(value) <= MAX_VALUE)) {
            rejections.add(line, vC + 1, 'bad value', `value "${clip(batch.cell(vS, r))}" is not a finite number within ±3.4e38`);
            continue;
          }
        }
      }
      let session = -1;
      if (sS >= 0) {
        from = bounds[row + 2 * sS];
        to = bounds[row + 2 * sS + 1];
        if (from < to) {
          const known = sessionIds.size;
          session = sessionIds.idOfRange(text, from, to);
          if ((session === known || anyBadId) && badId(session, known, line, 'session', sC, text, from, to)) continue;
        }
      }
      // Ids are checked for control characters when first seen (interned), not on every row: see badId.
      const knownUsers = userIds.size;
      const user = userIds.idOfRange(text, userFrom, userTo);
      if ((user === knownUsers || anyBadId) && badId(user, knownUsers, line, 'user', uC, text, userFrom, userTo)) continue;
      const knownItems = itemIds.size;
      const itemIndex = itemIds.idOfRange(text, itemFrom, itemTo);
      if ((itemIndex === knownItems || anyBadId) && badId(itemIndex, knownItems, line, 'item', iC, text, itemFrom, itemTo)) continue;
      builder.addIndexed(user, itemIndex, event, time, value, session);
      if (collector.active && !collector.isComplete(itemIndex)) {
        for (let k = 0; k < attributeSlots.length; k++) attributes[k] = batch.cell(attributeSlots[k], r);
        collector.add(itemIndex, attributes);
      }
    }
    if (batch.chunkEnd) options.onProgress?.(track(options.progressBytes?.done() ?? batch.bytesRead, { rows }));
  }

  const partRows = anyBadId ? withoutUnusedIds(builder.snapshot()) : builder.snapshot();
  return ok({
    rows: partRows,
    rowCount: rows,
    rejected: { count: rejections.count, byReason: rejections.byReason, details: rejections.details },
    blankLines: stats.blankLines,
    headerLines: stats.headerLines ?? 0,
    continuationLines: stats.continuationLines ?? 0,
    bytes,
    sampledOut,
    lines: stats.lines ?? 0,
    sawQuote: stats.sawQuote ?? false,
    attributes: anyBadId ? realigned(collector.snapshot(), builder.items.values, partRows.items) : collector.snapshot(),
    seconds: (performance.now() - started) / 1000,
  });
}

/** Parts in file order → one EventLog and report; line numbers of later parts are shifted past earlier ones. */
export function assembleEvents(
  parts: readonly EventsPart[],
  shape: FileShape,
  mapping: ColumnMapping,
  sample?: UserSample,
): IngestedEvents {
  const file = shape.file;
  const log = EventLogBuilder.fromParts(parts.map((p) => p.rows)).build();
  const details: RejectedRow[] = [];
  const byReason: Record<string, number> = {};
  let lineOffset = 0,
    byteOffset = 0,
    rejected = 0,
    rows = 0,
    blankLines = 0,
    headerLines = 0,
    continuationLines = 0,
    seconds = 0,
    sampledOut = 0;
  for (const p of parts) {
    for (const d of p.rejected.details) if (details.length < MAX_REJECTED_DETAILS) details.push(placeRejected(d, lineOffset, byteOffset));
    for (const [k, n] of Object.entries(p.rejected.byReason)) byReason[k] = (byReason[k] ?? 0) + n;
    lineOffset += p.lines;
    byteOffset += p.bytes ?? 0;
    headerLines += p.headerLines ?? 0;
    continuationLines += p.continuationLines ?? 0;
    rejected += p.rejected.count;
    rows += p.rowCount;
    blankLines += p.blankLines;
    sampledOut += p.sampledOut ?? 0;
    seconds = Math.max(seconds, p.seconds);
  }
  const warnings = [...shape.warnings];
  if (blankLines) warnings.push(`${file}: ${blankLines} blank line(s) skipped`);
  const offEstimate = estimateWarning(file, rows, shape.estimatedRows);
  if (offEstimate) warnings.push(offEstimate);
  if (sample && sample.fraction < 1)
    warnings.push(
      `${file}: sampled by users: about ${+(sample.fraction * 100).toFixed(2)}% of users kept with all their events (${sampledOut} rows of other users left out)`,
    );
  if (!log.hasTime) warnings.push(`${file}: no time column; row order is taken as time order`);
  if (log.length > 0 && log.users.length === log.length)
    warnings.push(`${file}: every user has a single event; check that the user column is right`);
  const report: IngestReport = {
    file,
    encoding: shape.encoding,
    dialect: shape.dialect,
    header: shape.header,
    mapping,
    rows,
    accepted: log.length,
    rejected,
    blankLines,
    physicalLines: lineOffset,
    headerLines,
    continuationLines,
    rejectedRows: details,
    rejectedByReason: byReason,
    warnings,
    bytes: shape.bytes,
    seconds,
    parts: parts.length,
    ...(shape.format ? { format: shape.format } : {}),
    ...(sample && sample.fraction < 1
      ? { sample: { fraction: sample.fraction, seed: sample.seed ?? DEFAULT_SAMPLE_SEED, sampledOut } }
      : {}),
  };
  return {
    log,
    catalog: mergeAttributes(
      parts.map((p) => ({ attributes: p.attributes, items: p.rows.items })),
      log.items,
    ),
    report,
  };
}

/** Attributes indexed by one item dictionary, re-indexed by another that keeps some of its ids (withoutUnusedIds). */
function realigned(attributes: (Attributes | null)[] | null, from: readonly string[], to: readonly string[]): (Attributes | null)[] | null {
  if (!attributes) return null;
  const at = new Map(from.map((id, i) => [id, i]));
  return to.map((id) => attributes[at.get(id)!] ?? null);
}

/** Event index for a raw label holding a control character (below −1, which is blank or over the type limit). */
const FORBIDDEN_EVENT = -2;

/** Rows read beyond this factor of the estimate (or below its inverse) are worth a warning… */
export const ESTIMATE_FACTOR = 2;
/** …once either figure is this large (a few blank lines in a tiny file are not news). */
const ESTIMATE_MIN_ROWS = 100;

/**
 * A warning when the rows read are far from what the file's first bytes led the import panel to expect ("About N
 * rows"): under half or over twice. A quote that swallowed the rest of the file, a wrong line ending or a file whose
 * start is unlike the rest all show up this way.
 */
export function estimateWarning(file: string, rows: number, estimated: number | undefined): string | null {
  if (
    !estimated ||
    Math.max(rows, estimated) < ESTIMATE_MIN_ROWS ||
    (rows * ESTIMATE_FACTOR >= estimated && rows <= estimated * ESTIMATE_FACTOR)
  )
    return null;
  return `${file}: ${rows.toLocaleString('en-US')} rows read, but about ${estimated.toLocaleString('en-US')} were expected from the file's first bytes; check the rejected rows, the delimiter and the quoting`;
}

const clip = (s: string) => (s.length > 40 ? `${s.slice(0, 40)}…` : s);
