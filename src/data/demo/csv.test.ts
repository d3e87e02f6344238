import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { csvField, eventsCsv, itemsCsv } from './csv';
import { simulateDemo } from './simulate';

describe('demo CSV', () => {
  it('quotes only fields that need it, doubling quotes', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('12" Skillet')).toBe('"12"" Skillet"');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
  });

  it('round-trips items and events through a standard CSV parser', () => {
    const demo = simulateDemo({ users: 50 });
    const items = Papa.parse<Record<string, string>>(itemsCsv(demo.items), { header: true, skipEmptyLines: true });
    expect(items.errors).toEqual([]);
    expect(items.meta.fields).toEqual(['item_id', 'title', 'category', 'price', 'description']);
    expect(items.data.map((r) => r.title)).toEqual(demo.items.map((x) => x.title));
    expect(items.data.map((r) => Number(r.price))).toEqual(demo.items.map((x) => x.price));
    const events = Papa.parse<Record<string, string>>(eventsCsv(demo.events), { header: true, skipEmptyLines: true });
    expect(events.errors).toEqual([]);
    expect(events.meta.fields).toEqual(['user_id', 'item_id', 'event_type', 'timestamp', 'session_id']);
    expect(events.data).toHaveLength(demo.events.length);
    expect(events.data[0]).toEqual({
      user_id: demo.events[0].user,
      item_id: demo.events[0].item,
      event_type: demo.events[0].event,
      timestamp: String(demo.events[0].time),
      session_id: demo.events[0].session,
    });
  });
});
