// Headline figures of a loaded log: counts, events per type, time range, conversion funnel, activity over time.
import type { EventLog } from './eventLog';
import { FUNNEL, sortEventTypes } from './eventTypes';

export interface LogSummary {
  events: number;
  users: number;
  items: number;
  eventsByType: Record<string, number>;
  /** ISO strings; null when the log has no timestamps. */
  timeRange: [string, string] | null;
  /** Users reaching each funnel step present in the log, in funnel order. */
  funnel: { step: string; users: number }[];
  /** Events per time bucket (day, or hour for logs shorter than three days). */
  activity: { start: number; end: number; count: number }[];
  activityBucket: 'hour' | 'day' | 'position';
}

export function summarise(log: EventLog, maxBuckets = 120): LogSummary {
  const counts = new Array<number>(log.eventTypes.length).fill(0);
  let tMin = Infinity, tMax = -Infinity;
  for (let i = 0; i < log.length; i++) {
    counts[log.event[i]]++;
    const t = log.time[i];
    if (t < tMin) tMin = t;
    if (t > tMax) tMax = t;
  }
  const eventsByType: Record<string, number> = {};
  for (const t of sortEventTypes(log.eventTypes)) eventsByType[t] = counts[log.eventTypes.indexOf(t)];
  return {
    events: log.length,
    users: log.users.length,
    items: log.items.length,
    eventsByType,
    timeRange: log.hasTime && log.length ? [new Date(tMin * 1000).toISOString(), new Date(tMax * 1000).toISOString()] : null,
    funnel: funnel(log),
    ...activity(log, tMin, tMax, maxBuckets),
  };
}

/** Distinct users who performed each funnel step (not necessarily in order: logs are often truncated in time). */
function funnel(log: EventLog): LogSummary['funnel'] {
  const steps = FUNNEL.filter((s) => log.eventTypes.includes(s));
  return steps.map((step) => {
    const e = log.eventTypes.indexOf(step);
    const users = new Uint8Array(log.users.length);
    for (let i = 0; i < log.length; i++) if (log.event[i] === e) users[log.user[i]] = 1;
    return { step, users: users.reduce((s, x) => s + x, 0) };
  });
}

function activity(log: EventLog, tMin: number, tMax: number, maxBuckets: number): Pick<LogSummary, 'activity' | 'activityBucket'> {
  if (log.length === 0) return { activity: [], activityBucket: 'day' };
  const span = tMax - tMin;
  const activityBucket: LogSummary['activityBucket'] = !log.hasTime ? 'position' : span < 3 * 86400 ? 'hour' : 'day';
  const unit = activityBucket === 'hour' ? 3600 : activityBucket === 'day' ? 86400 : 1;
  const start = activityBucket === 'position' ? tMin : Math.floor(tMin / unit) * unit;
  const width = Math.max(unit, Math.ceil((tMax - start + 1) / unit / maxBuckets) * unit);
  const n = Math.max(1, Math.ceil((tMax - start + 1) / width));
  const buckets = new Array<number>(n).fill(0);
  for (let i = 0; i < log.length; i++) buckets[Math.min(n - 1, Math.floor((log.time[i] - start) / width))]++;
  return { activity: buckets.map((count, b) => ({ start: start + b * width, end: start + (b + 1) * width, count })), activityBucket };
}
