// Knowledge paths for one recommendation of a held dataset, as the ML worker serves them: the graph is built once per
// catalog and item list, the paths come with their sentences (en, zh) and their events with titles.
import { buildKnowledgeGraph, type KnowledgeGraph } from '../data/knowledgeGraph';
import type { ItemCatalog } from '../data/eventLog';
import type { ItemIdx, UserIdx } from '../lib/ids';
import type { Progress } from '../lib/progress';
import { fail, ok, type Result } from '../lib/result';
import { explainKnowledge, type KnowledgePath, type PathCheck } from './knowledge';
import { knowledgeSentence, pathCheckSentence } from './knowledgeText';
import type { MethodName } from './registry';
import type { ExplainableModel } from './types';

export interface KnowledgeRequest {
  user: UserIdx;
  history: Int32Array;
  item: ItemIdx;
  /** Event type index per history event, for models that embed event types. */
  events?: Int32Array;
  /** Event type name and rating per history event (null when unknown), for the sentences. */
  types?: (string | null)[];
  ratings?: (number | null)[];
  method?: MethodName;
  maxPaths?: number;
  randomSets?: number;
  seed?: number;
}

export interface KnowledgeResult {
  item: number;
  score: number;
  method: string;
  paths: (KnowledgePath & { text: { en: string; zh: string }; titles: string[] })[];
  totalPaths: number;
  check: PathCheck | null;
  checkText: { en: string; zh: string } | null;
  /** Attribution of every history event (the paths' weights are sums of these). */
  values: Float64Array;
  graph: { attributes: number; edges: number };
  notes: string[];
}

const graphs = new WeakMap<ItemCatalog, { items: readonly string[]; graph: Result<KnowledgeGraph> }>();

/** The graph over `items` from `catalog`, built once per pair (a catalog of 10,000 items is not re-read per call). */
export function knowledgeGraphOf(items: readonly string[], catalog: ItemCatalog): Result<KnowledgeGraph> {
  const hit = graphs.get(catalog);
  if (hit && hit.items === items) return hit.graph;
  const graph = buildKnowledgeGraph(items, catalog);
  graphs.set(catalog, { items, graph });
  return graph;
}

export async function knowledgeFor(
  model: ExplainableModel,
  items: readonly string[],
  catalog: ItemCatalog | null,
  req: KnowledgeRequest,
  options: { title(item: number): string; onProgress?: (p: Progress) => void; signal?: AbortSignal },
): Promise<Result<KnowledgeResult>> {
  if (!catalog) return fail('knowledge paths need an item catalog: load one with the events (title, category, brand, price)');
  const graph = knowledgeGraphOf(items, catalog);
  if (!graph.ok) return graph;
  const target = { user: req.user, history: req.history, item: req.item, ...(req.events ? { events: req.events } : {}) };
  const r = await explainKnowledge(model, target, graph.data, {
    method: req.method,
    maxPaths: req.maxPaths,
    randomSets: req.randomSets,
    seed: req.seed ?? 42,
    onProgress: options.onProgress,
    signal: options.signal,
  });
  if (!r.ok) return r;
  const ctx = {
    title: options.title,
    eventType: req.types ? (k: number) => req.types![k] ?? null : undefined,
    rating: req.ratings ? (k: number) => req.ratings![k] ?? null : undefined,
  };
  const { paths, check } = r.data;
  return ok({
    item: req.item,
    score: r.data.score,
    method: r.data.method,
    paths: paths.map((p) => ({
      ...p,
      text: { en: knowledgeSentence(p, req.item, ctx, 'en'), zh: knowledgeSentence(p, req.item, ctx, 'zh') },
      titles: p.historyEvents.map((k) => options.title(req.history[k])),
    })),
    totalPaths: r.data.totalPaths,
    check,
    checkText: check ? { en: pathCheckSentence(check, 'en'), zh: pathCheckSentence(check, 'zh') } : null,
    values: r.data.values,
    graph: { attributes: graph.data.attributes.length, edges: graph.data.itemAttributes.length },
    notes: r.data.notes,
  });
}
