// A user's history as the Recommend and Explain views show and edit it (pure: no React).
import { itemLabels, userEvents, type EventLog, type ItemCatalog } from '../../../data/eventLog';
import { asUserIdx } from '../../../lib/ids';
import { isInteraction } from '../../../data/eventTypes';

export interface HistoryEvent {
  /** Row in the log, or -1 for an event the analyst added. */
  row: number;
  item: number;
  type: string;
  time: number;
}

export function userHistory(log: EventLog, user: number): HistoryEvent[] {
  return Array.from(userEvents(log, asUserIdx(user)), (row) => ({
    row,
    item: log.item[row],
    type: log.eventTypes[log.event[row]],
    time: log.time[row],
  })).filter((e) => isInteraction(e.type));
}

export const historyItems = (events: readonly HistoryEvent[]): Int32Array => Int32Array.from(events, (e) => e.item);

/** Event type indices (in the log's event types) of a history, for models that embed event types. */
export const historyTypes = (log: EventLog, events: readonly HistoryEvent[]): Int32Array =>
  Int32Array.from(events, (e) => Math.max(0, log.eventTypes.indexOf(e.type)));

/** Name of an item for display: catalog title when known, else its id; a shared title gets the id after it. Always plain text. */
export function itemTitleLookup(log: EventLog, catalog: ItemCatalog | null): (item: number) => string {
  const { names } = itemLabels(log, catalog);
  return (i) => names[i];
}

export type Movement = { kind: 'new' } | { kind: 'up' | 'down' | 'same'; by: number };

/** How each item of `after` moved relative to `before` (rank positions), and which items of `before` dropped out. */
export function compareLists(before: readonly number[], after: readonly number[]): { moves: Movement[]; dropped: number[] } {
  const pos = new Map(before.map((item, i) => [item, i]));
  const moves = after.map((item, i): Movement => {
    const was = pos.get(item);
    if (was === undefined) return { kind: 'new' };
    return was === i ? { kind: 'same', by: 0 } : was > i ? { kind: 'up', by: was - i } : { kind: 'down', by: i - was };
  });
  const kept = new Set(after);
  return { moves, dropped: before.filter((item) => !kept.has(item)) };
}
