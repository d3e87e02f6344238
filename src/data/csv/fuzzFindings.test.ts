// Regressions found by the ingestion fuzzer (fuzz.test.ts): each case once threw or reported something false.
import { describe, expect, it } from 'vitest';
import { loadEvents } from './load';
import { textSource } from './source';

describe('ingestion fuzz findings', () => {
  it('a stray CR inside a field of an LF file does not shift the line numbers of later rows', async () => {
    // Quoted text goes through papaparse; before, every CR in a field counted as a line break.
    const text = 'user,item,time\n"u\r1",a,1600000000\nu2,b,1600000001\nu3,c,oops\n';
    const r = await loadEvents(textSource('cr.csv', text));
    if (!r.ok) throw new Error(r.reason);
    expect(r.data.report.rejectedRows.map((x) => x.line)).toEqual([4]);
  });
});
