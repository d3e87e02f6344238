// What the history shows beside each event's title: its rating or value and its date, only where the log has them
// (an event the analyst added has neither; a log without a time column orders rows by position, which is no date).
import type { EventLog } from '../../../data/eventLog';
import type { HistoryEvent } from './history';

export interface EventMeta {
  /** The log's rating or value for this event; null when absent or when the analyst added the event. */
  value: number | null;
  /** Unix seconds; null when the log has no times or the event was added. */
  time: number | null;
  added: boolean;
}

export function eventMeta(log: EventLog, e: HistoryEvent): EventMeta {
  if (e.row < 0) return { value: null, time: null, added: true };
  const v = log.value[e.row];
  return { value: Number.isFinite(v) ? v : null, time: log.hasTime ? log.time[e.row] : null, added: false };
}

/** Date and minute in UTC (the log's clock is not the reader's), compact: "Sep 22, 1997, 22:02" / "1997年9月22日 22:02". */
export function eventDate(seconds: number, locale: string): string {
  return new Date(seconds * 1000).toLocaleString(locale, {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone: 'UTC',
  });
}

/** A rating or value as logged: integers as integers, else up to two decimals (4, 3.5, 12.99). */
export const eventValue = (value: number, locale: string): string => value.toLocaleString(locale, { maximumFractionDigits: 2 });
