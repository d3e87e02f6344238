// gzip-compressed logs (CSV.gz, TSV.gz): decompressed as they stream, in front of the text reader, so everything after
// (dialect, mapping, validation, sampling) is the CSV path itself. fflate rather than DecompressionStream: it is
// synchronous per push, so the compressed bytes behind every decompressed byte are known exactly (progress, the size
// estimate), and it reads multi-member files (several gzip streams joined) the same in every browser and in Node.
import { Gunzip } from 'fflate';
import { ReadError } from './source';
import type { ByteSource, ProgressBytes } from './source';

/** The gzip magic bytes, 1F 8B. */
export const isGzip = (head: Uint8Array): boolean => head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b;

/** Compressed bytes pushed per step: small, so the compressed share behind the first decompressed bytes is measured closely. */
const STEP = 16 * 1024;

export interface GunzipSource extends ByteSource {
  /** Progress in the compressed file's bytes (what the browser or disk actually reads). */
  progress: ProgressBytes;
  /** Whether `size` (the decompressed size) is exact: the whole file was decompressed to read its head. */
  sizeExact: boolean;
}

/** Names the file when its bytes are not the gzip they claim to be (truncated, corrupt). */
const corrupt = (name: string, e: unknown) =>
  new ReadError(`${name} is not a valid gzip file: ${e instanceof Error ? e.message : String(e)} (truncated or corrupt?)`);

/** Decompresses `compressed` chunk by chunk, in pushes of at most `step` bytes; `fed` hears of every compressed byte taken. */
async function* gunzip(name: string, compressed: AsyncIterable<Uint8Array>, step: number, fed: (n: number) => void) {
  let out: Uint8Array[] = [];
  let taken = 0,
    given = 0;
  const inflater = new Gunzip((data) => {
    out.push(data);
    given += data.length;
  });
  const push = (piece: Uint8Array, final: boolean) => {
    try {
      inflater.push(piece, final);
    } catch (e) {
      throw corrupt(name, e);
    }
  };
  for await (const chunk of compressed) {
    // fflate's streaming reader skips a header it cannot parse rather than fail: check the method and flags first.
    if (taken === 0 && chunk.length >= 4 && (chunk[2] !== 8 || (chunk[3] & 0xe0) !== 0))
      throw corrupt(name, new Error(`its header names no deflate stream (bytes 3–4: ${hex(chunk[2])} ${hex(chunk[3])})`));
    taken += chunk.length;
    for (let at = 0; at < chunk.length; at += step) {
      const piece = chunk.subarray(at, Math.min(at + step, chunk.length));
      push(piece, false);
      fed(piece.length);
      if (out.length) {
        yield joined(out);
        out = [];
      }
    }
  }
  push(new Uint8Array(0), true);
  // An empty gzip file is 20 bytes; more bytes that decompress to nothing are not gzip (fflate does not say so).
  if (given === 0 && taken > EMPTY_GZIP_BYTES) throw corrupt(name, new Error(`${taken} bytes decompressed to nothing`));
  if (out.length) yield joined(out);
}

const EMPTY_GZIP_BYTES = 20;
const hex = (b: number) => b.toString(16).toUpperCase().padStart(2, '0');

function joined(parts: Uint8Array[]): Uint8Array {
  if (parts.length === 1) return parts[0];
  const all = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    all.set(p, at);
    at += p.length;
  }
  return all;
}

/**
 * A source over the decompressed text of a gzip file. Its size is exact for a file whose text fits in `headBytes`, and
 * otherwise estimated from the compression ratio of the first `headBytes` of text (the size and row estimates only:
 * the whole file is always read).
 */
export async function gunzipSource(source: ByteSource, headBytes: number): Promise<GunzipSource> {
  const parts: Uint8Array[] = [];
  let text = 0,
    compressed = 0,
    ended = true;
  for await (const piece of gunzip(source.name, source.chunks(), STEP, (n) => (compressed += n))) {
    parts.push(piece);
    text += piece.length;
    if (text >= headBytes) {
      ended = false;
      break;
    }
  }
  const head = joined(parts).subarray(0, Math.min(text, headBytes));
  const size = ended ? text : Math.max(text + 1, Math.round((source.size * text) / Math.max(1, compressed)));
  let read = 0;
  const large = 1024 * 1024;
  return {
    name: source.name,
    size,
    sizeExact: ended,
    progress: { total: source.size, done: () => read },
    head: async (n) => (n <= head.length || ended ? head.subarray(0, n) : prefix(source, n)),
    chunks: () => {
      read = 0;
      return gunzip(source.name, source.chunks(), large, (n) => (read += n));
    },
  };
}

/** The first `n` decompressed bytes (fewer when the text is shorter). */
async function prefix(source: ByteSource, n: number): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  let text = 0;
  for await (const piece of gunzip(source.name, source.chunks(), STEP, () => {})) {
    parts.push(piece);
    text += piece.length;
    if (text >= n) break;
  }
  return joined(parts).subarray(0, Math.min(text, n));
}
