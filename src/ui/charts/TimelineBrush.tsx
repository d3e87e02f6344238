// Overview strip of the whole history (D3) with a d3-brush: dragging over it picks the time range the heatmap zooms
// into; a click without a drag clears the range. A range set elsewhere (the view's number fields) moves the brush, snapped
// to whole events. The strip's geometry is timelineLayout's.
import { brushX } from 'd3';
import { brushedRange, timelineLayout } from './timelineLayout';
import { useD3 } from './useD3';
import type { ChartTheme } from './attentionLayout';

export function TimelineBrush({
  values,
  title,
  width = 640,
  onRange,
  range = null,
  theme = 'light',
}: {
  /** One value per history event, oldest first. */
  values: number[];
  title: string;
  width?: number;
  /** Positions [from, to) brushed; the whole history when the brush is cleared. */
  onRange: (range: [number, number]) => void;
  /** The range shown, [from, to) positions; null for the whole history (no brush drawn). */
  range?: [number, number] | null;
  theme?: ChartTheme;
}) {
  const l = timelineLayout(values, width, 28, 8, theme);
  const ref = useD3(
    (svg) => {
      svg
        .append('g')
        .selectAll('rect')
        .data(l.ticks)
        .join('rect')
        .attr('x', (d) => d.x)
        .attr('y', (d) => d.y)
        .attr('width', (d) => d.w)
        .attr('height', (d) => d.h)
        .attr('fill', (d) => d.fill);
      const brush = brushX<unknown>()
        .extent([
          [l.x0, 0],
          [l.x1, l.height],
        ])
        .on('end', (e: { selection: [number, number] | null; sourceEvent?: unknown }) => {
          // Only the analyst's own gestures report a range (a programmatic move has no source event).
          if (e.sourceEvent) onRange(brushedRange(e.selection, values.length, l.x0, l.step));
        });
      const g = svg.append('g').attr('class', 'brush').attr('data-testid', 'timeline-brush').call(brush);
      if (range) brush.move(g, [l.x0 + range[0] * l.step, l.x0 + range[1] * l.step]);
    },
    [JSON.stringify(values), width, theme, range?.[0], range?.[1]],
  );
  return (
    <svg
      ref={ref}
      className="chart timeline"
      role="img"
      aria-label={title}
      data-testid="timeline"
      width={l.width}
      height={l.height}
      viewBox={`0 0 ${l.width} ${l.height}`}
    />
  );
}
