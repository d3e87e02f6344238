// The guidance table's rows as the analyst filters and sorts them: pure, so the order and the filter are tested apart
// from React. Missing figures (no buy predictor, no uplift model) always sort last, whichever the direction.
import type { GuidanceRow } from '../../../rec/guidance/guidance';

export type GuidanceColumn = 'user' | 'probability' | 'items' | 'uplift' | 'reason';
export const GUIDANCE_COLUMNS: readonly GuidanceColumn[] = ['user', 'probability', 'items', 'uplift', 'reason'];

export interface GuidanceFilter {
  /** Rows under this buy probability (or without one, when above 0) are hidden. */
  minProbability: number;
  /** Case-insensitive part of the user id. */
  user: string;
}

/** The largest estimated uplift among the row's items; null when none has one. */
export function bestUplift(row: GuidanceRow): number | null {
  let best: number | null = null;
  for (const i of row.items) if (i.uplift !== null && (best === null || i.uplift > best)) best = i.uplift;
  return best;
}

function key(row: GuidanceRow, column: Exclude<GuidanceColumn, 'user'>): number | null {
  switch (column) {
    case 'probability':
      return row.buyProbability;
    case 'items':
      return row.items[0]?.score ?? null;
    case 'uplift':
      return bestUplift(row);
    case 'reason':
      return row.reason?.contribution ?? null;
  }
}

export function filterGuidance(rows: readonly GuidanceRow[], filter: GuidanceFilter, userId: (u: number) => string): GuidanceRow[] {
  const part = filter.user.trim().toLowerCase();
  return rows.filter(
    (r) =>
      (filter.minProbability <= 0 || (r.buyProbability !== null && r.buyProbability >= filter.minProbability)) &&
      (!part || userId(r.user).toLowerCase().includes(part)),
  );
}

/** A sorted copy; ties keep the log's user order. */
export function sortGuidance(
  rows: readonly GuidanceRow[],
  column: GuidanceColumn,
  descending: boolean,
  userId: (u: number) => string,
): GuidanceRow[] {
  const dir = descending ? -1 : 1;
  return [...rows].sort((a, b) => {
    if (column === 'user') return dir * userId(a.user).localeCompare(userId(b.user), undefined, { numeric: true }) || a.user - b.user;
    const x = key(a, column);
    const y = key(b, column);
    if (x === null || y === null) return (x === null ? 1 : 0) - (y === null ? 1 : 0) || a.user - b.user;
    return dir * (x - y) || a.user - b.user;
  });
}
