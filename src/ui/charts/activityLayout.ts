// Pure layout of the activity-over-time column chart: one column per time bucket, with axis ticks.
import { scaleLinear, scaleUtc } from 'd3';

export interface ActivityBucket {
  start: number;
  end: number;
  count: number;
}

export interface ActivityLayout {
  width: number;
  height: number;
  columns: { x: number; y: number; w: number; h: number; count: number; start: number; end: number }[];
  xTicks: { x: number; date: Date }[];
  yTicks: { y: number; value: number }[];
  margin: { top: number; right: number; bottom: number; left: number };
}

/** `isTime` false when the log has no timestamps and buckets are row positions. */
export function activityLayout(buckets: readonly ActivityBucket[], width: number, height: number, isTime: boolean): ActivityLayout {
  const margin = { top: 8, right: 12, bottom: 24, left: 48 };
  const innerW = Math.max(10, width - margin.left - margin.right);
  const innerH = Math.max(10, height - margin.top - margin.bottom);
  const first = buckets[0]?.start ?? 0;
  const last = buckets.at(-1)?.end ?? 1;
  const y = scaleLinear()
    .domain([0, Math.max(1, ...buckets.map((b) => b.count))])
    .nice()
    .range([innerH, 0]);
  const xOf = (v: number) => margin.left + ((v - first) / Math.max(1e-9, last - first)) * innerW;
  const columns = buckets.map((b) => {
    const x0 = xOf(b.start);
    const top = margin.top + y(b.count);
    return { x: x0, y: top, w: Math.max(1, xOf(b.end) - x0 - 1), h: margin.top + innerH - top, count: b.count, start: b.start, end: b.end };
  });
  const xTicks = isTime
    ? scaleUtc()
        .domain([new Date(first * 1000), new Date(last * 1000)])
        .ticks(Math.max(2, Math.floor(innerW / 110)))
        .map((date) => ({ x: xOf(date.getTime() / 1000), date }))
    : [];
  const yTicks = y.ticks(4).map((value) => ({ y: margin.top + y(value), value }));
  return { width, height, columns, xTicks, yTicks, margin };
}
