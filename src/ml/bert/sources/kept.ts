// Source 4: a text model kept in this browser (IndexedDB), so that a reload re-opens a model that came from the
// analyst's files or was fine-tuned here without asking for the files again. The weights live only here: the workspace
// record names the kept id.
import { fail, ok, type Result } from '../../../lib/result';
import { openModelStore, type ModelCard, type ModelStore, type StoredModelInfo } from '../../modelStore';
import type { BertBundle } from './bundle';

/** Apart from the saved-models database: these entries come and go with the workspace. */
export const KEPT_DB_NAME = 'reclens-text-models';

let opened: Promise<Result<ModelStore>> | undefined;

/** The kept-models store of this browser (a page or a worker); `indexedDB` for tests. */
export async function keptModels(indexedDB?: IDBFactory): Promise<Result<ModelStore>> {
  const r = await (opened ??= openModelStore({ name: KEPT_DB_NAME, indexedDB }));
  if (!r.ok) opened = undefined; // try again next time (a blocked upgrade in another tab passes)
  return r;
}

/** Keep a model's folder under `id` (replacing what was there); the size kept, or why not (e.g. quota). */
export async function keepBundle(id: string, bundle: BertBundle, card: ModelCard, store?: ModelStore): Promise<Result<StoredModelInfo>> {
  const s = store ? ok(store) : await keptModels();
  if (!s.ok) return s;
  return s.data.save(id, bundle, card, { overwrite: true });
}

/** The kept folder `id`, or a reason naming it when it is gone (evicted, cleared). */
export async function bundleFromKept(id: string, store?: ModelStore): Promise<Result<BertBundle>> {
  const s = store ? ok(store) : await keptModels();
  if (!s.ok) return s;
  const r = await s.data.load(id);
  if (!r.ok) return fail(`its weights are no longer kept in this browser (${r.reason})`);
  return ok(r.data.bundle);
}

/** Delete every kept model but `keep`; the ids deleted. */
export async function forgetKeptExcept(keep: readonly string[], store?: ModelStore): Promise<Result<string[]>> {
  const s = store ? ok(store) : await keptModels();
  if (!s.ok) return s;
  const list = await s.data.list();
  if (!list.ok) return list;
  const gone: string[] = [];
  for (const m of list.data) {
    if (keep.includes(m.id)) continue;
    const d = await s.data.delete(m.id);
    if (d.ok) gone.push(m.id);
  }
  return ok(gone);
}
