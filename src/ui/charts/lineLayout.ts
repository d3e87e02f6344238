// Pure layout of a small multi-series line chart (training loss, validation metric) with its own y scale per series.
import { extent, line, scaleLinear } from 'd3';

export interface Series {
  name: string;
  colour: string;
  points: { x: number; y: number }[];
}

export function lineLayout(series: readonly Series[], width: number, height: number) {
  const margin = { top: 10, right: 12, bottom: 24, left: 48 };
  const all = series.flatMap((s) => s.points);
  const [x0, x1] = extent(all, (p) => p.x) as [number | undefined, number | undefined];
  const x = scaleLinear()
    .domain([x0 ?? 0, x1 === x0 ? (x1 ?? 0) + 1 : (x1 ?? 1)])
    .range([margin.left, width - margin.right]);
  const paths = series.map((s) => {
    const [lo, hi] = extent(s.points, (p) => p.y) as [number | undefined, number | undefined];
    // Each series gets its own vertical range: loss and NDCG live on very different scales.
    const y = scaleLinear()
      .domain([lo ?? 0, hi === lo ? (hi ?? 0) + 1e-9 : (hi ?? 1)])
      .nice()
      .range([height - margin.bottom, margin.top]);
    const d =
      line<{ x: number; y: number }>()
        .x((p) => x(p.x))
        .y((p) => y(p.y))(s.points) ?? '';
    const last = s.points.at(-1);
    return {
      name: s.name,
      colour: s.colour,
      d,
      last: last ? { x: x(last.x), y: y(last.y), value: last.y } : null,
      yTicks: y.ticks(3).map((v) => ({ v, y: y(v) })),
    };
  });
  return { width, height, margin, paths, xTicks: x.ticks(5).map((v) => ({ v, x: x(v) })) };
}
