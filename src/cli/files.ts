// Node file access for the CLI: a ByteSource over a file on disk, streamed in chunks or read by range (Parquet).
import { createReadStream, statSync, openSync, readSync, closeSync } from 'node:fs';
import { basename } from 'node:path';
import type { ByteSource } from '../data/csv/source';
import { CHUNK_BYTES } from '../data/csv/source';
import { CliError } from './command';

export function fileSource(path: string): ByteSource {
  let size: number;
  try {
    const st = statSync(path);
    if (!st.isFile()) throw new CliError(`${path} is not a file`);
    size = st.size;
  } catch (e) {
    if (e instanceof CliError) throw e;
    throw new CliError(`cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  return rangeSource(path, basename(path), 0, size);
}

/** Bytes [start, end) of a file on disk: Parquet reads its footer and row groups this way, never the whole file. */
function rangeSource(path: string, name: string, start: number, end: number): ByteSource {
  const size = end - start;
  return {
    name,
    size,
    slice: (from, to) => rangeSource(path, name, start + from, start + Math.min(to, size)),
    head: async (n) => {
      const fd = openSync(path, 'r');
      try {
        const buf = Buffer.alloc(Math.max(0, Math.min(n, size)));
        const read = buf.length ? readSync(fd, buf, 0, buf.length, start) : 0;
        return new Uint8Array(buf.buffer, buf.byteOffset, read);
      } finally {
        closeSync(fd);
      }
    },
    chunks: () =>
      (size > 0
        ? createReadStream(path, { highWaterMark: CHUNK_BYTES, start, end: end - 1 })
        : (async function* () {})()) as AsyncIterable<Uint8Array>,
  };
}
