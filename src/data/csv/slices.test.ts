// The text reader decodes and scans its chunks in slices of SLICE_BYTES (reader.ts): what is read must not depend on
// where slices fall, and progress still comes once per chunk of the source, not once per slice.
import { describe, expect, it } from 'vitest';
import { loadEvents } from './load';
import { bytesSource } from './source';
import { SLICE_BYTES } from './reader';

function file(rows: number): Uint8Array {
  const lines = ['user,item,time'];
  // Multi-byte ids, so slices also cut UTF-8 sequences; one bad row every 997.
  for (let r = 0; r < rows; r++) lines.push(r % 997 === 5 ? `u${r % 50},,${r}` : `ü${r % 50},中${r % 300},${1_700_000_000 + r}`);
  return new TextEncoder().encode(lines.join('\n') + '\n');
}

describe('reading in slices', () => {
  it('reads the same log from chunks of any size, with one progress report per chunk', async () => {
    const bytes = file(20_000);
    const chunk = 2 * SLICE_BYTES + 1000;
    expect(bytes.length).toBeGreaterThan(3 * SLICE_BYTES);
    const done: number[] = [];
    const sliced = await loadEvents(bytesSource('f.csv', bytes, chunk), { onProgress: (p) => done.push(p.done) });
    const whole = await loadEvents(bytesSource('f.csv', bytes, bytes.length));
    const small = await loadEvents(bytesSource('f.csv', bytes, 777));
    if (!sliced.ok || !whole.ok || !small.ok) throw new Error('load failed');
    for (const other of [whole, small]) {
      expect(sliced.data.log.users).toEqual(other.data.log.users);
      expect(sliced.data.log.items).toEqual(other.data.log.items);
      expect(Array.from(sliced.data.log.item)).toEqual(Array.from(other.data.log.item));
      expect(Array.from(sliced.data.log.time)).toEqual(Array.from(other.data.log.time));
      expect(sliced.data.report.rejectedRows).toEqual(other.data.report.rejectedRows);
    }
    // 20,000 rows, a bad one at rows 5, 1002, … (line = row + 2): 21 rejected.
    expect(sliced.data.report.rejected).toBe(21);
    expect(sliced.data.report.rejectedRows[1].line).toBe(1004);
    // Progress after each chunk, the last at the end of the file.
    const chunks = Math.ceil(bytes.length / chunk);
    expect(done).toEqual(Array.from({ length: chunks }, (_, i) => Math.min(bytes.length, (i + 1) * chunk)));
  });
});
