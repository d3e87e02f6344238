// Pure layout of a reliability (calibration) chart: predicted probability (x) against how often the prediction came
// true (y), both on [0, 1], one dot per non-empty bin (area ∝ its examples) joined per series, and the diagonal a
// perfectly calibrated predictor would sit on.
import { scaleLinear, scaleSqrt } from 'd3';

export interface ReliabilityPoint {
  predicted: number;
  observed: number;
  count: number;
}

export interface ReliabilityInput {
  series: readonly { name: string; bins: readonly ReliabilityPoint[] }[];
  width: number;
  height: number;
}

const MARGIN = { top: 16, right: 16, bottom: 40, left: 48 };
const TICKS = [0, 0.25, 0.5, 0.75, 1];

export function reliabilityLayout({ series, width, height }: ReliabilityInput) {
  const plot = { left: MARGIN.left, right: width - MARGIN.right, top: MARGIN.top, bottom: height - MARGIN.bottom };
  const x = scaleLinear().domain([0, 1]).range([plot.left, plot.right]);
  const y = scaleLinear().domain([0, 1]).range([plot.bottom, plot.top]);
  const most = Math.max(1, ...series.flatMap((s) => s.bins.map((b) => b.count)));
  const r = scaleSqrt().domain([0, most]).range([0, 9]);
  return {
    width,
    height,
    plot,
    diagonal: { x1: x(0), y1: y(0), x2: x(1), y2: y(1) },
    xTicks: TICKS.map((v) => ({ v, x: x(v) })),
    yTicks: TICKS.map((v) => ({ v, y: y(v) })),
    series: series.map((s) => {
      const dots = s.bins.map((b) => ({ cx: x(b.predicted), cy: y(b.observed), r: Math.max(2, r(b.count)), ...b }));
      return { name: s.name, dots, d: dots.map((p, i) => `${i ? 'L' : 'M'}${p.cx},${p.cy}`).join('') };
    }),
  };
}
