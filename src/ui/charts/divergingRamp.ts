// The attribution colour ramp, per theme: ColorBrewer RdBu (reversed: red pushed the item up, blue pushed it down) on
// the light theme; on the dark one the same hues brighten with magnitude from a near-panel midpoint, so the many
// near-zero cells of a long history do not glare.
import { interpolateLab, interpolateRdBu, piecewise } from 'd3';
import type { ChartTheme } from './attentionLayout';

const DARK = piecewise(interpolateLab, ['#9ecae1', '#3b7bb0', '#2a2f38', '#b5523b', '#f4a582']);

/** t in [0, 1]: 0 the strongest push down, 0.5 none, 1 the strongest push up (values outside are clamped). */
export function divergingRamp(theme: ChartTheme = 'light'): (t: number) => string {
  if (theme === 'dark') return (t) => DARK(Math.max(0, Math.min(1, t)));
  return (t) => interpolateRdBu(1 - t);
}

/** A cell without a finite value: grey a little off the panel colour in each theme. */
export const missingColour = (theme: ChartTheme = 'light'): string => (theme === 'dark' ? '#4a505a' : '#ccc');
