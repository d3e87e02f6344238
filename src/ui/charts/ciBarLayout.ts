// Pure layout of a bar chart with 95% confidence-interval whiskers (one bar per model).
import { precisionFixed, scaleBand, scaleLinear, tickStep } from 'd3';

export interface CiDatum {
  label: string;
  value: number;
  lo: number;
  hi: number;
}

export function ciBarLayout(data: readonly CiDatum[], width: number, height: number) {
  const margin = { top: 10, right: 10, bottom: 40, left: 52 };
  const x = scaleBand<string>()
    .domain(data.map((d) => d.label))
    .range([margin.left, width - margin.right])
    .padding(0.3);
  const max = Math.max(1e-9, ...data.map((d) => (Number.isFinite(d.hi) ? d.hi : d.value)));
  // Values can be negative (e.g. a deletion AUC whose curve undershoots): the axis then reaches below zero and those
  // bars hang down from it.
  const min = Math.min(0, ...data.map((d) => (Number.isFinite(d.lo) ? d.lo : d.value)));
  const y = scaleLinear()
    .domain([min, max])
    .nice()
    .range([height - margin.bottom, margin.top]);
  return {
    width,
    height,
    margin,
    bars: data.map((d) => ({
      ...d,
      x: x(d.label)!,
      w: x.bandwidth(),
      y: y(Math.max(0, d.value)),
      h: Math.abs(y(0) - y(d.value)),
      yLo: y(d.lo),
      yHi: y(d.hi),
    })),
    yTicks: y.ticks(5).map((v) => ({ value: v, y: y(v) })),
    /** Decimals that tell the ticks apart (0.0002 steps need 4: three printed them as "0, 0, 0.001, 0.001"). */
    tickDigits: Math.min(6, precisionFixed(tickStep(y.domain()[0], y.domain()[1], 5))),
    baseline: y(0),
    /** Where bar labels go: under the plot, below any negative bar. */
    labelY: height - margin.bottom + 16,
  };
}
