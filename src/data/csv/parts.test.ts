// Parsing a file in parts (as parallel workers do) gives exactly what parsing it whole gives.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { detectEventMapping } from './columns';
import { ingestEvents } from './ingestEvents';
import { ingestInParts, splitPoints } from './parts';
import { inspectSample } from './reader';
import { bytesSource } from './source';

const row = fc.record({
  user: fc.constantFrom('u1', 'u2', 'u3', 'ü4', '用户5'),
  item: fc.integer({ min: 1, max: 40 }).map(String),
  event: fc.constantFrom('view', 'click', 'cart', 'buy', ''),
  time: fc.oneof(fc.integer({ min: 1_600_000_000, max: 1_700_000_000 }).map(String), fc.constantFrom('bad', '-1')),
  blank: fc.boolean(),
});

describe('ingestion in parts', () => {
  it('matches a whole-file parse: rows, ids, rejected rows with their line numbers, counts', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(row, { minLength: 1, maxLength: 120 }), fc.integer({ min: 2, max: 5 }), async (rows, parts) => {
        const lines = [
          'user_id,item_id,event_type,timestamp',
          ...rows.flatMap((r) => [`${r.user},${r.item},${r.event},${r.time}`, ...(r.blank ? [''] : [])]),
        ];
        const bytes = new TextEncoder().encode(lines.join('\n') + '\n');
        const source = bytesSource('e.csv', bytes, 97);
        const shaped = inspectSample('e.csv', bytes, bytes.length);
        if (!shaped.ok) throw new Error(shaped.reason);
        const mapping = detectEventMapping(shaped.data.header, shaped.data.sample);
        const whole = await ingestEvents(source.chunks(), shaped.data, { mapping });
        const split = await ingestInParts(source, shaped.data, mapping, parts);
        // A file that cannot be read whole (e.g. no readable time at all) cannot be read in parts either.
        if (!whole.ok) {
          expect(split.ok).toBe(false);
          return;
        }
        if (!split.ok) throw new Error(split.reason);
        const a = whole.data,
          b = split.data;
        expect(b.log.users).toEqual(a.log.users);
        expect(b.log.items).toEqual(a.log.items);
        expect(b.log.eventTypes).toEqual(a.log.eventTypes);
        for (const key of ['user', 'item', 'event', 'time', 'seqOffsets', 'seqOrder'] as const)
          expect(Array.from(b.log[key])).toEqual(Array.from(a.log[key]));
        const { seconds: _s1, parts: p1, ...ra } = a.report;
        const { seconds: _s2, parts: p2, ...rb } = b.report;
        expect(rb).toEqual(ra);
        expect(p1).toBe(1);
        expect(p2).toBeGreaterThanOrEqual(1);
      }),
      { numRuns: 60, seed: 99 },
    );
  });

  it('matches a whole-file parse in every line ending, with stray line-break bytes, NULs and invalid UTF-8 in rows', async () => {
    const stray = fc.constantFrom('', '', '', '\n', '\r', '\u0000', '\uFEFF', 'INVALID');
    const hostileRow = fc.record({
      user: fc.constantFrom('u1', 'u2', '用户3'),
      item: fc.integer({ min: 1, max: 30 }).map(String),
      stray,
      where: fc.nat(2),
      blank: fc.boolean(),
    });
    await fc.assert(
      fc.asyncProperty(
        fc.array(hostileRow, { minLength: 1, maxLength: 150 }),
        fc.constantFrom('\n', '\r\n', '\r'),
        fc.integer({ min: 2, max: 5 }),
        async (rows, nl, parts) => {
          const enc = new TextEncoder();
          const pieces: Uint8Array[] = [enc.encode(`user_id,item_id,timestamp${nl}`)];
          rows.forEach((r, i) => {
            // A stray byte of the other line ending is part of the row in this dialect; INVALID is a lone 0xFF.
            const cells = [r.user, r.item, String(1600000000 + i)];
            const s = r.stray === '\n' && nl !== '\r' ? '' : r.stray === '\r' && nl !== '\n' ? '' : r.stray;
            const [head, tail] = [cells.slice(0, r.where).join(','), cells.slice(r.where).join(',')];
            const sep = r.where ? ',' : '';
            pieces.push(
              enc.encode(head + sep),
              s === 'INVALID' ? Uint8Array.of(0xff) : enc.encode(s),
              enc.encode(tail + nl + (r.blank ? nl : '')),
            );
          });
          const bytes = new Uint8Array(pieces.reduce((n, p) => n + p.length, 0));
          pieces.reduce((at, p) => (bytes.set(p, at), at + p.length), 0);
          const source = bytesSource('e.csv', bytes, 61);
          const shaped = inspectSample('e.csv', bytes, bytes.length);
          if (!shaped.ok) return; // e.g. so many NULs in so few bytes that it is binary
          const mapping = detectEventMapping(shaped.data.header, shaped.data.sample);
          const whole = await ingestEvents(source.chunks(), shaped.data, { mapping });
          const split = await ingestInParts(source, shaped.data, mapping, parts);
          if (!whole.ok || !split.ok) {
            expect(split.ok).toBe(whole.ok);
            return;
          }
          const a = whole.data,
            b = split.data;
          expect(b.log.users).toEqual(a.log.users);
          expect(b.log.items).toEqual(a.log.items);
          const { seconds: _s1, parts: _p1, ...ra } = a.report;
          const { seconds: _s2, parts: _p2, ...rb } = b.report;
          expect(rb).toEqual(ra);
          expect(rb.physicalLines).toBe(rb.headerLines + rb.blankLines + rb.continuationLines + rb.rows);
        },
      ),
      { numRuns: 150, seed: 1616 },
    );
  });

  it('merges the parts’ catalog attributes by item id as a whole-file parse reads them (attributes filled late, prices missing)', async () => {
    const lines = ['user_id,item_id,timestamp,category,brand,price'];
    for (let i = 0; i < 600; i++) {
      const item = `p${(i * 7) % 90}`;
      // An item's category, brand and price each appear on some of its rows only, and in later parts for some.
      const cat = i % 3 === 0 ? `cat.${((i * 7) % 90) % 5}` : '';
      const brand = i % 5 === 1 ? `b${((i * 7) % 90) % 4}` : '';
      const price = i % 7 === 2 && (i * 7) % 90 < 60 ? `${((i * 7) % 90) + 0.5}` : '';
      lines.push(`u${i % 31},${item},${1_700_000_000 + i},${cat},${brand},${price}`);
    }
    const bytes = new TextEncoder().encode(lines.join('\n') + '\n');
    const shaped = inspectSample('c.csv', bytes, bytes.length);
    if (!shaped.ok) throw new Error(shaped.reason);
    const mapping = detectEventMapping(shaped.data.header, shaped.data.sample);
    const whole = await ingestEvents(bytesSource('c.csv', bytes, 500).chunks(), shaped.data, { mapping });
    if (!whole.ok) throw new Error(whole.reason);
    const catalog = whole.data.catalog!;
    expect((catalog.brand ?? []).filter(Boolean).length).toBeGreaterThan(0);
    expect(Array.from(catalog.price).filter(Number.isNaN).length).toBeGreaterThan(0);
    for (const parts of [2, 3, 5]) {
      const split = await ingestInParts(bytesSource('c.csv', bytes, 500), shaped.data, mapping, parts);
      if (!split.ok) throw new Error(split.reason);
      expect(split.data.report.parts).toBe(parts);
      expect(split.data.catalog).toEqual(catalog);
    }
  });

  it('splits only just after line feeds', async () => {
    const bytes = new TextEncoder().encode('a,1\nbb,22\nccc,333\ndddd,4444\n');
    const points = await splitPoints(bytesSource('x', bytes), 3);
    expect(points.length).toBeGreaterThan(0);
    for (const p of points) expect(bytes[p - 1]).toBe(0x0a);
  });

  it('refuses to assemble parts of a file with quotes (a quoted line break could straddle a split)', async () => {
    const text = 'user,item,time\n' + Array.from({ length: 50 }, (_, i) => `u${i},"item ${i}",${1600000000 + i}`).join('\n') + '\n';
    const bytes = new TextEncoder().encode(text);
    const shaped = inspectSample('q.csv', bytes, bytes.length);
    if (!shaped.ok) throw new Error(shaped.reason);
    const r = await ingestInParts(bytesSource('q.csv', bytes), shaped.data, detectEventMapping(shaped.data.header, shaped.data.sample), 3);
    expect(r.ok).toBe(false);
  });
});
