// The causal analysis in the workspace record: the graph as the analyst left it (discovered, then edited) and the last
// effect estimate, saved with the dataset they belong to and put back on a reload or an imported workspace file.
import { isObj } from '../data/datasetColumns';
import { isPlainData } from '../lib/plainData';
import type { SharedCausalGraph, SharedEffect } from './causalSlice';
import type { AppState } from './index';

/** Dataset by its index in the record; the runtime dataset id is re-attached on restore. */
export interface CausalRecord {
  dataset: number;
  graph: Omit<SharedCausalGraph, 'datasetId'>;
  effect: Omit<SharedEffect, 'datasetId'> | null;
}

/** The store's causal state as a record entry, when its dataset is one the record keeps. */
export function causalRecordOf(s: Pick<AppState, 'causalGraph' | 'causalEffect'>, index: ReadonlyMap<string, number>): CausalRecord | null {
  const g = s.causalGraph;
  const dataset = g ? index.get(g.datasetId) : undefined;
  if (!g || dataset === undefined) return null;
  const { datasetId: _, ...graph } = g;
  const e = s.causalEffect;
  const effect = e && e.datasetId === g.datasetId && e.request.unit === g.unit ? { request: e.request, result: e.result } : null;
  return { dataset, graph, effect };
}

const strings = (x: unknown): x is string[] => Array.isArray(x) && x.every((v) => typeof v === 'string');
const edges = (x: unknown): boolean =>
  Array.isArray(x) && x.every((e) => isObj(e) && typeof e.from === 'string' && typeof e.to === 'string');
/** A record entry read back: the fields the Causal view and the causal reason read are checked; otherwise null. */
export function parseCausalRecord(raw: unknown, datasets: number): CausalRecord | null {
  if (!isObj(raw) || typeof raw.dataset !== 'number' || !(raw.dataset >= 0 && raw.dataset < datasets) || !isPlainData(raw)) return null;
  const g = raw.graph;
  if (!isObj(g) || (g.unit !== 'user' && g.unit !== 'session') || !isObj(g.request) || !isObj(g.result) || !isObj(g.dag)) return null;
  if (!strings(g.result.variables) || !edges(g.result.edges) || !strings(g.dag.nodes) || !edges(g.dag.edges)) return null;
  if (!strings(g.request.variables)) return null;
  const e = raw.effect;
  const effectOk =
    isObj(e) &&
    isObj(e.request) &&
    typeof e.request.treatment === 'string' &&
    typeof e.request.outcome === 'string' &&
    (e.request.threshold === undefined || e.request.threshold === null || Number.isFinite(e.request.threshold)) &&
    strings(e.request.nodes) &&
    edges(e.request.edges) &&
    isObj(e.result) &&
    (e.result.ok === false
      ? typeof e.result.reason === 'string'
      : e.result.ok === true && strings(e.result.adjustmentSet) && isObj(e.result.estimates) && Array.isArray(e.result.refutations));
  return {
    dataset: raw.dataset,
    graph: g as unknown as CausalRecord['graph'],
    effect: effectOk ? (e as unknown as CausalRecord['effect']) : null,
  };
}

/** Put a record's causal analysis back on the dataset that now has `datasetId`. */
export function restoreCausal(
  record: CausalRecord,
  datasetId: string,
  app: Pick<AppState, 'causalDiscovered' | 'causalEffectEstimated'>,
): void {
  const { graph, effect } = record;
  app.causalDiscovered({ ...graph, datasetId, request: { ...graph.request, datasetId } });
  if (effect) app.causalEffectEstimated({ ...effect, datasetId, request: { ...effect.request, datasetId } });
}
