// Item popularity long tail: interactions per item against its popularity rank on log–log axes, the head marked.
import { longTailLayout } from './longTailLayout';
import { useD3 } from './useD3';
import { ChartFrame } from './ChartFrame';
import { drawXLabels, drawYGrid } from './yGrid';

export function LongTailChart({
  points,
  headItems,
  headLabel,
  xLabel,
  title,
  format,
  width = 560,
  height = 220,
}: {
  points: { rank: number; count: number }[];
  headItems: number;
  /** Drawn beside the head marker, e.g. "top 20%". */
  headLabel: string;
  xLabel: string;
  title: string;
  format: (v: number) => string;
  width?: number;
  height?: number;
}) {
  const layout = longTailLayout(points, headItems, width, height);
  const ref = useD3(
    (svg) => {
      const { margin } = layout;
      drawYGrid(
        svg,
        layout.yTicks.map((t) => ({ y: t.y, label: format(t.value) })),
        { left: margin.left, right: layout.width - margin.right },
      );
      drawXLabels(
        svg,
        layout.xTicks.map((d) => ({ x: d.x, label: format(d.value) })),
        layout.height - 20,
      );
      svg
        .append('text')
        .attr('class', 'chart-axis')
        .attr('x', layout.width - margin.right)
        .attr('y', layout.height - 2)
        .attr('text-anchor', 'end')
        .text(xLabel);
      if (layout.headX !== null) {
        svg
          .append('line')
          .attr('class', 'axis-line')
          .attr('stroke-dasharray', '4 3')
          .attr('x1', layout.headX)
          .attr('x2', layout.headX)
          .attr('y1', margin.top)
          .attr('y2', layout.height - margin.bottom);
        svg
          .append('text')
          .attr('class', 'chart-axis')
          .attr('x', layout.headX + 4)
          .attr('y', margin.top + 10)
          .text(headLabel);
      }
      svg.append('path').attr('d', layout.d).attr('fill', 'none').attr('stroke', '#0072B2').attr('stroke-width', 2);
    },
    [JSON.stringify(layout), headLabel, xLabel],
  );
  return <ChartFrame svgRef={ref} title={title} width={layout.width} height={layout.height} testId="chart-long-tail" />;
}
