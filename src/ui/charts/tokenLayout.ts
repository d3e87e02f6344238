// Pure layout of a token heatmap: each word of a text coloured by its attribution on the attribution heatmap's
// diverging scale (red up, blue down, centred at zero, symmetric), one line per class; text colour keeps contrast.
import { interpolateRdBu, scaleDiverging } from 'd3';

export interface TokenHeatmapInput {
  words: string[];
  /** One row per class: label and one value per word. */
  rows: { label: string; values: number[] }[];
}

export interface TokenCell {
  word: string;
  value: number;
  fill: string;
  /** Dark text on light fills, light text on strong ones. */
  ink: string;
}

export function tokenHeatmapLayout(input: TokenHeatmapInput): { max: number; rows: { label: string; cells: TokenCell[] }[] } {
  // One scale for every row, so a class's words can be compared with another's at a glance.
  const max = Math.max(1e-12, ...input.rows.flatMap((r) => r.values.map(Math.abs)).filter(Number.isFinite));
  const colour = scaleDiverging((t: number) => interpolateRdBu(1 - t)).domain([-max, 0, max]);
  return {
    max,
    rows: input.rows.map((r) => ({
      label: r.label,
      cells: input.words.map((word, k) => {
        const v = r.values[k];
        const ok = Number.isFinite(v);
        return { word, value: v, fill: ok ? colour(v) : '#ccc', ink: ok && Math.abs(v) > 0.6 * max ? '#fff' : '#111' };
      }),
    })),
  };
}
