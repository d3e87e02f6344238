// CSV serialisation of the demo (events.csv, items.csv) with RFC 4180 quoting; rows end in "\n".
import type { RawEvent } from '../eventLogBuilder';
import type { DemoItem } from './catalog';

export const EVENTS_HEADER = ['user_id', 'item_id', 'event_type', 'timestamp', 'session_id'] as const;
export const ITEMS_HEADER = ['item_id', 'title', 'category', 'price', 'description'] as const;

/** A field quoted only when it must be: it holds a comma, a double quote, CR or LF (quotes are doubled). */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

function csv(header: readonly string[], rows: Iterable<readonly string[]>): string {
  const lines = [header.map(csvField).join(',')];
  for (const row of rows) lines.push(row.map(csvField).join(','));
  return lines.join('\n') + '\n';
}

export function eventsCsv(events: readonly RawEvent[]): string {
  return csv(
    EVENTS_HEADER,
    events.map((e) => [e.user, e.item, e.event, String(e.time), e.session ?? '']),
  );
}

export function itemsCsv(items: readonly DemoItem[]): string {
  return csv(
    ITEMS_HEADER,
    items.map((x) => [x.id, x.title, x.category, x.price.toFixed(2), x.description]),
  );
}
