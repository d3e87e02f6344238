// Pure layout of a training curve with two y axes: training loss on the left, validation NDCG@10 on the right, over
// a shared x (steps or epochs). Each metric keeps its own scale and its own labelled axis, so neither reads as the other.
import { extent, line, precisionFixed, scaleLinear } from 'd3';

export interface CurvePoint {
  x: number;
  y: number;
}

export interface CurveInput {
  loss: readonly CurvePoint[];
  val: readonly CurvePoint[];
  width: number;
  height: number;
}

const MARGIN = { top: 22, right: 56, bottom: 34, left: 56 };

function yScale(points: readonly CurvePoint[], height: number) {
  const [lo, hi] = extent(points, (p) => p.y) as [number | undefined, number | undefined];
  // A flat series (one point) gets a sliver of range so it draws as a line in the middle, not on an edge.
  const domain: [number, number] =
    lo === undefined || hi === undefined
      ? [0, 1]
      : lo === hi
        ? [lo - Math.abs(lo) * 0.05 - 1e-9, hi + Math.abs(hi) * 0.05 + 1e-9]
        : [lo, hi];
  return scaleLinear()
    .domain(domain)
    .nice(4)
    .range([height - MARGIN.bottom, MARGIN.top]);
}

/** Ticks of a scale with the decimals their step needs: a 0.0005 step prints 0.0150, 0.0155, never 0.015 twice. */
function axisTicks(y: ReturnType<typeof yScale>) {
  const values = y.ticks(4);
  const step = values.length > 1 ? values[1] - values[0] : Math.abs(values[0] ?? 1) || 1;
  return { ticks: values.map((v) => ({ v, y: y(v) })), digits: precisionFixed(step) };
}

export function curveLayout({ loss, val, width, height }: CurveInput) {
  const all = [...loss, ...val];
  const [x0, x1] = extent(all, (p) => p.x) as [number | undefined, number | undefined];
  const x = scaleLinear()
    // One epoch sits in the middle (half an epoch either side), not on the left edge.
    .domain(x0 === undefined || x1 === undefined ? [0, 1] : x0 === x1 ? [x0 - 0.5, x0 + 0.5] : [x0, x1])
    .range([MARGIN.left, width - MARGIN.right]);
  const yLoss = yScale(loss, height);
  const yVal = yScale(val, height);
  const path = (points: readonly CurvePoint[], y: (v: number) => number) =>
    line<CurvePoint>()
      .x((p) => x(p.x))
      .y((p) => y(p.y))(points as CurvePoint[]) ?? '';
  const dots = (points: readonly CurvePoint[], y: (v: number) => number) =>
    points.map((p) => ({ cx: x(p.x), cy: y(p.y), value: p.y, at: p.x }));
  // Integer x (steps, epochs): ticks at whole numbers only.
  const xTicks = x
    .ticks(Math.max(2, Math.floor((width - MARGIN.left - MARGIN.right) / 80)))
    .filter(Number.isInteger)
    .map((v) => ({ v, x: x(v) }));
  return {
    width,
    height,
    margin: MARGIN,
    plot: { left: MARGIN.left, right: width - MARGIN.right, top: MARGIN.top, bottom: height - MARGIN.bottom },
    loss: {
      d: path(loss, yLoss),
      ...axisTicks(yLoss),
      dots: loss.length <= 60 ? dots(loss, yLoss) : [],
    },
    val: { d: path(val, yVal), ...axisTicks(yVal), dots: dots(val, yVal) },
    xTicks,
  };
}
