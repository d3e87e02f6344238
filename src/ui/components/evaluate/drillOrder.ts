// The order of the per-user table: by user id, held-out title or rank, either way (pure: no React).

export type DrillColumn = 'user' | 'item' | 'rank';
export interface DrillSort {
  column: DrillColumn;
  /** 1 ascending, -1 descending. */
  dir: 1 | -1;
}

export interface DrillRow {
  user: string;
  title: string;
  rank: number;
}

const text = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

/**
 * Row positions of `rows` in the chosen order; ties keep the rank order (best first), then the row order, so a
 * sort by title lists each title's best-ranked users first.
 */
export function drillOrder(rows: readonly DrillRow[], sort: DrillSort): number[] {
  const by = (a: DrillRow, b: DrillRow) =>
    sort.column === 'rank'
      ? a.rank - b.rank
      : text.compare(sort.column === 'user' ? a.user : a.title, sort.column === 'user' ? b.user : b.title);
  return Array.from(rows.keys()).sort((i, j) => sort.dir * by(rows[i], rows[j]) || rows[i].rank - rows[j].rank || i - j);
}

/** A click on a heading: a new column starts best-first for ranks and A→Z for text; the same column reverses. */
export const nextSort = (sort: DrillSort, column: DrillColumn): DrillSort =>
  sort.column === column ? { column, dir: sort.dir === 1 ? -1 : 1 } : { column, dir: 1 };
