// Dropping ids that no accepted row uses from a parsed part (ids interned by a row that was then rejected).
import type { BuilderPart } from '../eventLogBuilder';

/**
 * The part with only the users, items and sessions its rows refer to, numbered in order of first use, as they are
 * when no row is rejected after interning an id (and as parts parsed apart and merged number them).
 */
export function withoutUnusedIds(p: BuilderPart): BuilderPart {
  const [users, user] = compact(p.users, p.user, p.n);
  const [items, item] = compact(p.items, p.item, p.n);
  const [sessions, session] = compact(p.sessions, p.session, p.n);
  return { ...p, users, user, items, item, sessions, session };
}

function compact<C extends Uint32Array | Int32Array>(values: string[], column: C, n: number): [string[], C] {
  const renumbered = new Int32Array(values.length).fill(-1);
  const kept: string[] = [];
  const out = column.slice(0, n) as C;
  for (let i = 0; i < n; i++) {
    const id = out[i];
    if (id < 0) continue; // no session
    if (renumbered[id] < 0) renumbered[id] = kept.push(values[id]) - 1;
    out[i] = renumbered[id];
  }
  return [kept, out];
}
