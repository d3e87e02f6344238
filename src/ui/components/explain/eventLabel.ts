// Labels of history events and event groups as the Explain view shows them: title, event type with the rating or value,
// and the date ("Aristocats, The (1970) · rated 2★ · 1997-10-05"). Pure: plain text from the log's own columns.
import { windowKey, type EventGroup, type GroupBy, type TimeWindow } from '../../../explain/contributors';
import { translate, type Lang } from '../../i18n';

/** What a label needs of one history event. */
export interface LabelledEvent {
  item: number;
  type: string;
  /** Unix seconds, or the row position when the log has no time. */
  time: number;
  /** Rating or other value; NaN when absent. */
  value: number;
}

export interface LabelContext {
  lang: Lang;
  title: (item: number) => string;
  category: (item: number) => string | null;
  /** False when the log has no time column: events are then dated by their position ("#12"). */
  hasTime: boolean;
  window: TimeWindow;
}

const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);
const valueText = (v: number) => String(Math.round(v * 100) / 100);

/** "rated 2★" for a rating with a value, "purchase 12.5" for another valued event, else the event type. */
export function eventKind(e: LabelledEvent, lang: Lang): string {
  if (!Number.isFinite(e.value)) return e.type;
  return e.type === 'rating' ? translate(lang, 'explain.rated', { stars: valueText(e.value) }) : `${e.type} ${valueText(e.value)}`;
}

export const eventDate = (e: LabelledEvent, position: number, hasTime: boolean): string =>
  hasTime && Number.isFinite(e.time) ? new Date(e.time * 1000).toISOString().slice(0, 10) : `#${position + 1}`;

/** Full label of history event `k`; `titleChars` clips only the title, so type, rating and date always show. */
export function eventLabel(events: readonly LabelledEvent[], k: number, ctx: LabelContext, titleChars = Infinity): string {
  const e = events[k];
  return `${clip(ctx.title(e.item), titleChars)} · ${eventKind(e, ctx.lang)} · ${eventDate(e, k, ctx.hasTime)}`;
}

/** The grouping key of event `k`: its position, item, category or time window. */
export function groupKey(events: readonly LabelledEvent[], by: GroupBy, ctx: LabelContext): (k: number) => string {
  switch (by) {
    case 'item':
      return (k) => `i${events[k].item}`;
    case 'category':
      return (k) => `c${ctx.category(events[k].item) ?? ''}`;
    case 'window':
      return (k) => (ctx.hasTime ? windowKey(events[k].time, ctx.window) : `#${Math.floor(k / 10)}`);
    default:
      return String;
  }
}

/** A group's label: the event's own label for a single event, else what the events share and how many there are. */
export function groupLabel(events: readonly LabelledEvent[], g: EventGroup, by: GroupBy, ctx: LabelContext, titleChars = Infinity): string {
  if (g.events.length === 1 && by !== 'category' && by !== 'window') return eventLabel(events, g.events[0], ctx, titleChars);
  const first = events[g.events[0]];
  const name =
    by === 'item'
      ? clip(ctx.title(first.item), titleChars)
      : by === 'category'
        ? (ctx.category(first.item) ?? translate(ctx.lang, 'explain.uncategorised'))
        : ctx.hasTime
          ? windowKey(first.time, ctx.window)
          : `#${g.events[0] + 1}–${g.events[g.events.length - 1] + 1}`;
  const n = g.events.length;
  return n === 1
    ? translate(ctx.lang, 'explain.groupOneEvent', { label: name })
    : translate(ctx.lang, 'explain.groupEvents', { label: name, n });
}

/** Attributions span orders of magnitude: tiny ones in scientific notation rather than a misleading "-0". */
export const attributionText =
  (num: (x: number, digits?: number) => string) =>
  (v: number): string =>
    v === 0 || !Number.isFinite(v) || Math.abs(v) >= 1e-3 ? num(v, 4) : v.toExponential(1);
