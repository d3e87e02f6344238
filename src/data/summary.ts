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
  /** The funnel steps present in the log, in funnel order (see FunnelStep). */
  funnel: FunnelStep[];
  /** Events per time bucket (day, or hour for logs shorter than three days). */
  activity: { start: number; end: number; count: number }[];
  activityBucket: 'hour' | 'day' | 'position';
}

/**
 * One step of the conversion funnel. `reached` counts users who performed this step and every earlier step present in
 * the log, so reached[i] ≤ reached[i − 1] and no step rate can exceed 100%. `users` counts everyone who performed the
 * step at all: in real logs people buy without a cart step (REES46), so it may exceed the previous step's count.
 */
export interface FunnelStep {
  step: string;
  users: number;
  reached: number;
}

export function summarise(log: EventLog, maxBuckets = 120): LogSummary {
  const counts = new Array<number>(log.eventTypes.length).fill(0);
  let tMin = Infinity,
    tMax = -Infinity;
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

/**
 * Distinct users per funnel step, both at all and after every earlier step. Order within a user is not required:
 * logs are often cut in time, so a purchase may appear without the view that led to it inside the window.
 */
function funnel(log: EventLog): FunnelStep[] {
  const steps = FUNNEL.filter((s) => log.eventTypes.includes(s));
  // One pass: a bit per step for each user.
  const bitOfEvent = new Int32Array(log.eventTypes.length).fill(-1);
  steps.forEach((step, k) => (bitOfEvent[log.eventTypes.indexOf(step)] = k));
  const mask = new Uint32Array(log.users.length);
  for (let i = 0; i < log.length; i++) {
    const k = bitOfEvent[log.event[i]];
    if (k >= 0) mask[log.user[i]] |= 1 << k;
  }
  return steps.map((step, k) => {
    const bit = 1 << k;
    const upTo = (bit << 1) - 1;
    let users = 0,
      reached = 0;
    for (let u = 0; u < mask.length; u++) {
      if (mask[u] & bit) users++;
      if ((mask[u] & upTo) === upTo) reached++;
    }
    return { step, users, reached };
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
