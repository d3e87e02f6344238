import { describe, expect, it } from 'vitest';
import { blobSource } from './source';

/** A Blob that records each read (slice → arrayBuffer), how many were in flight at once, and can fail one of them. */
function recordingBlob(bytes: Uint8Array, failRead = -1) {
  const log = { reads: [] as [number, number][], inFlight: 0, maxInFlight: 0 };
  const make = (from: number, to: number): Blob =>
    ({
      size: to - from,
      slice: (start: number, end: number) => make(from + start, from + Math.min(end, to - from)),
      arrayBuffer: async () => {
        const k = log.reads.push([from, to]) - 1;
        log.inFlight++;
        log.maxInFlight = Math.max(log.maxInFlight, log.inFlight);
        await new Promise((r) => setTimeout(r, 1));
        log.inFlight--;
        if (k === failRead) throw new Error('read failed');
        return bytes.slice(from, to).buffer;
      },
    }) as unknown as Blob;
  return { blob: make(0, bytes.length), log };
}

const bytesOf = (n: number) => Uint8Array.from({ length: n }, (_, i) => (i * 31 + 7) & 255);

async function collect(chunks: AsyncIterable<Uint8Array>): Promise<Uint8Array[]> {
  const out: Uint8Array[] = [];
  for await (const c of chunks) out.push(c.slice());
  return out;
}

describe('blobSource', () => {
  it('yields the file whole, in chunks of at most chunkBytes, from reads of readBytes', async () => {
    const bytes = bytesOf(23);
    const { blob, log } = recordingBlob(bytes);
    const chunks = await collect(blobSource('f.csv', blob, 3, 7).chunks());
    // Blocks of 7 bytes (the last one 2) cut into chunks of 3: a chunk never spans two reads.
    expect(chunks.map((c) => c.length)).toEqual([3, 3, 1, 3, 3, 1, 3, 3, 1, 2]);
    expect(Uint8Array.from(chunks.flatMap((c) => [...c]))).toEqual(bytes);
    expect(log.reads).toEqual([
      [0, 7],
      [7, 14],
      [14, 21],
      [21, 23],
    ]);
  });

  it('reads one block ahead and never more', async () => {
    const { blob, log } = recordingBlob(bytesOf(100));
    const seen: number[] = [];
    for await (const c of blobSource('f.csv', blob, 10, 20).chunks()) {
      seen.push(c.length);
      // While a block's chunks are parsed, the reads issued are that block's and the next one's.
      const block = Math.floor((seen.length - 1) / 2);
      expect(log.reads.length).toBe(Math.min(block + 2, 5));
    }
    expect(seen.reduce((a, b) => a + b, 0)).toBe(100);
    expect(log.maxInFlight).toBe(1);
  });

  it('reads blocks no smaller than its chunks by default, and nothing of an empty file', async () => {
    const { blob, log } = recordingBlob(bytesOf(50));
    const chunks = await collect(blobSource('f.csv', blob, 8).chunks());
    expect(chunks.map((c) => c.length)).toEqual([8, 8, 8, 8, 8, 8, 2]);
    expect(log.reads).toEqual([[0, 50]]);
    const empty = recordingBlob(new Uint8Array(0));
    expect(await collect(blobSource('e.csv', empty.blob).chunks())).toEqual([]);
    expect(empty.log.reads).toEqual([]);
  });

  it('a failed read fails the chunk that needs it; a parse stopped early leaves no unhandled rejection behind', async () => {
    const failing = recordingBlob(bytesOf(40), 1);
    await expect(collect(blobSource('f.csv', failing.blob, 10, 10).chunks())).rejects.toThrow('read failed');
    // The consumer stops after the first chunk while the second block's read (which fails) is in flight.
    const stopped = recordingBlob(bytesOf(40), 1);
    for await (const c of blobSource('f.csv', stopped.blob, 10, 10).chunks()) {
      expect(c.length).toBe(10);
      break;
    }
    await new Promise((r) => setTimeout(r, 10));
    expect(stopped.log.reads.length).toBe(2);
  });

  it('a slice reads within its own range', async () => {
    const bytes = bytesOf(64);
    const { blob, log } = recordingBlob(bytes);
    const part = blobSource('f.csv', blob, 8, 16).slice!(10, 50);
    const chunks = await collect(part.chunks());
    expect(Uint8Array.from(chunks.flatMap((c) => [...c]))).toEqual(bytes.subarray(10, 50));
    expect(log.reads).toEqual([
      [10, 26],
      [26, 42],
      [42, 50],
    ]);
  });
});
