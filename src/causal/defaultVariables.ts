// The one place that decides which per-unit variables a log offers and which of them causal discovery starts with,
// from what the log holds (ratings, funnel event types, times, a catalog): the CLI and the app's causal service use it.
import { ok, type Result } from '../lib/result';
import type { EventLog, ItemCatalog } from '../data/eventLog';
import { buildVariables, DEFAULT_VARIABLES, type UnitTable } from './variables';

/** demo: the simulated log with its planted variables; funnel: e-commerce event types; rating: a value per event. */
export type LogKind = 'demo' | 'funnel' | 'rating' | 'interaction';

/** Funnel event types in funnel order (names as the ingestion normalises them). */
const FUNNEL_TYPES = ['view', 'click', 'fav', 'cart', 'purchase'] as const;

/** How many of the catalog's most frequent genres/categories become share columns. */
export const DEFAULT_GENRES = 5;

export interface LogVariables extends UnitTable {
  kind: LogKind;
  /** The variables discovery uses when none are picked: no constant column among them. */
  defaults: string[];
  /** Candidates left out of the defaults because every unit has the same value. */
  constant: { name: string; value: number }[];
  /** The same, as plain English sentences for the CLI (the app words them through its i18n strings). */
  notices: string[];
}

export function logKind(log: EventLog): LogKind {
  if (log.eventTypes.includes('exposure')) return 'demo';
  if (FUNNEL_TYPES.some((t) => log.eventTypes.includes(t)) && log.eventTypes.length > 1) return 'funnel';
  let valued = 0;
  for (const v of log.value) if (Number.isFinite(v)) valued++;
  // A log whose events mostly carry a number is a rating log (MovieLens, Coat); a lone event type is plain interactions.
  return valued * 2 >= log.length && log.length > 0 ? 'rating' : 'interaction';
}

/** Candidate defaults for a kind, in order, before constant ones are dropped; names absent from the table are skipped. */
function candidates(kind: LogKind, log: EventLog, names: readonly string[], unit: 'user' | 'session'): string[] {
  const cats = names.filter((n) => n.startsWith('cat_'));
  const sessions = unit === 'session' ? 'priorSessions' : 'sessions';
  switch (kind) {
    case 'demo':
      return DEFAULT_VARIABLES.map((n) => (n === 'sessions' ? sessions : n));
    case 'funnel':
      return [sessions, ...FUNNEL_TYPES.filter((t) => log.eventTypes.includes(t)).map((t) => `n_${t}`), 'price_level', ...cats];
    case 'rating':
      return ['rating_mean', 'events', 'popularity', ...cats, 'recencyDays', 'spanDays'];
    case 'interaction':
      return ['events', 'popularity', ...cats, 'recencyDays', 'spanDays', sessions];
  }
}

/** Every variable of the log per unit, with the defaults for discovery and notices for constant columns left out. */
export function logVariables(log: EventLog, catalog: ItemCatalog | null, unit: 'user' | 'session'): Result<LogVariables> {
  const kind = logKind(log);
  const built = buildVariables(log, catalog, {
    unit,
    eventTypeCounts: true,
    recency: true,
    price: true,
    activity: true,
    rating: kind === 'rating',
    genres: DEFAULT_GENRES,
  });
  if (!built.ok) return built;
  const { table } = built.data;
  const defaults: string[] = [];
  const constant: { name: string; value: number }[] = [];
  for (const name of candidates(kind, log, table.names, unit)) {
    const j = table.names.indexOf(name);
    if (j < 0) continue;
    const c = table.columns[j];
    if (c.every((v) => v === c[0])) constant.push({ name, value: c[0] });
    else defaults.push(name);
  }
  const notices = constant.map((k) => `"${k.name}" is ${k.value} for every ${unit}, so it is left out of the default variables`);
  return ok({ ...built.data, kind, defaults, constant, notices });
}
