// Parsing one events file in several parts at once (one per worker): split at line breaks, parse the parts
// independently, assemble in file order. Only safe where no quoted field can hold a line break, so files with
// quotes fall back to one part (the first bytes are checked up front; each part reports any quote it meets).
import { fail, ok, type Result } from '../../lib/result';
import type { ColumnMapping } from './columns';
import { assembleEvents, parseEventsPart, type EventsPart, type IngestedEvents } from './ingestEvents';
import type { FileShape } from './reader';
import type { ByteSource } from './source';
import type { UserSample } from './sampleUsers';

/** Below this size one worker is quicker than starting more and merging. */
export const PARALLEL_MIN_BYTES = 16 * 1024 * 1024;
const WINDOW = 64 * 1024;
const LF = 0x0a;

/**
 * Byte offsets where parts 2..n start: each just after a line feed (a UTF-8 or Latin-1 line feed byte is always a
 * whole character), so no row is cut. Fewer points when a window holds no line feed.
 */
export async function splitPoints(source: ByteSource, parts: number): Promise<number[]> {
  if (!source.slice) return [];
  const points: number[] = [];
  for (let k = 1; k < parts; k++) {
    const at = Math.floor((source.size * k) / parts);
    const bytes = await source.slice(at, Math.min(source.size, at + WINDOW)).head(WINDOW);
    const lf = bytes.indexOf(LF);
    const point = lf < 0 ? -1 : at + lf + 1;
    if (point > (points.at(-1) ?? 0) && point < source.size) points.push(point);
  }
  return points;
}

/** The shape each part is read with: only the first part has the header row. */
export const partShape = (shape: FileShape, index: number): FileShape => (index === 0 ? shape : { ...shape, dialect: { ...shape.dialect, hasHeader: false } });

/** Reassemble parts; a part that met a quote makes the split unsafe, and the caller must parse the file whole. */
export function assembleParts(parts: readonly EventsPart[], shape: FileShape, mapping: ColumnMapping, sample?: UserSample): Result<IngestedEvents> {
  if (parts.some((p) => p.sawQuote) && parts.length > 1) return fail('quoted fields found: the file must be parsed in one part');
  return ok(assembleEvents(parts, shape, mapping, sample));
}

/** The same work the workers share, done one part after another (the CLI and tests; and the reference they match). */
export async function ingestInParts(source: ByteSource, shape: FileShape, mapping: ColumnMapping, parts: number, sample?: UserSample): Promise<Result<IngestedEvents>> {
  const points = [0, ...(await splitPoints(source, parts)), source.size];
  const done: EventsPart[] = [];
  for (let k = 0; k + 1 < points.length; k++) {
    const piece = source.slice ? source.slice(points[k], points[k + 1]) : source;
    const part = await parseEventsPart(piece.chunks(), partShape(shape, k), { mapping, sample });
    if (!part.ok) return part;
    done.push(part.data);
  }
  return assembleParts(done, shape, mapping, sample);
}
