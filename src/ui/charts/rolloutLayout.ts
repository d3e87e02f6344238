// Pure layout of the rollout strip: one bar per shown position (time order, aligned with the head view's columns when
// given the same cell and left edge), height from the rollout share in one solid colour (a ramp would sink small
// shares into the panel in the dark theme), and a grey bar for everything before the window so the shares on screen
// add up to what flows to the read position.
import { scaleLinear } from 'd3';
import { attentionRamp, clipLabel, EARLIER_WIDTH, positionBand, type ChartTheme } from './attentionLayout';

export interface RolloutInput {
  labels: string[];
  /** Rollout share of each shown position (≥ 0). */
  values: number[];
  /** Share of the positions before the window, summed; drawn only when `hidden` > 0. */
  earlier: number;
  hidden: number;
  /** Index of the read position among the shown ones (-1 when not shown). */
  read: number;
}

export interface RolloutOptions {
  cell: number;
  theme: ChartTheme;
  /** Left edge of the first position's bar (the head view's row labels plus its earlier column). */
  left: number;
  barHeight?: number;
  labelHeight?: number;
  clip?: number;
  /** How many of the largest shares get their value printed on the bar. */
  labelled?: number;
}

export function rolloutLayout(input: RolloutInput, options: RolloutOptions) {
  const { cell, theme, left, barHeight = 90, labelHeight = 150, clip = 28, labelled = 3 } = options;
  const top = 18;
  const base = top + barHeight;
  const showEarlier = input.hidden > 0;
  const max = Math.max(1e-12, ...input.values.filter(Number.isFinite), showEarlier ? input.earlier : 0);
  const h = scaleLinear().domain([0, max]).range([0, barHeight]);
  const fill = attentionRamp(theme)(0.75);
  const ranked = input.values
    .map((v, i) => [v, i] as const)
    .sort((a, b) => b[0] - a[0])
    .slice(0, labelled)
    .map(([, i]) => i);
  const band = positionBand(input.values.length, left, cell);
  const w = band.bandwidth();
  const bars = input.values.map((v, i) => {
    const x = band(i)!;
    const height = h(Number.isFinite(v) ? v : 0);
    return {
      i,
      v,
      x,
      y: base - height,
      w,
      h: height,
      fill,
      read: i === input.read,
      valueLabel: ranked.includes(i),
    };
  });
  // The earlier bar stands left of the first position, where the head view has its "earlier" column.
  const earlier = showEarlier
    ? {
        v: input.earlier,
        hidden: input.hidden,
        x: left - EARLIER_WIDTH + 8,
        w: EARLIER_WIDTH - 16,
        y: base - h(input.earlier),
        h: h(input.earlier),
      }
    : null;
  return {
    width: left + input.values.length * cell + 10,
    height: base + labelHeight,
    max,
    baseline: { x1: earlier ? earlier.x : left, x2: left + input.values.length * cell, y: base },
    bars,
    earlier,
    labels: input.labels.map((full, i) => ({
      full,
      text: clipLabel(full, clip),
      x: band(i)! + w / 2,
      y: base + 6,
      read: i === input.read,
    })),
  };
}
