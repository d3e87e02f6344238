// Axis labels the charts share: horizontal grid lines with their values at the left margin, and x-axis value labels.
import type { Selection } from 'd3';

export function drawYGrid(
  svg: Selection<SVGSVGElement, unknown, null, undefined>,
  ticks: { y: number; label: string }[],
  box: { left: number; right: number },
): void {
  drawGridLines(svg, ticks, box);
  svg
    .append('g')
    .selectAll('text')
    .data(ticks)
    .join('text')
    .attr('class', 'chart-axis')
    .attr('x', box.left - 6)
    .attr('y', (d) => d.y)
    .attr('dy', '0.35em')
    .attr('text-anchor', 'end')
    .text((d) => d.label);
}

/** Value labels centred under the x positions at height `y`: the x axis of the column, line and curve charts. */
export function drawXLabels(
  svg: Selection<SVGSVGElement, unknown, null, undefined>,
  ticks: { x: number; label: string }[],
  y: number,
): void {
  svg
    .append('g')
    .selectAll('text')
    .data(ticks)
    .join('text')
    .attr('class', 'chart-axis')
    .attr('x', (d) => d.x)
    .attr('y', y)
    .attr('text-anchor', 'middle')
    .text((d) => d.label);
}

/** Horizontal grid lines alone, for charts that label their y axes themselves (two axes). */
export function drawGridLines(
  svg: Selection<SVGSVGElement, unknown, null, undefined>,
  ticks: { y: number }[],
  box: { left: number; right: number },
): void {
  svg
    .append('g')
    .selectAll('line')
    .data(ticks)
    .join('line')
    .attr('class', 'grid')
    .attr('x1', box.left)
    .attr('x2', box.right)
    .attr('y1', (d) => d.y)
    .attr('y2', (d) => d.y);
}
