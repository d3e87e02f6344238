// Parsing one events file in several parts at once (one per worker): split at line breaks, parse the parts
// independently, assemble in file order. Only safe where no quoted field can hold a line break, so files with
// quotes fall back to one part (the first bytes are checked up front; each part reports any quote it meets).
import { fail, ok, type Result } from '../../lib/result';
import type { ColumnMapping } from './columns';
import { assembleEvents, parseEventsPart, type EventsPart, type IngestedEvents } from './ingestEvents';
import type { FileShape } from './reader';
import type { Dialect } from './sniff';
import type { ByteSource } from './source';
import type { UserSample } from './sampleUsers';

/** Below this size one worker is quicker than starting more and merging. */
export const PARALLEL_MIN_BYTES = 16 * 1024 * 1024;
const WINDOW = 64 * 1024;
const LF = 0x0a;
const CR = 0x0d;

/**
 * Byte offsets where parts 2..n start: each just after a line break of the file's own kind (a UTF-8 or Latin-1 line
 * break byte is always a whole character), so no row is cut: after an LF, in CRLF files after an LF that follows a
 * CR, in old-Mac files after a CR. Fewer points when a window holds no line break. Each part then counts its own
 * physical lines, and the parts' counts add up to the whole file's.
 */
export async function splitPoints(source: ByteSource, parts: number, newline: Dialect['newline'] = '\n'): Promise<number[]> {
  if (!source.slice) return [];
  const points: number[] = [];
  const lineBreak = newline === '\r' ? CR : LF;
  for (let k = 1; k < parts; k++) {
    const at = Math.floor((source.size * k) / parts);
    // One byte before the window, to see the CR of a CRLF whose LF opens it.
    const from = Math.max(0, at - 1);
    const bytes = await source.slice(from, Math.min(source.size, at + WINDOW)).head(WINDOW + 1);
    let lf = bytes.indexOf(lineBreak, at - from);
    while (newline === '\r\n' && lf > 0 && bytes[lf - 1] !== CR) lf = bytes.indexOf(lineBreak, lf + 1);
    const point = lf < 0 ? -1 : from + lf + 1;
    if (point > (points.at(-1) ?? 0) && point < source.size) points.push(point);
  }
  return points;
}

/** The shape each part is read with: only the first part has the header row (or a BOM to strip). */
export const partShape = (shape: FileShape, index: number): FileShape =>
  index === 0 ? shape : { ...shape, dialect: { ...shape.dialect, hasHeader: false }, midFile: true };

/** Reassemble parts; a part that met a quote makes the split unsafe, and the caller must parse the file whole. */
export function assembleParts(
  parts: readonly EventsPart[],
  shape: FileShape,
  mapping: ColumnMapping,
  sample?: UserSample,
): Result<IngestedEvents> {
  if (parts.some((p) => p.sawQuote) && parts.length > 1) return fail('quoted fields found: the file must be parsed in one part');
  return ok(assembleEvents(parts, shape, mapping, sample));
}

/** The same work the workers share, done one part after another (the CLI and tests; and the reference they match). */
export async function ingestInParts(
  source: ByteSource,
  shape: FileShape,
  mapping: ColumnMapping,
  parts: number,
  sample?: UserSample,
): Promise<Result<IngestedEvents>> {
  const points = [0, ...(await splitPoints(source, parts, shape.dialect.newline)), source.size];
  const done: EventsPart[] = [];
  for (let k = 0; k + 1 < points.length; k++) {
    const piece = source.slice ? source.slice(points[k], points[k + 1]) : source;
    const part = await parseEventsPart(piece.chunks(), partShape(shape, k), { mapping, sample });
    if (!part.ok) return part;
    done.push(part.data);
  }
  return assembleParts(done, shape, mapping, sample);
}
