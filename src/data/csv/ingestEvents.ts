// Turns the rows of an events file into a columnar EventLog, rejecting (and reporting) every row it cannot use.
import { fail, ok, type Result } from '../../lib/result';
import { progressTracker, type Progress } from '../../lib/progress';
import type { EventLog, ItemCatalog } from '../eventLog';
import { EventLogBuilder, type BuilderPart } from '../eventLogBuilder';
import type { ColumnMapping } from './columns';
import { readRows, type FileShape, type ReadStats } from './reader';
import { MAX_REJECTED_DETAILS, RejectionLog, type IngestReport, type RejectedRow } from './report';
import { parseTimeRange } from './timestamps';
import { isTrimmable, simpleDecimal } from './cells';
import { StringInterner } from '../interner';
import { CatalogCollector, mergeAttributes, type Attributes } from './catalogCollector';
import { DEFAULT_SAMPLE_SEED, userSampler, type UserSample } from './sampleUsers';

export interface IngestEventsOptions {
  mapping: ColumnMapping;
  /** Keep only about this share of users (all their events), chosen by a seeded hash of the user id. */
  sample?: UserSample;
  /** Rows expected (the estimate from the file's first bytes): the columns are allocated for them at once. */
  expectedRows?: number;
  onProgress?: (p: Progress) => void;
  signal?: AbortSignal;
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
  if (roles.time !== undefined && mapping.timeFormat === null) return fail(`${shape.file}: the time column's format (unix-s, unix-ms or iso) is unknown`);
  return ok(true);
}

/** What parsing one part of an events file yields (the whole file is one part unless it is parsed in parallel). */
export interface EventsPart {
  rows: BuilderPart;
  /** Data rows read (accepted + rejected). */
  rowCount: number;
  rejected: { count: number; byReason: Record<string, number>; details: RejectedRow[] };
  blankLines: number;
  /** Rows of users left out by sampling (neither accepted nor rejected). */
  sampledOut: number;
  /** Physical lines in the part, to number the lines of the parts after it. */
  lines: number;
  sawQuote: boolean;
  attributes: Map<string, Attributes> | null;
  seconds: number;
}

export async function ingestEvents(chunks: AsyncIterable<Uint8Array>, shape: FileShape, options: IngestEventsOptions): Promise<Result<IngestedEvents>> {
  const part = await parseEventsPart(chunks, shape, options);
  return part.ok ? ok(assembleEvents([part.data], shape, options.mapping, options.sample)) : part;
}

/** Parse rows into a part. `shape.dialect.hasHeader` must be false for every part but the first. */
export async function parseEventsPart(chunks: AsyncIterable<Uint8Array>, shape: FileShape, options: IngestEventsOptions): Promise<Result<EventsPart>> {
  const valid = validateEventMapping(options.mapping, shape);
  if (!valid.ok) return valid;
  const started = performance.now();
  const { roles, timeFormat } = options.mapping;
  const file = shape.file;
  const width = shape.width;
  const uC = roles.user!, iC = roles.item!;
  const eC = roles.event ?? -1, tC = roles.time ?? -1, vC = roles.value ?? -1, sC = roles.session ?? -1;
  // Ratings-only logs (MovieLens) become one event type with the rating kept as value.
  const builder = new EventLogBuilder();
  // A little over the estimate, so a slightly low one does not double the columns at the very end.
  if (options.expectedRows) builder.reserve(options.expectedRows * (options.sample?.fraction ?? 1) * 1.05);
  const implicitIndex = eC >= 0 ? -1 : builder.eventIndex(vC >= 0 ? 'rating' : 'interaction');
  const rejections = new RejectionLog(file);
  const collector = new CatalogCollector(roles);
  const stats: ReadStats = { blankLines: 0 };
  const track = progressTracker(`Parsing ${file}`, 'bytes', shape.bytes);
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

  for await (const batch of readRows(chunks, shape, columns, stats, options.signal)) {
    // Ids and numbers are read in place from the batch's text; strings are cut only for new ids and for messages.
    const { text, bounds, widths, lines, malformed, slots } = batch;
    for (let r = 0; r < batch.count; r++) {
      const line = lines[r];
      const row = 2 * r * slots;
      rows++;
      const bad = malformed.get(r);
      if (bad !== undefined) { rejections.add(line, widths[r], 'malformed quotes', bad); continue; }
      if (widths[r] !== width) {
        rejections.add(line, Math.min(widths[r], width) + 1, 'wrong field count', `expected ${width} fields, found ${widths[r]}`);
        continue;
      }
      let from = bounds[row + 2 * uS], to = bounds[row + 2 * uS + 1];
      while (from < to && isTrimmable(text.charCodeAt(from))) from++;
      while (to > from && isTrimmable(text.charCodeAt(to - 1))) to--;
      if (from === to) { rejections.add(line, uC + 1, 'empty user', 'empty user id'); continue; }
      if (to - from > MAX_ID_LENGTH) { rejections.add(line, uC + 1, 'id too long', `user id longer than ${MAX_ID_LENGTH} characters`); continue; }
      const userFrom = from, userTo = to;
      if (sampler && !sampler.keepRange(text, userFrom, userTo)) { sampledOut++; continue; }
      from = bounds[row + 2 * iS];
      to = bounds[row + 2 * iS + 1];
      while (from < to && isTrimmable(text.charCodeAt(from))) from++;
      while (to > from && isTrimmable(text.charCodeAt(to - 1))) to--;
      if (from === to) { rejections.add(line, iC + 1, 'empty item', 'empty item id'); continue; }
      if (to - from > MAX_ID_LENGTH) { rejections.add(line, iC + 1, 'id too long', `item id longer than ${MAX_ID_LENGTH} characters`); continue; }
      const itemFrom = from, itemTo = to;
      let event = implicitIndex;
      if (eS >= 0) {
        const raw = rawEvents.idOfRange(text, bounds[row + 2 * eS], bounds[row + 2 * eS + 1]);
        if (raw === eventOfRaw.length) eventOfRaw.push(builder.eventIndex(rawEvents.values[raw]));
        event = eventOfRaw[raw];
        if (event < 0) {
          if (rawEvents.values[raw].trim() === '') rejections.add(line, eC + 1, 'empty event type', 'empty event type');
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
          if (!(Math.abs(value) <= MAX_VALUE)) { rejections.add(line, vC + 1, 'bad value', `value "${clip(batch.cell(vS, r))}" is not a finite number within ±3.4e38`); continue; }
        }
      }
      let session = -1;
      if (sS >= 0) {
        from = bounds[row + 2 * sS];
        to = bounds[row + 2 * sS + 1];
        if (from < to) session = sessionIds.idOfRange(text, from, to);
      }
      const user = userIds.idOfRange(text, userFrom, userTo);
      const itemIndex = itemIds.idOfRange(text, itemFrom, itemTo);
      builder.addIndexed(user, itemIndex, event, time, value, session);
      if (collector.active && !collector.isComplete(itemIndex)) {
        for (let k = 0; k < attributeSlots.length; k++) attributes[k] = batch.cell(attributeSlots[k], r);
        collector.add(itemIndex, attributes);
      }
    }
    options.onProgress?.(track(batch.bytesRead, { rows }));
  }

  return ok({
    rows: builder.snapshot(),
    rowCount: rows,
    rejected: { count: rejections.count, byReason: rejections.byReason, details: rejections.details },
    blankLines: stats.blankLines,
    sampledOut,
    lines: stats.lines ?? 0,
    sawQuote: stats.sawQuote ?? false,
    attributes: collector.snapshot(builder.items.values),
    seconds: (performance.now() - started) / 1000,
  });
}

/** Parts in file order → one EventLog and report; line numbers of later parts are shifted past earlier ones. */
export function assembleEvents(parts: readonly EventsPart[], shape: FileShape, mapping: ColumnMapping, sample?: UserSample): IngestedEvents {
  const file = shape.file;
  const log = EventLogBuilder.fromParts(parts.map((p) => p.rows)).build();
  const details: RejectedRow[] = [];
  const byReason: Record<string, number> = {};
  let lineOffset = 0, rejected = 0, rows = 0, blankLines = 0, seconds = 0, sampledOut = 0;
  for (const p of parts) {
    for (const d of p.rejected.details) if (details.length < MAX_REJECTED_DETAILS) details.push({ ...d, line: d.line + lineOffset });
    for (const [k, n] of Object.entries(p.rejected.byReason)) byReason[k] = (byReason[k] ?? 0) + n;
    lineOffset += p.lines;
    rejected += p.rejected.count;
    rows += p.rowCount;
    blankLines += p.blankLines;
    sampledOut += p.sampledOut ?? 0;
    seconds = Math.max(seconds, p.seconds);
  }
  const warnings = [...shape.warnings];
  if (blankLines) warnings.push(`${file}: ${blankLines} blank line(s) skipped`);
  if (sample && sample.fraction < 1) warnings.push(`${file}: sampled by users: about ${+(sample.fraction * 100).toFixed(2)}% of users kept with all their events (${sampledOut} rows of other users left out)`);
  if (!log.hasTime) warnings.push(`${file}: no time column; row order is taken as time order`);
  if (log.length > 0 && log.users.length === log.length) warnings.push(`${file}: every user has a single event; check that the user column is right`);
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
    rejectedRows: details,
    rejectedByReason: byReason,
    warnings,
    bytes: shape.bytes,
    seconds,
    parts: parts.length,
    ...(sample && sample.fraction < 1 ? { sample: { fraction: sample.fraction, seed: sample.seed ?? DEFAULT_SAMPLE_SEED, sampledOut } } : {}),
  };
  return { log, catalog: mergeAttributes(parts.map((p) => p.attributes), log.items), report };
}

const clip = (s: string) => (s.length > 40 ? `${s.slice(0, 40)}…` : s);
