// Property test: any log serialised as RFC-4180 CSV parses back to the same events, whatever the chunking.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { loadEvents } from './load';
import { textSource } from './source';

const quote = (s: string) => (/[",\n\r]/.test(s) || s !== s.trim() ? `"${s.replace(/"/g, '""')}"` : s);
const id = fc
  .string({ unit: fc.constantFrom('a', 'b', 'Z', '7', ',', '"', '\n', ' ', 'é', '中', '😀', '|', ';'), minLength: 1, maxLength: 8 })
  .filter((s) => s.trim() !== '');
const record = fc.record({
  user: id,
  item: id,
  event: fc.constantFrom('view', 'click', 'cart', 'purchase'),
  time: fc.integer({ min: 1_000_000_000, max: 2_000_000_000 }),
  value: fc.integer({ min: 0, max: 50 }).map((v) => v / 10),
});

describe('CSV round trip', () => {
  it('parses serialised random logs back unchanged', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(record, { minLength: 1, maxLength: 40 }),
        fc.integer({ min: 3, max: 64 }),
        fc.boolean(),
        async (records, chunk, crlf) => {
          const nl = crlf ? '\r\n' : '\n';
          const text =
            [
              'user_id,item_id,event_type,timestamp,rating',
              ...records.map((r) => [r.user, r.item, r.event, r.time, r.value].map((x) => quote(String(x))).join(',')),
            ].join(nl) + nl;
          const result = await loadEvents(textSource('round.csv', text, chunk));
          if (!result.ok) throw new Error(result.reason);
          const { log, report } = result.data;
          expect(report.rejected).toBe(0);
          expect(log.length).toBe(records.length);
          for (let i = 0; i < records.length; i++) {
            expect(log.users[log.user[i]]).toBe(records[i].user.trim());
            expect(log.items[log.item[i]]).toBe(records[i].item.trim());
            expect(log.eventTypes[log.event[i]]).toBe(records[i].event);
            expect(log.time[i]).toBe(records[i].time);
            expect(log.value[i]).toBeCloseTo(records[i].value, 5);
          }
        },
      ),
      { numRuns: 300, seed: 20261122 },
    );
  });
});
