// Fitting text labels beside a chart: a column as wide as its longest label needs (within a share of the chart), and
// labels clipped to it so that none runs off the chart's left edge. The full label goes to the hover title.

/** Mean advance of a character of the 12px chart-label font, a little generous so that clipped text fits. */
const CHAR_PX = 6.8;
/** Space between a label and its bar. */
const GAP_PX = 12;

/** About how wide a label of this many characters is drawn. */
export const textWidth = (label: string): number => Math.ceil(label.length * CHAR_PX);

/** Width of a label column for these labels: what the longest needs, at least `min`, at most `maxShare` of the chart. */
export function labelColumnWidth(labels: readonly string[], chartWidth: number, min = 90, maxShare = 0.4): number {
  const longest = labels.reduce((m, l) => Math.max(m, textWidth(l)), 0);
  return Math.max(min, Math.min(longest + GAP_PX, Math.floor(chartWidth * maxShare)));
}

/** Characters a label column of this width holds. */
export const charsIn = (columnWidth: number): number => Math.max(4, Math.floor((columnWidth - GAP_PX) / CHAR_PX));

/**
 * `name` in at most `n` characters. An item named apart by its id ("smartphone · apple #1004856", see
 * data/itemNames) keeps the id and loses the middle ("smartphone · a… #1004856"): clipping the end would make two such
 * items look alike again.
 */
export function clipName(name: string, n: number): string {
  if (name.length <= n) return name;
  const id = / #[^\s#]+$/.exec(name)?.[0];
  if (id && id.length + 4 <= n) return `${name.slice(0, n - 1 - id.length)}…${id}`;
  return `${name.slice(0, Math.max(1, n - 1))}…`;
}
