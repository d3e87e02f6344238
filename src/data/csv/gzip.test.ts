// CSV.gz: decompressed in front of the CSV reader; progress in compressed bytes; joined members; size estimate.
import { describe, expect, it } from 'vitest';
import { gzipSync } from 'fflate';
import { loadEvents } from './load';
import { bytesSource, textSource } from './source';
import { gunzipSource } from './gzip';

const encode = (s: string) => new TextEncoder().encode(s);

function log(rows: number): string {
  const lines = ['user,item,event,time'];
  for (let i = 0; i < rows; i++) lines.push(`u${i % 113},i${(i * 31) % 257},view,${1_600_000_000 + i}`);
  return lines.join('\n') + '\n';
}

describe('CSV.gz', () => {
  it('counts progress in the compressed file’s bytes, ending at its size', async () => {
    const gz = gzipSync(encode(log(200_000)));
    const seen: { done: number; total: number | null }[] = [];
    const r = await loadEvents(bytesSource('big.csv.gz', gz, 64 * 1024), { onProgress: (p) => seen.push(p) });
    if (!r.ok) throw new Error(r.reason);
    expect(r.data.report.accepted).toBe(200_000);
    expect(seen.every((p) => p.total === gz.length)).toBe(true);
    expect(seen.at(-1)!.done).toBe(gz.length);
    expect(seen.length).toBeGreaterThan(1);
  });

  it('reads every member of a multi-member file (gzip streams joined, as `cat a.gz b.gz` makes)', async () => {
    const text = log(1000);
    const cut = text.indexOf('\n', text.length >> 1) + 1;
    const a = gzipSync(encode(text.slice(0, cut))),
      b = gzipSync(encode(text.slice(cut)));
    const joined = new Uint8Array(a.length + b.length);
    joined.set(a);
    joined.set(b, a.length);
    const r = await loadEvents(bytesSource('joined.csv.gz', joined, 1000));
    const plain = await loadEvents(textSource('plain.csv', text));
    if (!r.ok || !plain.ok) throw new Error('load failed');
    expect(r.data.report.accepted).toBe(1000);
    expect(Array.from(r.data.log.time)).toEqual(Array.from(plain.data.log.time));
  });

  it('knows the exact size of a small file and estimates a large one from its first bytes', async () => {
    const small = encode(log(100));
    const exact = await gunzipSource(bytesSource('s.gz', gzipSync(small)), 256 * 1024);
    expect([exact.size, exact.sizeExact]).toEqual([small.length, true]);
    const large = encode(log(100_000));
    const estimated = await gunzipSource(bytesSource('l.gz', gzipSync(large)), 256 * 1024);
    expect(estimated.sizeExact).toBe(false);
    // The log is alike from start to end, so the first 256 kB's ratio holds for the whole within a tenth.
    expect(Math.abs(estimated.size / large.length - 1)).toBeLessThan(0.1);
  });

  it('samples the same users as the plain CSV', async () => {
    const text = log(5000);
    const sample = { fraction: 0.25, seed: 3 };
    const gz = await loadEvents(bytesSource('s.csv.gz', gzipSync(encode(text))), { sample });
    const plain = await loadEvents(textSource('s.csv', text), { sample });
    if (!gz.ok || !plain.ok) throw new Error('load failed');
    expect(gz.data.log.users).toEqual(plain.data.log.users);
    expect(gz.data.report.sample).toEqual(plain.data.report.sample);
  });
});
