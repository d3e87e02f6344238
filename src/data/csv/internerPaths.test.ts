// Differential test of the interner's two paths through ingestion: ids of up to 7 Latin-1 code units are kept packed
// in their hash slot, any other id in a pool (src/data/interner.ts). The same random, hostile files are read twice,
// once as they are and once with every id lengthened past the inline limit; the logs and reports must agree row for
// row, so that which path an id takes can never change what is read.
import { describe, expect, it } from 'vitest';
import { createRng } from '../../lib/rng';
import { INLINE_UNITS } from '../interner';
import { loadEvents } from './load';
import { bytesSource } from './source';
import { isIdTrimmable } from './cells';

const PREFIX = 'P'.repeat(INLINE_UNITS + 1);
const ID_UNITS = ['a', 'Z', '7', '0', 'é', 'ÿ', '中', '😀', ',', '"', ' ', '\t', '\u0001', '\ufeff', '\n'];

/** The id with PREFIX after its leading whitespace (ids that are nothing but whitespace are left alone). */
function lengthened(id: string): string {
  let k = 0;
  while (k < id.length && isIdTrimmable(id.charCodeAt(k))) k++;
  return k === id.length ? id : id.slice(0, k) + PREFIX + id.slice(k);
}

const quoted = (cell: string) => (/[",\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell);

function randomFile(seed: number): { plain: string; long: string } {
  const rng = createRng(seed);
  const pick = <T>(xs: readonly T[]) => xs[rng.int(xs.length)];
  const newline = rng.int(2) ? '\r\n' : '\n';
  const users = Array.from({ length: 1 + rng.int(30) }, () => {
    let s = '';
    for (let k = rng.int(rng.int(4) ? 8 : 3); k >= 0; k--) s += pick(rng.int(3) ? ID_UNITS.slice(0, 4) : ID_UNITS);
    return s;
  });
  const items = users.map((u) => `${u}${rng.int(9)}`);
  const times = ['1700000000', '1700000000.5', '-5', '1e400', '', '99999999999999999999', '17x', ' 1700000001 '];
  const values = ['4', '3.5', '', '-0.25', '1e39', 'abc', '0005'];
  const header = ['user', 'item', 'event', 'time', 'value'].join(',');
  const rows: [string, string][] = [];
  for (let r = 0; r < 200; r++) {
    const tail = [pick(['view', 'click', ' Buy ', '', 'cart']), pick(times), pick(values)].map(quoted).join(',');
    rows.push([`${pick(users)}\u0000${pick(items)}`, tail]);
    if (rng.int(20) === 0) rows.push(['', '']); // a blank line
  }
  const write = (f: (id: string) => string) =>
    (rng.int(2) ? '' : '\ufeff') +
    [header, ...rows.map(([ids, tail]) => (ids === '' ? '' : `${ids.split('\u0000').map(f).map(quoted).join(',')},${tail}`))].join(
      newline,
    ) +
    newline;
  return { plain: write((id) => id), long: write(lengthened) };
}

describe('interner paths through ingestion', () => {
  it('reads the same rows, ids and rejections whether ids are kept in their slot or in the pool', async () => {
    let accepted = 0,
      rejected = 0;
    for (let seed = 1; seed <= 40; seed++) {
      const { plain, long } = randomFile(seed);
      const read = async (text: string) => {
        const res = await loadEvents(bytesSource('f.csv', new TextEncoder().encode(text), 1 + (seed % 7) * 97), {
          mapSpec: 'user=user,item=item,event=event,time=time,value=value',
          timeFormat: 'unix-s',
        });
        if (!res.ok) throw new Error(res.reason);
        return res.data;
      };
      const [a, b] = [await read(plain), await read(long)];
      expect(b.log.users).toEqual(a.log.users.map(lengthened));
      expect(b.log.items).toEqual(a.log.items.map(lengthened));
      for (const k of ['user', 'item', 'event', 'time', 'value', 'seqOffsets', 'seqOrder'] as const)
        expect(Array.from(b.log[k]), `${k}, seed ${seed}`).toEqual(Array.from(a.log[k]));
      expect(b.log.eventTypes).toEqual(a.log.eventTypes);
      const where = (r: typeof a.report) => r.rejectedRows.map(({ line, column, reason }) => ({ line, column, reason }));
      expect(where(b.report)).toEqual(where(a.report));
      expect(b.report.rejectedByReason).toEqual(a.report.rejectedByReason);
      accepted += a.report.accepted;
      rejected += a.report.rejected;
    }
    // The files exercise both outcomes, and ids on both sides of the limit.
    expect(accepted).toBeGreaterThan(1000);
    expect(rejected).toBeGreaterThan(100);
  });
});
