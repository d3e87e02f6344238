import { describe, expect, it } from 'vitest';
import { loadEvents, loadItems } from './load';
import { bytesSource, textSource } from './source';
import { userEvents } from '../eventLog';
import { asUserIdx } from '../../lib/ids';

const load = async (text: string, opts: Parameters<typeof loadEvents>[1] = {}, chunk?: number) => {
  const r = await loadEvents(textSource('events.csv', text, chunk), opts);
  if (!r.ok) throw new Error(r.reason);
  return r.data;
};

describe('loadEvents', () => {
  it('reads quoted fields with delimiters, quotes and newlines, keeping line numbers exact', async () => {
    const text = 'user,item,event,timestamp\n"u,1","item ""A""\nsecond line",view,1600000000\nu2,B,click,oops\nu3,C,cart,1600000100\n';
    const { log, report } = await load(text);
    expect(log.users).toEqual(['u,1', 'u3']);
    expect(log.items).toEqual(['item "A"\nsecond line', 'C']);
    expect(report.rows).toBe(3);
    expect(report.rejectedRows).toEqual([
      { file: 'events.csv', line: 4, column: 4, reason: 'timestamp "oops" is not a valid unix-s time' },
    ]);
  });

  it('strips a BOM and handles CRLF and blank lines', async () => {
    const text =
      '\uFEFFuser_id,item_id,event_type,event_time\r\n\r\n1,10,view,2020-01-01 00:00:00 UTC\r\n2,11,purchase,2020-01-02T00:00:00Z\r\n\r\n';
    const { log, report } = await load(text);
    expect(report.header).toEqual(['user_id', 'item_id', 'event_type', 'event_time']);
    expect(report.accepted).toBe(2);
    expect(report.blankLines).toBe(2);
    expect(Array.from(log.time)).toEqual([1577836800, 1577923200]);
    expect(log.eventTypes).toEqual(['view', 'purchase']);
  });

  it('rejects rows with missing or extra fields, naming line and column, and keeps the rest', async () => {
    const text = 'user,item,event,time\na,x,view,1600000000\nb,y\nc,z,view,1600000001,extra\nd,w,buy,1600000002\n';
    const { log, report } = await load(text);
    expect(log.length).toBe(2);
    expect(report.rows).toBe(report.accepted + report.rejected);
    expect(report.rejectedRows).toEqual([
      { file: 'events.csv', line: 3, column: 3, reason: 'expected 4 fields, found 2' },
      { file: 'events.csv', line: 4, column: 5, reason: 'expected 4 fields, found 5' },
    ]);
  });

  it('rejects NaN, Infinity, negative and unparseable timestamps and empty ids', async () => {
    const rows = ['NaN', 'Infinity', '-5', '12abc', ''].map((t, i) => `u${i},i${i},view,${t}`);
    const text = ['user,item,event,timestamp', 'ok,item,view,1600000000', ...rows, ',i9,view,1600000000', 'u9,,view,1600000000'].join('\n');
    const { report } = await load(text);
    expect(report.accepted).toBe(1);
    expect(report.rejected).toBe(7);
    expect(report.rejectedByReason).toEqual({ 'bad timestamp': 5, 'empty user': 1, 'empty item': 1 });
    expect(report.rejectedRows.map((r) => r.line)).toEqual([3, 4, 5, 6, 7, 8, 9]);
  });

  it('renames duplicate header names and warns', async () => {
    const { report } = await load('user,item,item,time\na,b,c,1600000000\n');
    expect(report.header).toEqual(['user', 'item', 'item_2', 'time']);
    expect(report.warnings.some((w) => w.includes('duplicate column names'))).toBe(true);
  });

  it('falls back to Latin-1 when the bytes are not UTF-8', async () => {
    const latin1 = Uint8Array.from(
      [...'1|Caf']
        .map((c) => c.charCodeAt(0))
        .concat(
          [0xe9],
          [...'|x\n2|Na'].map((c) => c.charCodeAt(0)),
          [0xef],
          [...'ve|y\n'].map((c) => c.charCodeAt(0)),
        ),
    );
    const r = await loadItems(bytesSource('u.item', latin1));
    if (!r.ok) throw new Error(r.reason);
    expect(r.data.catalog.title).toEqual(['Café', 'Naïve']);
    expect(r.data.report.encoding).toBe('iso-8859-1');
  });

  it('detects headerless tab files with ratings (MovieLens u.data) and unix-ms times', async () => {
    const { log, report } = await load('1\t10\t4\t1600000000000\n1\t11\t5\t1600000001000\n2\t10\t3\t1600000002000\n');
    expect(report.mapping.roles).toMatchObject({ user: 0, item: 1, value: 2, time: 3 });
    expect(report.mapping.timeFormat).toBe('unix-ms');
    expect(log.eventTypes).toEqual(['rating']);
    expect(Array.from(log.value)).toEqual([4, 5, 3]);
  });

  it('reads `::` and pipe delimiters and space-separated files without time (order = time)', async () => {
    expect((await load('1::10::5::978300760\n1::11::3::978300761\n')).report.dialect.delimiter).toBe('::');
    const { log, report } = await load('1 5\n1 7\n2 5\n1 9\n');
    expect(report.dialect.delimiter).toBe(' ');
    expect(log.hasTime).toBe(false);
    expect(Array.from(userEvents(log, asUserIdx(0))).map((i) => log.items[log.item[i]])).toEqual(['5', '7', '9']);
  });

  it('orders each user sequence by time, whatever the file order', async () => {
    const { log } = await load(
      'user,item,time\na,3,30\na,1,10\nb,9,5\na,2,20\n'.replace(/,(\d+)\n/g, (_, t) => `,${1600000000 + Number(t)}\n`),
    );
    expect(Array.from(userEvents(log, asUserIdx(0))).map((i) => log.items[log.item[i]])).toEqual(['1', '2', '3']);
  });

  it('reports unterminated quotes as a rejected row rather than failing', async () => {
    const { report } = await load('user,item,time\na,b,1600000000\n"c,d,1600000001\n');
    expect(report.accepted).toBe(1);
    expect(report.rejected).toBe(1);
    expect(report.rejectedRows[0]).toMatchObject({ line: 3 });
  });

  it('fails cleanly for empty and binary files', async () => {
    expect(await loadEvents(textSource('empty.csv', ''))).toEqual({ ok: false, reason: 'empty.csv is empty' });
    const r = await loadEvents(bytesSource('photo.csv', Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 13])));
    expect(r.ok).toBe(false);
  });

  it('applies an analyst mapping by header name or column number and rejects unknown columns', async () => {
    const text = 'a,b,c\n1,2,3\n';
    const mapped = await load(text, { mapSpec: 'user=c,item=1' });
    expect(mapped.log.users).toEqual(['3']);
    expect(mapped.log.items).toEqual(['1']);
    const bad = await loadEvents(textSource('events.csv', text), { mapSpec: 'user=zzz,item=a' });
    expect(bad).toMatchObject({ ok: false });
    expect(!bad.ok && bad.reason).toContain('column "zzz"');
  });

  it('is cancellable', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(loadEvents(textSource('e.csv', 'user,item\na,b\n'), { signal: controller.signal })).rejects.toThrow('Cancelled');
  });
});
