// Rollout strip (D3): one bar per shown history position, in the head view's columns, labelled with the item (hover:
// full label and share), the largest shares printed, a grey bar for the positions before the window; SVG/PNG export.
import { rolloutLayout, type RolloutInput } from './rolloutLayout';
import type { ChartTheme } from './attentionLayout';
import { useD3 } from './useD3';
import { ChartFrame } from './ChartFrame';

export function RolloutChart({
  input,
  cell,
  left,
  theme,
  title,
  earlierLabel,
  format,
}: {
  input: RolloutInput;
  cell: number;
  left: number;
  theme: ChartTheme;
  title: string;
  earlierLabel: string;
  format: (v: number) => string;
}) {
  const l = rolloutLayout(input, { cell, left, theme });
  const ref = useD3(
    (svg) => {
      svg
        .append('line')
        .attr('class', 'axis-line')
        .attr('x1', l.baseline.x1)
        .attr('x2', l.baseline.x2)
        .attr('y1', l.baseline.y)
        .attr('y2', l.baseline.y);
      if (l.earlier) {
        const e = svg.append('g').attr('data-testid', 'rollout-earlier');
        e.append('rect')
          .attr('class', 'earlier-bar')
          .attr('x', l.earlier.x)
          .attr('y', l.earlier.y)
          .attr('width', l.earlier.w)
          .attr('height', l.earlier.h)
          .append('title')
          .text(`${earlierLabel}: ${format(l.earlier.v)}`);
        e.append('text')
          .attr('class', 'chart-axis')
          .attr('x', l.earlier.x + l.earlier.w / 2)
          .attr('y', l.earlier.y - 3)
          .attr('text-anchor', 'middle')
          .text(format(l.earlier.v));
        e.append('text')
          .attr('class', 'chart-axis')
          .attr('transform', `translate(${l.earlier.x + l.earlier.w / 2},${l.baseline.y + 6}) rotate(-60)`)
          .attr('dy', '0.35em')
          .attr('text-anchor', 'end')
          .text(earlierLabel);
      }
      svg
        .append('g')
        .selectAll('rect')
        .data(l.bars)
        .join('rect')
        .attr('data-testid', 'rollout-bar')
        .attr('x', (d) => d.x)
        .attr('y', (d) => d.y)
        .attr('width', (d) => d.w)
        .attr('height', (d) => d.h)
        .attr('fill', (d) => d.fill)
        .append('title')
        .text((d) => `${input.labels[d.i]}: ${format(d.v)}`);
      svg
        .append('g')
        .selectAll('text')
        .data(l.bars.filter((d) => d.valueLabel))
        .join('text')
        .attr('class', 'chart-axis')
        .attr('x', (d) => d.x + d.w / 2)
        .attr('y', (d) => d.y - 3)
        .attr('text-anchor', 'middle')
        .text((d) => format(d.v));
      svg
        .append('g')
        .selectAll('text')
        .data(l.labels)
        .join('text')
        .attr('class', 'chart-axis')
        .attr('transform', (d) => `translate(${d.x},${d.y}) rotate(-60)`)
        .attr('dy', '0.35em')
        .attr('text-anchor', 'end')
        .attr('font-weight', (d) => (d.read ? 'bold' : 'normal'))
        .text((d) => d.text)
        .append('title')
        .text((d) => d.full);
    },
    [JSON.stringify(input), cell, left, theme, earlierLabel],
  );
  return <ChartFrame svgRef={ref} title={title} width={l.width} height={l.height} className="rollout" testId="rollout" />;
}
