// Reliability (calibration) chart at the width of its container: each predictor's bins of predicted probability
// against how often the prediction came true, with the diagonal of perfect calibration.
import { ChartFrame } from './ChartFrame';
import { reliabilityLayout, type ReliabilityPoint } from './reliabilityLayout';
import { useD3 } from './useD3';
import { useWidth } from './useWidth';
import { OKABE_ITO } from './palette';
import { drawXLabels, drawYGrid } from './yGrid';

const COLOURS = [OKABE_ITO[0], OKABE_ITO[5], OKABE_ITO[2]];

export function ReliabilityChart({
  series,
  title,
  xLabel,
  yLabel,
  format,
  height = 260,
  testId,
}: {
  series: readonly { name: string; bins: readonly ReliabilityPoint[] }[];
  title: string;
  xLabel: string;
  yLabel: string;
  format: (v: number, digits: number) => string;
  height?: number;
  testId?: string;
}) {
  const [box, width] = useWidth<HTMLDivElement>(420);
  const l = reliabilityLayout({ series, width: Math.min(width, 480), height });
  const ref = useD3(
    (svg) => {
      const { plot } = l;
      drawYGrid(
        svg,
        l.yTicks.map((t) => ({ y: t.y, label: format(t.v, 2) })),
        { left: plot.left, right: plot.right },
      );
      drawXLabels(
        svg,
        l.xTicks.map((t) => ({ x: t.x, label: format(t.v, 2) })),
        plot.bottom + 14,
      );
      svg
        .append('text')
        .attr('class', 'chart-axis')
        .attr('x', (plot.left + plot.right) / 2)
        .attr('y', l.height - 6)
        .attr('text-anchor', 'middle')
        .text(xLabel);
      svg
        .append('text')
        .attr('class', 'chart-axis')
        .attr('transform', `translate(12,${(plot.top + plot.bottom) / 2}) rotate(-90)`)
        .attr('text-anchor', 'middle')
        .text(yLabel);
      const d = l.diagonal;
      svg
        .append('line')
        .attr('x1', d.x1)
        .attr('y1', d.y1)
        .attr('x2', d.x2)
        .attr('y2', d.y2)
        .attr('stroke', 'currentColor')
        .attr('stroke-opacity', 0.4)
        .attr('stroke-dasharray', '4 3');
      l.series.forEach((s, i) => {
        const colour = COLOURS[i % COLOURS.length];
        svg.append('path').attr('d', s.d).attr('fill', 'none').attr('stroke', colour).attr('stroke-width', 1.5);
        svg
          .append('g')
          .selectAll('circle')
          .data(s.dots)
          .join('circle')
          .attr('cx', (p) => p.cx)
          .attr('cy', (p) => p.cy)
          .attr('r', (p) => p.r)
          .attr('fill', colour)
          .attr('fill-opacity', 0.7)
          .append('title')
          .text((p) => `${s.name}: ${xLabel} ${format(p.predicted, 3)}, ${yLabel} ${format(p.observed, 3)} (n = ${format(p.count, 0)})`);
        svg
          .append('text')
          .attr('class', 'chart-axis')
          .attr('x', l.plot.left + 6)
          .attr('y', l.plot.top + 10 + 14 * i)
          .style('fill', colour)
          .text(`● ${s.name}`);
      });
    },
    [JSON.stringify(l), xLabel, yLabel],
  );
  return (
    <div ref={box}>
      <ChartFrame svgRef={ref} title={title} width={l.width} height={l.height} testId={testId} />
    </div>
  );
}
