// Regressions found by the ingestion fuzzer (fuzz.test.ts): each case once threw or reported something false.
import { describe, expect, it } from 'vitest';
import { loadEvents, loadItems } from './load';
import { textSource } from './source';

describe('ingestion fuzz findings', () => {
  it('a stray CR inside a field of an LF file does not shift the line numbers of later rows', async () => {
    // Quoted text goes through papaparse; before, every CR in a field counted as a line break.
    const text = 'user,item,time\n"u\r1",a,1600000000\nu2,b,1600000001\nu3,c,oops\n';
    const r = await loadEvents(textSource('cr.csv', text));
    if (!r.ok) throw new Error(r.reason);
    expect(r.data.report.rejectedRows.map((x) => x.line)).toEqual([4]);
  });

  it('a headerless catalog whose sample has a few long rows keeps its title inside the width rows have', async () => {
    // Before, detection looked at the longest sample row and mapped the title to column 3 of 1-field rows: TypeError.
    const r = await loadItems(textSource('items.csv', 'rice\n7",,NaN\na,u1,"0\n7",,NaN\n'));
    if (!r.ok) throw new Error(r.reason);
    expect(r.data.report.mapping.roles).toEqual({ item: 0 });
    expect([r.data.report.accepted, r.data.report.rejected]).toEqual([1, 2]);
  });

  it('a catalog mapping that points past the row width is refused with a reason, not a crash', async () => {
    const r = await loadItems(textSource('items.csv', 'item_id,title\n1,A\n2,B\n'), { roles: { price: 5 } });
    expect(r).toEqual({ ok: false, reason: 'items.csv: column 6 is mapped but rows have 2 fields' });
  });

  it('a value beyond the 32-bit float range is a bad value, not Infinity in the log', async () => {
    const r = await loadEvents(textSource('e.csv', 'user,item,rating,time\na,x,4,1600000000\nb,y,-1e39,1600000001\nc,z,1e39,1600000002\n'));
    if (!r.ok) throw new Error(r.reason);
    expect(r.data.report.rejectedByReason).toEqual({ 'bad value': 2 });
    expect(Array.from(r.data.log.value)).toEqual([4]);
  });
});
