// The workspace record: which datasets are open, which saved models, the evaluations and settings — what a reload
// or an imported workspace file brings back.
import { fail, ok, type Result } from '../lib/result';
import { isObj } from './datasetColumns';

/** Which datasets are open (stored ones by id; the built-in demo regenerates itself), what was trained, evaluated. */
export interface WorkspaceRecord {
  version: 1;
  datasets: DatasetRef[];
  /** Index into `datasets` of the active one. */
  active: number | null;
  /** Models open in the workspace, by their saved checkpoint; `modelId` is the id the evaluations refer to. */
  models: { checkpoint: string; dataset: number; modelId: string; name: string }[];
  /** The store's evaluation entries (plain JSON), keyed by `modelId`. */
  evaluations: unknown[];
  settings: Record<string, string>;
  /** The causal graph and effect (store/workspaceCausal.ts checks it field by field); null when there is none. */
  causal: unknown;
  /** Text models, behavior classifiers, item embeddings: where each re-opens from, never weights (store/workspaceTextRecord.ts checks it). */
  text?: unknown;
  /** The last explanation shown (store/workspaceExplanation.ts checks it). */
  explanation?: unknown;
}

export type DatasetRef = { kind: 'stored'; id: string } | { kind: 'demo' };

export const emptyWorkspace = (): WorkspaceRecord => ({
  version: 1,
  datasets: [],
  active: null,
  models: [],
  evaluations: [],
  settings: {},
  causal: null,
});

/** A workspace record read back (from IndexedDB or a file): shape checked, unknown fields dropped. */
export function checkWorkspace(raw: unknown): Result<WorkspaceRecord> {
  if (!isObj(raw) || raw.version !== 1 || !Array.isArray(raw.datasets) || !Array.isArray(raw.models) || !Array.isArray(raw.evaluations))
    return fail('not a RecLens workspace record');
  const datasets: DatasetRef[] = [];
  for (const d of raw.datasets) {
    if (isObj(d) && d.kind === 'demo') datasets.push({ kind: 'demo' });
    else if (isObj(d) && d.kind === 'stored' && typeof d.id === 'string') datasets.push({ kind: 'stored', id: d.id });
    else return fail('the workspace record names a dataset it cannot read');
  }
  const models: WorkspaceRecord['models'] = [];
  for (const m of raw.models) {
    if (
      !isObj(m) ||
      typeof m.checkpoint !== 'string' ||
      typeof m.modelId !== 'string' ||
      typeof m.name !== 'string' ||
      typeof m.dataset !== 'number' ||
      !(m.dataset >= 0 && m.dataset < datasets.length)
    )
      return fail('the workspace record names a model it cannot read');
    models.push({ checkpoint: m.checkpoint, dataset: m.dataset, modelId: m.modelId, name: m.name });
  }
  const evaluations = raw.evaluations.filter(
    (e) => isObj(e) && typeof e.modelId === 'string' && typeof e.protocol === 'string' && Array.isArray(e.k) && isObj(e.result),
  );
  const active = typeof raw.active === 'number' && raw.active >= 0 && raw.active < datasets.length ? raw.active : null;
  const settings: Record<string, string> = {};
  if (isObj(raw.settings)) for (const [k, v] of Object.entries(raw.settings)) if (typeof v === 'string') settings[k] = v;
  // Records written before text models and explanations were kept have neither field.
  const more = { ...(raw.text ? { text: raw.text } : {}), ...(raw.explanation ? { explanation: raw.explanation } : {}) };
  return ok({ version: 1, datasets, active, models, evaluations, settings, causal: raw.causal ?? null, ...more });
}
