// Node file access for the CLI: a ByteSource over a file on disk, streamed in chunks.
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
  return {
    name: basename(path),
    size,
    head: async (n) => {
      const fd = openSync(path, 'r');
      try {
        const buf = Buffer.alloc(Math.min(n, size));
        const read = readSync(fd, buf, 0, buf.length, 0);
        return new Uint8Array(buf.buffer, buf.byteOffset, read);
      } finally {
        closeSync(fd);
      }
    },
    chunks: () => createReadStream(path, { highWaterMark: CHUNK_BYTES }) as AsyncIterable<Uint8Array>,
  };
}
