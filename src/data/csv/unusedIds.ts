// Dropping ids that no accepted row uses from a parsed part (ids interned by a row that was then rejected).
import type { BuilderPart } from '../eventLogBuilder';

/** The part with only the users, items and sessions its rows refer to; ids keep their order. */
export function withoutUnusedIds(p: BuilderPart): BuilderPart {
  const [users, user] = compact(p.users, p.user, p.n);
  const [items, item] = compact(p.items, p.item, p.n);
  const [sessions, session] = compact(p.sessions, p.session, p.n);
  return { ...p, users, user, items, item, sessions, session };
}

function compact<C extends Uint32Array | Int32Array>(values: string[], column: C, n: number): [string[], C] {
  const used = new Uint8Array(values.length);
  for (let i = 0; i < n; i++) if (column[i] >= 0) used[column[i]] = 1;
  if (used.every((u) => u === 1)) return [values, column];
  const renumbered = new Int32Array(values.length).fill(-1);
  const kept: string[] = [];
  for (let id = 0; id < values.length; id++) if (used[id]) renumbered[id] = kept.push(values[id]) - 1;
  const out = column.slice(0, n) as C;
  for (let i = 0; i < n; i++) if (out[i] >= 0) out[i] = renumbered[out[i]];
  return [kept, out];
}
