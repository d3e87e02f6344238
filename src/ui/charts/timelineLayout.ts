// Pure layout of the overview strip under the heatmap: the whole history as one thin bar per event, oldest left,
// coloured by attribution on the heatmap's diverging scale, with the brushed pixel range mapped back to events.
import { scaleDiverging } from 'd3';
import type { ChartTheme } from './attentionLayout';
import { divergingRamp, missingColour } from './divergingRamp';

export function timelineLayout(values: readonly number[], width: number, height = 28, margin = 8, theme: ChartTheme = 'light') {
  const n = values.length;
  const inner = Math.max(1, width - 2 * margin);
  const step = n > 0 ? inner / n : inner;
  const max = Math.max(1e-12, ...values.map((v) => Math.abs(v)).filter(Number.isFinite));
  const colour = scaleDiverging(divergingRamp(theme)).domain([-max, 0, max]);
  return {
    width,
    height,
    x0: margin,
    x1: margin + inner,
    step,
    // Bars at least 1 px wide, so a long history still draws every event (neighbours then overlap).
    ticks: values.map((v, k) => ({
      k,
      x: margin + k * step,
      w: Math.max(1, step),
      y: 2,
      h: height - 4,
      fill: Number.isFinite(v) ? colour(v) : missingColour(theme),
    })),
  };
}

/** History positions [from, to) covered by a brushed pixel range; the whole history when nothing is brushed. */
export function brushedRange(selection: readonly [number, number] | null, n: number, x0: number, step: number): [number, number] {
  if (!selection || n === 0) return [0, n];
  const from = Math.max(0, Math.min(n - 1, Math.floor((selection[0] - x0) / step)));
  const to = Math.max(from + 1, Math.min(n, Math.ceil((selection[1] - x0) / step)));
  return [from, to];
}
