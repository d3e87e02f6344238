// A training curve with two labelled y axes (loss left, held-out NDCG@10 right) at the width of its container.
import { ChartFrame } from './ChartFrame';
import { curveLayout, type CurvePoint } from './curveLayout';
import { useD3 } from './useD3';
import { useWidth } from './useWidth';
import { drawGridLines, drawXLabels } from './yGrid';

const LOSS = '#0072B2';
const VAL = '#D55E00';

export function CurveChart({
  loss,
  val,
  title,
  xLabel,
  lossLabel,
  valLabel,
  format,
  height = 240,
  testId,
}: {
  loss: readonly CurvePoint[];
  val: readonly CurvePoint[];
  title: string;
  xLabel: string;
  lossLabel: string;
  valLabel: string;
  format: (v: number, digits: number) => string;
  height?: number;
  testId?: string;
}) {
  const [box, width] = useWidth<HTMLDivElement>(640);
  const l = curveLayout({ loss, val, width, height });
  const ref = useD3(
    (svg) => {
      const { plot } = l;
      drawGridLines(svg, l.loss.ticks, { left: plot.left, right: plot.right });
      const axis = (ticks: { v: number; y: number }[], x: number, anchor: string, colour: string, digits: number) =>
        svg
          .append('g')
          .selectAll('text')
          .data(ticks)
          .join('text')
          .attr('class', 'chart-axis')
          .attr('x', x)
          .attr('y', (d) => d.y)
          .attr('dy', '0.35em')
          .attr('text-anchor', anchor)
          .attr('fill', colour)
          .text((d) => format(d.v, digits));
      axis(l.loss.ticks, plot.left - 6, 'end', LOSS, l.loss.digits);
      axis(l.val.ticks, plot.right + 6, 'start', VAL, l.val.digits);
      const label = (text: string, x: number, anchor: string, colour: string) =>
        svg
          .append('text')
          .attr('class', 'chart-axis')
          .attr('x', x)
          .attr('y', 12)
          .attr('text-anchor', anchor)
          .attr('fill', colour)
          .text(text);
      label(`— ${lossLabel}`, plot.left - 6, 'start', LOSS);
      label(`${valLabel} ●`, plot.right + 6, 'end', VAL);
      drawXLabels(
        svg,
        l.xTicks.map((d) => ({ x: d.x, label: format(d.v, 0) })),
        plot.bottom + 14,
      );
      svg
        .append('text')
        .attr('class', 'chart-axis')
        .attr('x', (plot.left + plot.right) / 2)
        .attr('y', l.height - 4)
        .attr('text-anchor', 'middle')
        .text(xLabel);
      const draw = (d: string, colour: string) =>
        svg.append('path').attr('d', d).attr('fill', 'none').attr('stroke', colour).attr('stroke-width', 2);
      draw(l.loss.d, LOSS);
      draw(l.val.d, VAL);
      // Loss dots too (few epochs): a one-epoch curve is a single point and would otherwise not show at all.
      svg
        .append('g')
        .selectAll('circle')
        .data(l.loss.dots)
        .join('circle')
        .attr('cx', (d) => d.cx)
        .attr('cy', (d) => d.cy)
        .attr('r', 2.5)
        .attr('fill', LOSS)
        .append('title')
        .text((d) => `${xLabel} ${format(d.at, 0)}: ${lossLabel} ${format(d.value, 4)}`);
      svg
        .append('g')
        .selectAll('circle.val')
        .data(l.val.dots)
        .join('circle')
        .attr('class', 'val')
        .attr('cx', (d) => d.cx)
        .attr('cy', (d) => d.cy)
        .attr('r', 3)
        .attr('fill', VAL)
        .append('title')
        .text((d) => `${xLabel} ${format(d.at, 0)}: ${valLabel} ${format(d.value, 4)}`);
    },
    [JSON.stringify(l), lossLabel, valLabel, xLabel],
  );
  return (
    <div ref={box}>
      <ChartFrame svgRef={ref} title={title} width={l.width} height={l.height} testId={testId} />
    </div>
  );
}
