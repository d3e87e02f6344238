// Pure layout of a labelled horizontal bar chart (events per type, funnels): positions only, no DOM.
import { scaleLinear } from 'd3';
import { charsIn, clipName, labelColumnWidth } from './labelFit';

export interface BarDatum {
  label: string;
  value: number;
  colour: string;
  /** Optional note drawn after the value, e.g. "38% of previous step". */
  note?: string;
}

export interface BarLayout {
  width: number;
  height: number;
  labelWidth: number;
  /** Each bar with its place and the label as drawn (`text`: clipped to the label column; `label` stays whole). */
  bars: (BarDatum & { x: number; y: number; w: number; h: number; text: string })[];
}

/** Bars under one another; the label column is as wide as the labels need (see labelFit) unless `labelWidth` is given. */
export function barLayout(data: readonly BarDatum[], width: number, rowHeight = 28, labelWidth?: number, valueSpace = 150): BarLayout {
  labelWidth ??= labelColumnWidth(
    data.map((d) => d.label),
    width,
  );
  const chars = charsIn(labelWidth);
  const max = Math.max(1, ...data.map((d) => d.value));
  const x = scaleLinear()
    .domain([0, max])
    .range([0, Math.max(10, width - labelWidth - valueSpace)]);
  const bars = data.map((d, i) => ({
    ...d,
    x: labelWidth,
    y: i * rowHeight + 4,
    w: Math.max(1, x(d.value)),
    h: rowHeight - 8,
    text: clipName(d.label, chars),
  }));
  return { width, height: data.length * rowHeight + 8, labelWidth, bars };
}
