// Training curves: one line per series with its latest value labelled; the first series' y axis is drawn.
import { lineLayout, type Series } from './lineLayout';
import { useD3 } from './useD3';
import { ChartFrame } from './ChartFrame';
import { drawXLabels, drawYGrid } from './yGrid';

export function LineChart({
  series,
  title,
  xLabel,
  format,
  width = 560,
  height = 180,
}: {
  series: Series[];
  title: string;
  xLabel: string;
  format: (v: number) => string;
  width?: number;
  height?: number;
}) {
  const l = lineLayout(series, width, height);
  const ref = useD3(
    (svg) => {
      const first = l.paths[0];
      if (first) {
        drawYGrid(
          svg,
          first.yTicks.map((d) => ({ y: d.y, label: format(d.v) })),
          { left: l.margin.left, right: l.width - l.margin.right },
        );
      }
      drawXLabels(
        svg,
        l.xTicks.map((d) => ({ x: d.x, label: String(d.v) })),
        l.height - 6,
      );
      svg
        .append('text')
        .attr('class', 'chart-axis')
        .attr('x', l.width - l.margin.right)
        .attr('y', l.height - 6)
        .attr('text-anchor', 'end')
        .text(xLabel);
      svg
        .append('g')
        .selectAll('path')
        .data(l.paths)
        .join('path')
        .attr('d', (d) => d.d)
        .attr('fill', 'none')
        .attr('stroke', (d) => d.colour)
        .attr('stroke-width', 2);
      svg
        .append('g')
        .selectAll('text')
        .data(l.paths.filter((p) => p.last))
        .join('text')
        .attr('class', 'chart-value')
        .attr('x', (d) => d.last!.x - 4)
        .attr('y', (d) => d.last!.y - 6)
        .attr('text-anchor', 'end')
        .attr('fill', (d) => d.colour)
        .text((d) => `${d.name} ${format(d.last!.value)}`);
    },
    [JSON.stringify(l)],
  );
  return <ChartFrame svgRef={ref} title={title} width={l.width} height={l.height} />;
}
