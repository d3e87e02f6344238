// Text models and behavior classifiers in the workspace record: which text models were open and where each can be
// opened from again (its hosted folder, its URL, the Hub's cached copy, or bytes kept in this browser — never the
// weights themselves), the fine-tuned behavior classifiers with the figures the views and the report show, and which
// datasets had item embeddings from which model. Read back field by field; a bad entry is dropped alone.
import { isObj } from '../data/datasetColumns';
import type { BehaviorClassifierInfo, BehaviorTask } from '../ml/explain/behavior';
import type { TextModelInfo, TextModelOrigin } from '../ml/bert/textModels';
import type { AppState } from './index';
import { isPlainData } from '../lib/plainData';

/** Where a reload re-opens a text model from ('files' and 'finetuned' become 'kept' once their bytes are kept). */
export type ReopenFrom = Extract<TextModelOrigin, { kind: 'hosted' | 'url' | 'hub' | 'kept' }>;

export interface TextRecord {
  /** Text models other than the classifiers; `modelId` is the id the embeddings refer to. */
  models: { modelId: string; source: string; from: ReopenFrom }[];
  /** Behavior classifiers by their kept weights, bound to a dataset (index into the record's datasets). */
  classifiers: { dataset: number; kept: string; info: BehaviorClassifierInfo }[];
  /** Item embeddings per dataset (index) and the text model (record id: a model's or a classifier's) they came from. */
  embeddings: { dataset: number; modelId: string }[];
}

/**
 * How each open model re-opens: its origin, with 'files' and 'finetuned' read through `kept` (text model id → kept id).
 * Null when it cannot (bytes not kept: keeping failed or has not run yet).
 */
export function reopenFrom(info: TextModelInfo, kept: ReadonlyMap<string, string>): ReopenFrom | null {
  const o = info.origin;
  if (!o) return null;
  if (o.kind === 'files' || o.kind === 'finetuned') {
    const id = kept.get(info.id);
    return id ? { kind: 'kept', id } : null;
  }
  if (o.kind === 'hosted') return { kind: 'hosted', id: o.id };
  return o;
}

/** The store's text models, classifiers and embeddings as a record entry; null when there is nothing to keep. */
export function textRecordOf(
  s: Pick<AppState, 'textModels' | 'behaviorClassifiers' | 'itemEmbeddings'>,
  index: ReadonlyMap<string, number>,
  kept: ReadonlyMap<string, string>,
): TextRecord | null {
  const classifierIds = new Set(s.behaviorClassifiers.map((c) => c.id));
  const record: TextRecord = { models: [], classifiers: [], embeddings: [] };
  const recorded = new Set<string>();
  for (const m of s.textModels) {
    if (classifierIds.has(m.id)) continue;
    const from = reopenFrom(m, kept);
    if (!from) continue;
    record.models.push({ modelId: m.id, source: m.source, from });
    recorded.add(m.id);
  }
  for (const c of s.behaviorClassifiers) {
    const dataset = index.get(c.datasetId);
    const from = reopenFrom(c.textModel, kept);
    if (dataset === undefined || from?.kind !== 'kept' || !c.task) continue;
    record.classifiers.push({ dataset, kept: from.id, info: c });
    recorded.add(c.id);
  }
  for (const [datasetId, e] of Object.entries(s.itemEmbeddings)) {
    const dataset = index.get(datasetId);
    if (dataset !== undefined && recorded.has(e.textModelId)) record.embeddings.push({ dataset, modelId: e.textModelId });
  }
  return record.models.length || record.classifiers.length ? record : null;
}

const str = (x: unknown): x is string => typeof x === 'string' && x.length > 0 && x.length <= 2000;
const num = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);
/** A JSON file writes NaN as null; IndexedDB keeps it. */
const numOrNull = (x: unknown): x is number | null => x === null || typeof x === 'number';
const strings = (x: unknown): x is string[] => Array.isArray(x) && x.every((v) => typeof v === 'string');
const index = (x: unknown, n: number): x is number => Number.isInteger(x) && (x as number) >= 0 && (x as number) < n;

function parseFrom(raw: unknown): ReopenFrom | null {
  if (!isObj(raw)) return null;
  if (raw.kind === 'hosted' && str(raw.id)) return { kind: 'hosted', id: raw.id };
  if (raw.kind === 'url' && str(raw.url)) return { kind: 'url', url: raw.url };
  if (raw.kind === 'hub' && str(raw.id)) return { kind: 'hub', id: raw.id };
  if (raw.kind === 'kept' && str(raw.id)) return { kind: 'kept', id: raw.id };
  return null;
}

function parseInfo(raw: unknown): TextModelInfo | null {
  if (!isObj(raw) || !str(raw.id) || !str(raw.source)) return null;
  const { layers, hidden, heads, vocab, parameters, labels } = raw;
  if (![layers, hidden, heads, vocab, parameters].every(num) || !(labels === null || strings(labels))) return null;
  return {
    id: raw.id,
    source: raw.source,
    layers: layers as number,
    hidden: hidden as number,
    heads: heads as number,
    vocab: vocab as number,
    parameters: parameters as number,
    labels: labels as string[] | null,
  };
}

/** The outcome is checked by the worker when the classifier explains (the list of outcomes grows); here only its shape. */
function parseTask(raw: unknown): BehaviorTask | null {
  if (!isObj(raw) || typeof raw.outcome !== 'string' || !/^[a-z-]{1,40}$/.test(raw.outcome)) return null;
  if (raw.naming !== 'title' && raw.naming !== 'category' && raw.naming !== 'both') return null;
  if (!Number.isInteger(raw.maxEvents) || (raw.maxEvents as number) < 1) return null;
  // Other settings of the task (numbers, strings, booleans) are kept as they are.
  const rest = Object.fromEntries(Object.entries(raw).filter(([, v]) => ['number', 'string', 'boolean'].includes(typeof v)));
  return { ...rest, outcome: raw.outcome as BehaviorTask['outcome'], naming: raw.naming, maxEvents: raw.maxEvents as number };
}

/** A classifier's info with every field the Model and Explain views and the report read checked, rebuilt from them. */
export function parseClassifierInfo(raw: unknown): BehaviorClassifierInfo | null {
  if (!isObj(raw) || !str(raw.id) || !str(raw.baseModelId) || !str(raw.datasetId)) return null;
  const textModel = parseInfo(raw.textModel);
  const task = parseTask(raw.task);
  if (!textModel || !task || raw.outcome !== task.outcome || !strings(raw.labels) || raw.labels.length < 2) return null;
  const { examples, steps, seconds, valAccuracy, valLoss, classShares, stoppedBy, sample } = raw;
  if (![examples, steps, seconds].every(num) || !numOrNull(valAccuracy) || !numOrNull(valLoss)) return null;
  if (!Array.isArray(classShares) || classShares.length !== raw.labels.length || !classShares.every(num)) return null;
  if (typeof stoppedBy !== 'string' || typeof sample !== 'string') return null;
  // The held-out report (absent in older records) is data for the Model view and the HTML report: its shape, no code.
  const r = raw.report;
  const report =
    isObj(r) && isPlainData(r) && isObj(r.metrics) && isObj(r.baselines) && isObj(r.versus) && strings(r.labelNames)
      ? { report: r as unknown as BehaviorClassifierInfo['report'] }
      : {};
  const params = {
    ...(num(raw.trainableParams) ? { trainableParams: raw.trainableParams } : {}),
    ...(num(raw.totalParams) ? { totalParams: raw.totalParams } : {}),
  };
  return {
    ...report,
    ...params,
    id: raw.id,
    textModel,
    baseModelId: raw.baseModelId,
    datasetId: raw.datasetId,
    outcome: task.outcome,
    task,
    labels: [...raw.labels],
    examples: examples as number,
    classShares: [...(classShares as number[])],
    valAccuracy,
    valLoss,
    steps: steps as number,
    stoppedBy,
    seconds: seconds as number,
    sample,
  };
}

/** The record entry read back (from IndexedDB or a file): each model, classifier and embedding checked on its own. */
export function parseTextRecord(raw: unknown, datasets: number): TextRecord | null {
  if (!isObj(raw)) return null;
  const out: TextRecord = { models: [], classifiers: [], embeddings: [] };
  const ids = new Set<string>();
  for (const m of Array.isArray(raw.models) ? raw.models.slice(0, 100) : []) {
    const from = isObj(m) ? parseFrom(m.from) : null;
    if (!isObj(m) || !from || !str(m.modelId) || !str(m.source) || ids.has(m.modelId)) continue;
    out.models.push({ modelId: m.modelId, source: m.source, from });
    ids.add(m.modelId);
  }
  for (const c of Array.isArray(raw.classifiers) ? raw.classifiers.slice(0, 100) : []) {
    const info = isObj(c) ? parseClassifierInfo(c.info) : null;
    if (!isObj(c) || !info || !index(c.dataset, datasets) || !str(c.kept) || ids.has(info.id)) continue;
    out.classifiers.push({ dataset: c.dataset, kept: c.kept, info });
    ids.add(info.id);
  }
  for (const e of Array.isArray(raw.embeddings) ? raw.embeddings : []) {
    if (!isObj(e) || !index(e.dataset, datasets) || !str(e.modelId) || !ids.has(e.modelId)) continue;
    if (out.embeddings.some((x) => x.dataset === e.dataset)) continue;
    out.embeddings.push({ dataset: e.dataset, modelId: e.modelId });
  }
  return out.models.length || out.classifiers.length ? out : null;
}

/** The kept ids a record names: what the kept-models store must not delete. */
export const keptIdsOf = (r: TextRecord | null): string[] =>
  r ? [...r.models.flatMap((m) => (m.from.kind === 'kept' ? [m.from.id] : [])), ...r.classifiers.map((c) => c.kept)] : [];
