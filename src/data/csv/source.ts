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

/** A source over a Blob/File: reads slices so a huge file never sits in memory whole. */
export function blobSource(name: string, blob: Blob, chunkBytes = CHUNK_BYTES): ByteSource {
  return {
    name,
    slice: (start, end) => blobSource(name, blob.slice(start, end), chunkBytes),
    size: blob.size,
    head: async (n) => new Uint8Array(await blob.slice(0, n).arrayBuffer()),
    chunks: async function* () {
      for (let at = 0; at < blob.size; at += chunkBytes) yield new Uint8Array(await blob.slice(at, at + chunkBytes).arrayBuffer());
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
