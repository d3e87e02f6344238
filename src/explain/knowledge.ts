// Knowledge-based explanations: paths user → history item → shared attribute → recommended item, each weighted by an
// attribution method's values for its history events, and a check that the top path's events matter to the model.
import { attributesOf, type KnowledgeGraph, type Relation } from '../data/knowledgeGraph';
import { progressTracker, throwIfAborted, type Progress } from '../lib/progress';
import { checkSettings, type Range } from '../lib/ranges';
import { fail, ok, type Result } from '../lib/result';
import { createRng } from '../lib/rng';
import { explain } from './registry';
import { fullMask, scoreSubsets } from './scorer';
import type { ExplainableModel, ExplainTarget, MethodOptions } from './types';

export interface KnowledgePath {
  /** Index into the graph's attributes. */
  attribute: number;
  relation: Relation;
  value: string;
  /**
   * Positions in the history of the events that support the item (positive attribution) and whose item carries an
   * attribute the recommended item carries too: the path's history edges.
   */
  historyEvents: number[];
  /** Distinct history items among those events (an item seen twice counts once). */
  items: number;
  /** Sum of the attribution of those events (> 0). */
  weight: number;
  /** weight ÷ the total positive attribution of the history. */
  share: number;
  /** Events sharing the attribute whose attribution is negative (they count against the item), and their sum; events
   * with exactly 0 (e.g. outside the window a model reads) are on neither side. */
  against: { events: number[]; items: number; weight: number };
}

/**
 * One path per attribute the recommended item shares with history items that support it, strongest first (ties:
 * fewer events first, then the graph's attribute order). An event counts toward each attribute its item shares with
 * the item. Sharing items that count against the item are kept beside the path, not on it: removing them would raise
 * the score, and a path that mixed them in would claim support that its own events do not give.
 */
export function knowledgePaths(
  graph: KnowledgeGraph,
  history: ArrayLike<number>,
  item: number,
  values: ArrayLike<number>,
): KnowledgePath[] {
  const target = new Set(attributesOf(graph, item));
  const events = new Map<number, number[]>();
  for (let k = 0; k < history.length; k++) {
    if (history[k] < 0 || history[k] + 1 >= graph.itemOffsets.length) continue;
    for (const a of attributesOf(graph, history[k])) if (target.has(a)) events.set(a, [...(events.get(a) ?? []), k]);
  }
  let positive = 0;
  for (let k = 0; k < values.length; k++) if (values[k] > 0) positive += values[k];
  const sum = (ks: number[]) => ks.reduce((s, k) => s + values[k], 0);
  const paths: KnowledgePath[] = [];
  for (const [a, ks] of events) {
    const up = ks.filter((k) => values[k] > 0);
    if (!up.length) continue;
    const down = ks.filter((k) => values[k] < 0);
    const weight = sum(up);
    paths.push({
      attribute: a,
      relation: graph.attributes[a].relation,
      value: graph.attributes[a].value,
      historyEvents: up,
      items: new Set(up.map((k) => history[k])).size,
      weight,
      share: weight / positive,
      // Items on the path are not counted again as opposing when another of their events counts against the item.
      against: {
        events: down,
        items: new Set(down.map((k) => history[k]).filter((i) => !up.some((k) => history[k] === i))).size,
        weight: sum(down),
      },
    });
  }
  return paths.sort((p, q) => q.weight - p.weight || p.historyEvents.length - q.historyEvents.length || p.attribute - q.attribute);
}

export interface PathCheck {
  /** Events removed: those on the path. */
  removed: number;
  fullScore: number;
  /** The item's score with the path's events removed. */
  pathScore: number;
  /** fullScore − pathScore. */
  pathDrop: number;
  /** Mean drop over `randomSets` seeded random sets of the same size drawn from the whole history. */
  randomDrop: number;
  randomSets: number;
  /** False when the path holds every event (a random set of that size is the same set): nothing to compare. */
  comparable: boolean;
  /** The path's removal lowers the score (pathDrop > 0) and by more than the random sets do, on a comparable path. */
  holds: boolean;
}

export const PATH_CHECK_RANGES = {
  randomSets: { min: 1, max: 1000, integer: true },
  seed: { min: 0, max: 2 ** 32 - 1, integer: true },
} as const satisfies Record<string, Range>;

/** Re-score without the path's events and without random sets of the same size, all in one scoring batch. */
export async function checkPath(
  model: ExplainableModel,
  target: ExplainTarget,
  events: readonly number[],
  options: { seed?: number; randomSets?: number; signal?: AbortSignal } = {},
): Promise<Result<PathCheck>> {
  const { signal, ...numeric } = options;
  const checked = checkSettings(PATH_CHECK_RANGES, numeric, { owner: 'the path check' });
  if (!checked.ok) return checked;
  const n = target.history.length;
  const m = events.length;
  if (events.some((k) => !Number.isInteger(k) || k < 0 || k >= n)) return fail('path events must be positions in the history');
  const sets = options.randomSets ?? 16;
  const rng = createRng(options.seed ?? 0);
  const without = (ks: readonly number[]) => {
    const mask = fullMask(n);
    for (const k of ks) mask[k] = 0;
    return mask;
  };
  const all = Array.from({ length: n }, (_, k) => k);
  const masks = [fullMask(n), without(events)];
  for (let s = 0; s < sets; s++) masks.push(without(rng.shuffle([...all]).slice(0, m)));
  throwIfAborted(signal);
  const { scores } = await scoreSubsets(model, target, masks, { signal });
  const fullScore = scores[0];
  const pathDrop = fullScore - scores[1];
  let random = 0;
  for (let s = 0; s < sets; s++) random += fullScore - scores[2 + s];
  const randomDrop = random / sets;
  const comparable = m > 0 && m < n;
  return ok({
    removed: m,
    fullScore,
    pathScore: scores[1],
    pathDrop,
    randomDrop,
    randomSets: sets,
    comparable,
    holds: comparable && pathDrop > 0 && pathDrop > randomDrop,
  });
}

export interface KnowledgeExplanation {
  /** The attribution method whose values weight the paths. */
  method: string;
  score: number;
  /** Strongest first, at most maxPaths. */
  paths: KnowledgePath[];
  /** How many paths there were before the cut. */
  totalPaths: number;
  /** The check of the top path (null when there is no path). */
  check: PathCheck | null;
  values: Float64Array;
  notes: string[];
}

export interface KnowledgeOptions extends MethodOptions {
  /** Attribution method from the registry (default occlusion: exact, and any model can run it). */
  method?: string;
  maxPaths?: number;
  randomSets?: number;
  /** Two steps: the attribution, then the re-scoring check of the top path. */
  onProgress?: (p: Progress) => void;
}

export const KNOWLEDGE_RANGES = { maxPaths: { min: 1, max: 100, integer: true } } as const satisfies Record<string, Range>;

/** Attribute the target with a registry method, gather the paths and check the strongest one by re-scoring. */
export async function explainKnowledge(
  model: ExplainableModel,
  target: ExplainTarget,
  graph: KnowledgeGraph,
  options: KnowledgeOptions = {},
): Promise<Result<KnowledgeExplanation>> {
  const { method = 'occlusion', maxPaths = 5, randomSets, onProgress, ...methodOptions } = options;
  const checked = checkSettings(KNOWLEDGE_RANGES, { maxPaths }, { owner: 'knowledge paths' });
  if (!checked.ok) return checked;
  if (target.item + 1 >= graph.itemOffsets.length) return fail(`item ${target.item} is outside the knowledge graph`);
  const track = progressTracker('Knowledge paths', 'steps', 2);
  onProgress?.(track(0, { step: method }));
  const attributed = await explain(method, model, target, methodOptions);
  if (!attributed.ok) return attributed;
  const { values, score, notes } = attributed.data;
  const all = knowledgePaths(graph, target.history, target.item, values);
  let check: PathCheck | null = null;
  onProgress?.(track(1, { step: 'check' }));
  if (all.length) {
    const c = await checkPath(model, target, all[0].historyEvents, { seed: options.seed, randomSets, signal: options.signal });
    if (!c.ok) return c;
    check = c.data;
  }
  onProgress?.(track(2));
  return ok({ method, score, paths: all.slice(0, maxPaths), totalPaths: all.length, check, values, notes });
}
