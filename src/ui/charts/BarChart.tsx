// Horizontal bar chart (events per type, funnels). Labels are set with .text(): file content is never markup.
import { barLayout, type BarDatum } from './barLayout';
import { useD3 } from './useD3';
import { ChartFrame } from './ChartFrame';

export function BarChart({
  data,
  width = 560,
  title,
  format,
}: {
  data: BarDatum[];
  width?: number;
  title: string;
  format: (v: number) => string;
}) {
  const layout = barLayout(data, width);
  const ref = useD3(
    (svg) => {
      const row = svg.selectAll('g.bar').data(layout.bars).join('g').attr('class', 'bar');
      row
        .append('text')
        .attr('x', layout.labelWidth - 8)
        .attr('y', (d) => d.y + d.h / 2)
        .attr('dy', '0.35em')
        .attr('text-anchor', 'end')
        .attr('class', 'chart-label')
        .text((d) => d.text);
      row
        .append('rect')
        .attr('x', (d) => d.x)
        .attr('y', (d) => d.y)
        .attr('width', (d) => d.w)
        .attr('height', (d) => d.h)
        .attr('rx', 3)
        .attr('fill', (d) => d.colour)
        .append('title')
        .text((d) => `${d.label}: ${format(d.value)}${d.note ? ` (${d.note})` : ''}`);
      row
        .append('text')
        .attr('x', (d) => d.x + d.w + 6)
        .attr('y', (d) => d.y + d.h / 2)
        .attr('dy', '0.35em')
        .attr('class', 'chart-value')
        .text((d) => (d.note ? `${format(d.value)} · ${d.note}` : format(d.value)));
    },
    [JSON.stringify(layout)],
  );
  return <ChartFrame svgRef={ref} title={title} width={layout.width} height={layout.height} />;
}
