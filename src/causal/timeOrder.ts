// The time order of behavior variables, derived from what they count: activity first, then the funnel
// (exposure → view → click → cart → purchase). Discovery applies it by default when the log has times, and any edge
// that points from a later tier back to an earlier one is flagged, so a graph cannot say "purchase causes sessions"
// without the analyst seeing it.

/** Funnel stage of a variable by its name (variables.ts names them); undefined for a variable with no known stage. */
const STAGES: readonly (readonly string[])[] = [
  // Activity: how much the user is around, which precedes what happens in any one visit.
  ['sessions', 'priorSessions', 'n_session'],
  ['exposed', 'n_exposure'],
  ['views', 'n_view'],
  ['clicks', 'n_click'],
  // A favourite (Taobao's `fav`) is an intent like a cart: after the view, before the purchase, unordered with carts.
  ['carts', 'n_cart', 'n_fav'],
  ['purchased', 'n_purchase'],
];

export const stageOf = (name: string): number | undefined => {
  const k = STAGES.findIndex((s) => s.includes(name));
  return k < 0 ? undefined : k;
};

/**
 * Tiers (earliest first) of the variables that have a funnel stage, in funnel order; variables without one are left
 * out, which leaves them unconstrained. Null when the log has no times (row order is not a clock) or when fewer than
 * two tiers result (no order to impose).
 */
export function deriveTimeOrder(names: readonly string[], hasTime: boolean): string[][] | null {
  if (!hasTime) return null;
  const tiers: string[][] = STAGES.map(() => []);
  for (const n of names) {
    const k = stageOf(n);
    if (k !== undefined) tiers[k].push(n);
  }
  const used = tiers.filter((t) => t.length);
  return used.length >= 2 ? used : null;
}

/** An edge from a later tier to an earlier one: its head happened before its tail. */
export interface TimeOrderViolation {
  from: string;
  to: string;
  fromTier: number;
  toTier: number;
}

/** The edges that point back in time under `tiers` (edges touching an untiered variable are never flagged). */
export function timeOrderViolations(
  edges: readonly { from: string; to: string }[],
  tiers: readonly (readonly string[])[] | null | undefined,
): TimeOrderViolation[] {
  if (!tiers?.length) return [];
  const tierOf = new Map<string, number>();
  tiers.forEach((t, k) => t.forEach((n) => tierOf.set(n, k)));
  const out: TimeOrderViolation[] = [];
  for (const e of edges) {
    const a = tierOf.get(e.from),
      b = tierOf.get(e.to);
    if (a !== undefined && b !== undefined && a > b) out.push({ from: e.from, to: e.to, fromTier: a, toTier: b });
  }
  return out;
}

/** Tiers as the form's text: one tier per line, names separated by ", " (knowledgeText.ts reads it back). */
export const tiersToText = (tiers: readonly (readonly string[])[] | null): string => (tiers ?? []).map((t) => t.join(', ')).join('\n');
