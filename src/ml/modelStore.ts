// Saved models in IndexedDB: an HF folder's files plus a small card (training settings, metrics). One transaction per
// change, so a failed or quota-exceeded save leaves nothing half-written.
import { fail, ok, type Result } from '../lib/result';
import { clearStores, deleteRecord, describeIdbError, inTransaction, listNewestFirst, openDatabase } from '../lib/idb';

export { storageEstimate } from '../lib/idb';
import type { BertBundle } from './bert/sources';

/** What the analyst sees about a saved model. Free-form settings/metrics so every trainer can record its own. */
export interface ModelCard {
  name: string;
  /** ISO time of saving; filled in when absent. */
  createdAt?: string;
  /** Where the starting weights came from (a bundle's `source`). */
  baseModel?: string;
  task?: 'embedding' | 'classification';
  labels?: string[];
  training?: Record<string, unknown>;
  metrics?: Record<string, number>;
  notes?: string;
}

export interface StoredFileInfo {
  name: string;
  bytes: number;
}

export interface StoredModelInfo {
  id: string;
  card: ModelCard;
  files: StoredFileInfo[];
  /** Sum of the file sizes (UTF-8 bytes for text files). */
  bytes: number;
}

export interface SavedModel {
  info: StoredModelInfo;
  bundle: BertBundle;
}

export interface ModelStore {
  /** Fails (and writes nothing) when `id` exists, unless overwrite is set. */
  save(id: string, bundle: BertBundle, card: ModelCard, opts?: { overwrite?: boolean }): Promise<Result<StoredModelInfo>>;
  load(id: string): Promise<Result<SavedModel>>;
  /** Cards and sizes only: the weights are not read. Sorted newest first. */
  list(): Promise<Result<StoredModelInfo[]>>;
  /** True when a model was deleted. */
  delete(id: string): Promise<Result<boolean>>;
  clear(): Promise<Result<void>>;
  close(): void;
}

export const MODEL_DB_NAME = 'reclens-models';
const DB_VERSION = 1;
// Cards live apart from the bytes so listing never reads weights.
const INFO = 'info';
const FILES = 'files';

export interface OpenModelStoreOptions {
  /** Defaults to globalThis.indexedDB (a page or a Worker); tests pass fake-indexeddb's. */
  indexedDB?: IDBFactory;
  name?: string;
}

export async function openModelStore(opts: OpenModelStoreOptions = {}): Promise<Result<ModelStore>> {
  const db = await openDatabase({
    indexedDB: opts.indexedDB,
    name: opts.name ?? MODEL_DB_NAME,
    version: DB_VERSION,
    stores: { [INFO]: 'id', [FILES]: undefined },
    what: 'saved models',
  });
  return db.ok ? ok(storeOn(db.data)) : db;
}

function storeOn(db: IDBDatabase): ModelStore {
  return {
    async save(id, bundle, card, opts = {}) {
      if (!id) return fail('a saved model needs a non-empty id');
      const info = describeBundle(id, bundle, { ...card, createdAt: card.createdAt ?? new Date().toISOString() });
      // Plain data only: a structured clone of anything else (e.g. a class instance in the card) would throw mid-save.
      const record: BertBundle = {
        source: bundle.source,
        config: bundle.config,
        safetensors: bundle.safetensors,
        ...(bundle.tokenizerJson !== undefined && { tokenizerJson: bundle.tokenizerJson }),
        ...(bundle.tokenizerConfig !== undefined && { tokenizerConfig: bundle.tokenizerConfig }),
        ...(bundle.vocabTxt !== undefined && { vocabTxt: bundle.vocabTxt }),
      };
      const r = await inTransaction(db, [INFO, FILES], 'readwrite', (tx, abort) => {
        const infos = tx.objectStore(INFO);
        const existing = infos.getKey(id);
        existing.onsuccess = () => {
          if (existing.result !== undefined && !opts.overwrite) return abort(`a model named "${id}" is already saved`);
          // A put can throw synchronously (DataCloneError; QuotaExceededError in some engines): keep its reason.
          try {
            infos.put(info);
            tx.objectStore(FILES).put(record, id);
          } catch (e) {
            abort(describeIdbError(e));
          }
        };
      });
      return r.ok ? ok(info) : fail(`saving model "${id}" failed: ${r.reason}. Nothing was saved.`);
    },

    async load(id) {
      let info: StoredModelInfo | undefined;
      let bundle: BertBundle | undefined;
      const r = await inTransaction(db, [INFO, FILES], 'readonly', (tx) => {
        const a = tx.objectStore(INFO).get(id);
        a.onsuccess = () => (info = a.result);
        const b = tx.objectStore(FILES).get(id);
        b.onsuccess = () => (bundle = b.result);
      });
      if (!r.ok) return fail(`loading model "${id}" failed: ${r.reason}`);
      if (!info || !bundle) return fail(`no saved model named "${id}"`);
      return ok({ info, bundle });
    },

    list: () => listNewestFirst<StoredModelInfo>(db, INFO, (m) => m.card.createdAt ?? '', 'saved models'),

    delete: (id) => deleteRecord(db, [INFO, FILES], id, 'model'),

    clear: () => clearStores(db, [INFO, FILES], 'saved models'),

    close: () => db.close(),
  };
}

/** File sizes as they would be on disk, for the list view and quota messages. */
export function describeBundle(id: string, bundle: BertBundle, card: ModelCard): StoredModelInfo {
  const utf8 = (s: string) => new TextEncoder().encode(s).byteLength;
  const files: StoredFileInfo[] = [
    { name: 'config.json', bytes: utf8(bundle.config) },
    { name: 'model.safetensors', bytes: bundle.safetensors.byteLength },
  ];
  if (bundle.tokenizerJson !== undefined) files.push({ name: 'tokenizer.json', bytes: utf8(bundle.tokenizerJson) });
  if (bundle.tokenizerConfig !== undefined) files.push({ name: 'tokenizer_config.json', bytes: utf8(bundle.tokenizerConfig) });
  if (bundle.vocabTxt !== undefined) files.push({ name: 'vocab.txt', bytes: utf8(bundle.vocabTxt) });
  return { id, card, files, bytes: files.reduce((s, f) => s + f.bytes, 0) };
}
