// A file to ingest, independent of where its bytes come from (browser File, Node file, string in tests).
export interface ByteSource {
  name: string;
  size: number;
  /** The first `n` bytes (fewer for short files). */
  head(n: number): Promise<Uint8Array>;
  /** The whole file from the start, in chunks. */
  chunks(): AsyncIterable<Uint8Array>;
  /** Bytes [start, end) as a source of their own (a part of the file parsed by another worker). */
  slice?(start: number, end: number): ByteSource;
}

export const CHUNK_BYTES = 4 * 1024 * 1024;

/** A source over bytes in memory, chunked like a file would be (tests, the demo, small pasted data). */
export function bytesSource(name: string, bytes: Uint8Array, chunkBytes = CHUNK_BYTES): ByteSource {
  return {
    name,
    slice: (start, end) => bytesSource(name, bytes.subarray(start, end), chunkBytes),
    size: bytes.length,
    head: async (n) => bytes.subarray(0, n),
    chunks: async function* () {
      for (let at = 0; at < bytes.length; at += chunkBytes) yield bytes.subarray(at, Math.min(at + chunkBytes, bytes.length));
    },
  };
}

export const textSource = (name: string, text: string, chunkBytes?: number): ByteSource =>
  bytesSource(name, new TextEncoder().encode(text), chunkBytes);

/**
 * Bytes read from a Blob per call. A read in Chromium goes through the browser process and costs more than its bytes
 * (74 MB in 4 MiB reads took 120–170 ms, in one read 60–110 ms), so blocks are read larger than the chunks yielded,
 * the next block while the current one is parsed. On bench:ingest's 2M-row file the app's parse worker went from
 * 1.64 M to 1.78 M rows/s (medians of 8 loads each, old and new builds alternated); a plain worker running loadEvents,
 * 12–18%. Two blocks (32 MiB) are the most a source holds, however large the file.
 */
export const BLOB_READ_BYTES = 16 * 1024 * 1024;

/**
 * A source over a Blob/File: reads slices so a huge file never sits in memory whole. Chunks stay `chunkBytes` (the
 * reader reports progress per chunk) while reads are `readBytes`, one block ahead.
 */
export function blobSource(
  name: string,
  blob: Blob,
  chunkBytes = CHUNK_BYTES,
  readBytes = Math.max(chunkBytes, BLOB_READ_BYTES),
): ByteSource {
  const read = (at: number) => {
    const pending = blob.slice(at, Math.min(at + readBytes, blob.size)).arrayBuffer();
    // A read ahead that nobody awaits (the parse was cancelled) must not surface as an unhandled rejection.
    pending.catch(() => undefined);
    return pending;
  };
  return {
    name,
    slice: (start, end) => blobSource(name, blob.slice(start, end), chunkBytes, readBytes),
    size: blob.size,
    head: async (n) => new Uint8Array(await blob.slice(0, n).arrayBuffer()),
    chunks: async function* () {
      let next = blob.size > 0 ? read(0) : null;
      for (let at = 0; next; at += readBytes) {
        const block = new Uint8Array(await next);
        next = at + readBytes < blob.size ? read(at + readBytes) : null;
        for (let i = 0; i < block.length; i += chunkBytes) yield block.subarray(i, Math.min(i + chunkBytes, block.length));
      }
    },
  };
}

/** Progress counted in a file's own bytes when what is parsed is not those bytes (a compressed file, read decompressed). */
export interface ProgressBytes {
  total: number;
  done: () => number;
}

/** Bytes [start, end) of a source: one read where the source can slice (Blob, file), else its chunks gathered. */
export async function readRange(source: ByteSource, start: number, end: number): Promise<Uint8Array> {
  if (source.slice) return source.slice(start, end).head(end - start);
  const out = new Uint8Array(end - start);
  let at = 0;
  for await (const chunk of source.chunks()) {
    const from = Math.max(start - at, 0),
      to = Math.min(end - at, chunk.length);
    if (to > from) out.set(chunk.subarray(from, to), at + from - start);
    at += chunk.length;
    if (at >= end) break;
  }
  return out;
}

/** A file whose bytes cannot be read as the format they claim (corrupt gzip, a broken Parquet row group): loads fail with it. */
export class ReadError extends Error {
  override name = 'ReadError';
}
