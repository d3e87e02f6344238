// Loaded datasets kept in IndexedDB (columnar, datasetColumns.ts; one transaction per change) and the workspace
// record (workspaceRecord.ts), so a reload resumes the workspace.
import { fail, ok, type Result } from '../lib/result';
import { clearStores, describeIdbError, inTransaction, listNewestFirst, openDatabase } from '../lib/idb';
import type { DatasetPayload } from './dataset';
import { columnBytes, fromColumns, joinColumns, pieceKey, pieceKeysOf, splitColumns, toColumns } from './datasetColumns';
import { checkWorkspace, type WorkspaceRecord } from './workspaceRecord';

/** What the storage list shows without reading the columns. */
export interface StoredDatasetInfo {
  id: string;
  name: string;
  savedAt: string;
  events: number;
  users: number;
  items: number;
  bytes: number;
}

export interface DatasetStore {
  save(id: string, content: DatasetPayload): Promise<Result<StoredDatasetInfo>>;
  load(id: string): Promise<Result<DatasetPayload>>;
  /** Newest first. */
  list(): Promise<Result<StoredDatasetInfo[]>>;
  delete(id: string): Promise<Result<boolean>>;
  /** Give a saved dataset a new name (its list entry and its stored copy); false when there is none under `id`. */
  rename(id: string, name: string): Promise<Result<boolean>>;
  /** Every dataset and the workspace record. */
  clear(): Promise<Result<void>>;
  saveWorkspace(workspace: WorkspaceRecord): Promise<Result<void>>;
  loadWorkspace(): Promise<Result<WorkspaceRecord | null>>;
  close(): void;
}

export const DATASET_DB_NAME = 'reclens-datasets';
const INFO = 'info';
const COLUMNS = 'columns';
// The object store keeps its first name, so workspaces saved before the rename still load.
const WORKSPACE = 'session';
const WORKSPACE_KEY = 'current';

export async function openDatasetStore(opts: { indexedDB?: IDBFactory; name?: string } = {}): Promise<Result<DatasetStore>> {
  const db = await openDatabase({
    indexedDB: opts.indexedDB,
    name: opts.name ?? DATASET_DB_NAME,
    version: 1,
    stores: { [INFO]: 'id', [COLUMNS]: undefined, [WORKSPACE]: undefined },
    what: 'saved datasets',
  });
  return db.ok ? ok(storeOn(db.data)) : db;
}

function storeOn(db: IDBDatabase): DatasetStore {
  const both = [INFO, COLUMNS];
  return {
    async save(id, content) {
      if (!id) return fail('a saved dataset needs a non-empty id');
      // Start in a task of its own, so the page shows a newly loaded dataset before it is packed for saving.
      await new Promise<void>((resolve) => setTimeout(resolve, 0));
      const columns = toColumns(content);
      const info: StoredDatasetInfo = {
        id,
        name: content.name,
        savedAt: new Date().toISOString(),
        events: content.log.length,
        users: content.log.users.length,
        items: content.log.items.length,
        bytes: columnBytes(columns),
      };
      const { head, pieces } = splitColumns(id, columns);
      const r = await inTransaction(db, both, 'readwrite', (tx, abort) => {
        // A put clones its value on the calling thread: one put of a large log would block the page for as long as
        // that takes (≈115 ms for 5M events, measured by bench:scale). Putting one piece per task — each issued
        // from the previous one's success callback, which keeps the transaction open — keeps every task short.
        const store = tx.objectStore(COLUMNS);
        const next = (k: number) => {
          try {
            if (k === pieces.length) return;
            const req = store.put(pieces[k].data(), pieceKey(id, pieces[k].column, pieces[k].index));
            req.onsuccess = () => next(k + 1);
          } catch (e) {
            abort(describeIdbError(e));
          }
        };
        try {
          tx.objectStore(INFO).put(info);
          store.put(head, id);
          next(0);
        } catch (e) {
          abort(describeIdbError(e));
        }
      });
      return r.ok
        ? ok(info)
        : fail(
            `saving ${content.name} in the browser failed: ${r.reason}. It stays open in this tab, but will not come back after a reload.`,
          );
    },

    async load(id) {
      let head: unknown;
      const pieces: { key: string; data: unknown }[] = [];
      const r = await inTransaction(db, [COLUMNS], 'readonly', (tx) => {
        const store = tx.objectStore(COLUMNS);
        const req = store.get(id);
        req.onsuccess = () => {
          head = req.result;
          for (const key of pieceKeysOf(head)) {
            const p = store.get(key);
            p.onsuccess = () => pieces.push({ key, data: p.result });
          }
        };
      });
      if (!r.ok) return fail(`loading saved dataset "${id}" failed: ${r.reason}`);
      if (head === undefined) return fail(`no saved dataset "${id}"`);
      pieces.sort((a, b) => (a.key < b.key ? -1 : 1));
      return fromColumns(joinColumns(head, pieces));
    },

    list: () => listNewestFirst<StoredDatasetInfo>(db, INFO, (d) => d.savedAt, 'saved datasets'),

    async delete(id) {
      let found = false;
      const r = await inTransaction(db, both, 'readwrite', (tx) => {
        const key = tx.objectStore(INFO).getKey(id);
        key.onsuccess = () => {
          found = key.result !== undefined;
          tx.objectStore(INFO).delete(id);
          const store = tx.objectStore(COLUMNS);
          const head = store.get(id);
          head.onsuccess = () => {
            for (const k of pieceKeysOf(head.result)) store.delete(k);
            store.delete(id);
          };
        };
      });
      return r.ok ? ok(found) : fail(`deleting saved dataset "${id}" failed: ${r.reason}`);
    },

    async rename(id, name) {
      let found = false;
      const r = await inTransaction(db, both, 'readwrite', (tx) => {
        const info = tx.objectStore(INFO).get(id);
        info.onsuccess = () => {
          if (info.result === undefined) return;
          found = true;
          tx.objectStore(INFO).put({ ...(info.result as StoredDatasetInfo), name });
        };
        const store = tx.objectStore(COLUMNS);
        const head = store.get(id);
        head.onsuccess = () => {
          if (head.result !== undefined) store.put({ ...(head.result as object), name }, id);
        };
      });
      return r.ok ? ok(found) : fail(`renaming saved dataset "${id}" failed: ${r.reason}`);
    },

    clear: () => clearStores(db, [INFO, COLUMNS, WORKSPACE], 'saved datasets'),

    async saveWorkspace(workspace) {
      const r = await inTransaction(db, [WORKSPACE], 'readwrite', (tx) => void tx.objectStore(WORKSPACE).put(workspace, WORKSPACE_KEY));
      return r.ok ? ok(undefined) : fail(`saving the workspace failed: ${r.reason}`);
    },

    async loadWorkspace() {
      let workspace: unknown;
      const r = await inTransaction(db, [WORKSPACE], 'readonly', (tx) => {
        const req = tx.objectStore(WORKSPACE).get(WORKSPACE_KEY);
        req.onsuccess = () => (workspace = req.result);
      });
      if (!r.ok) return fail(`reading the saved workspace failed: ${r.reason}`);
      if (workspace === undefined) return ok(null);
      return checkWorkspace(workspace);
    },

    close: () => db.close(),
  };
}
