// Small promise wrappers over IndexedDB shared by the stores (saved BERT models, recommender checkpoints): every change
// is one transaction, so a failed or quota-exceeded write leaves nothing half-written.
import { fail, ok, type Result } from './result';

export interface OpenDatabaseOptions {
  /** Defaults to globalThis.indexedDB (a page or a Worker); tests pass fake-indexeddb's. */
  indexedDB?: IDBFactory;
  name: string;
  version: number;
  /** Object stores to create on first open: name → keyPath (undefined for out-of-line keys). */
  stores: Record<string, string | undefined>;
  /** What the database holds, for messages ("saved models"). */
  what: string;
}

export async function openDatabase(opts: OpenDatabaseOptions): Promise<Result<IDBDatabase>> {
  const factory = opts.indexedDB ?? (globalThis as { indexedDB?: IDBFactory }).indexedDB;
  if (!factory) return fail(`${opts.what} need IndexedDB, which this browser context does not offer (private browsing may disable it)`);
  const db = await new Promise<Result<IDBDatabase>>((resolve) => {
    let req: IDBOpenDBRequest;
    try {
      req = factory.open(opts.name, opts.version);
    } catch (e) {
      return resolve(fail(`cannot open the database of ${opts.what}: ${describeIdbError(e)}`));
    }
    req.onupgradeneeded = () => {
      const d = req.result;
      for (const [name, keyPath] of Object.entries(opts.stores))
        if (!d.objectStoreNames.contains(name)) d.createObjectStore(name, keyPath ? { keyPath } : undefined);
    };
    req.onsuccess = () => resolve(ok(req.result));
    req.onerror = () => resolve(fail(`cannot open the database of ${opts.what}: ${describeIdbError(req.error)}`));
    req.onblocked = () =>
      resolve(fail(`the database of ${opts.what} is being upgraded in another tab; close other RecLens tabs and retry`));
  });
  // Let a newer version in another tab upgrade instead of blocking on us.
  if (db.ok) db.data.onversionchange = () => db.data.close();
  return db;
}

/**
 * Run `body` in one transaction over `stores` and settle when it commits or aborts. A synchronous throw
 * (DataCloneError, QuotaExceededError in some engines) or an explicit `abort(reason)` rolls everything back.
 */
export function inTransaction(
  db: IDBDatabase,
  stores: string[],
  mode: IDBTransactionMode,
  body: (tx: IDBTransaction, abort: (reason: string) => void) => void,
): Promise<Result<void>> {
  return new Promise((resolve) => {
    let tx: IDBTransaction;
    try {
      tx = db.transaction(stores, mode);
    } catch (e) {
      return resolve(fail(describeIdbError(e)));
    }
    let reason: string | undefined;
    const abort = (why: string) => {
      reason ??= why;
      try {
        tx.abort();
      } catch {
        // already finished
      }
    };
    tx.oncomplete = () => resolve(ok(undefined));
    // A failed request aborts the transaction; its error (e.g. QuotaExceededError) is on tx.error.
    tx.onabort = () => resolve(fail(reason ?? describeIdbError(tx.error)));
    tx.onerror = (ev) => {
      reason ??= describeIdbError((ev.target as IDBRequest | null)?.error ?? tx.error);
    };
    try {
      body(tx, abort);
    } catch (e) {
      abort(describeIdbError(e));
    }
  });
}

export function describeIdbError(e: unknown): string {
  if (!e) return 'the transaction was aborted';
  const err = e as { name?: string; message?: string };
  if (err.name === 'QuotaExceededError') return 'not enough storage space (QuotaExceededError); delete saved models or free disk space';
  return err.name && err.name !== 'Error' ? `${err.name}: ${err.message ?? ''}`.replace(/: $/, '') : (err.message ?? String(e));
}

/** How much this origin stores and may store, when the browser tells (for "x of y MB used" next to a list). */
export async function storageEstimate(): Promise<{ usage: number; quota: number } | undefined> {
  const storage = (globalThis.navigator as { storage?: { estimate?: () => Promise<{ usage?: number; quota?: number }> } } | undefined)
    ?.storage;
  const est = await storage?.estimate?.().catch(() => undefined);
  return est && typeof est.usage === 'number' && typeof est.quota === 'number' ? { usage: est.usage, quota: est.quota } : undefined;
}

/** Every record of one object store, newest first by `when` (ties by id), or the reason listing failed. */
export async function listNewestFirst<T extends { id: string }>(
  db: IDBDatabase,
  store: string,
  when: (record: T) => string,
  what: string,
): Promise<Result<T[]>> {
  let all: T[] = [];
  const r = await inTransaction(db, [store], 'readonly', (tx) => {
    const req = tx.objectStore(store).getAll();
    req.onsuccess = () => (all = req.result as T[]);
  });
  if (!r.ok) return fail(`listing ${what} failed: ${r.reason}`);
  return ok(all.sort((a, b) => when(b).localeCompare(when(a)) || a.id.localeCompare(b.id)));
}

/** Deletes the record `id` from every store in `stores` at once; true when the first store had it. */
export async function deleteRecord(db: IDBDatabase, stores: string[], id: string, what: string): Promise<Result<boolean>> {
  let found = false;
  const r = await inTransaction(db, stores, 'readwrite', (tx) => {
    const key = tx.objectStore(stores[0]).getKey(id);
    key.onsuccess = () => {
      found = key.result !== undefined;
      for (const s of stores) tx.objectStore(s).delete(id);
    };
  });
  return r.ok ? ok(found) : fail(`deleting ${what} "${id}" failed: ${r.reason}`);
}

/** Empties every store in `stores` in one transaction. */
export async function clearStores(db: IDBDatabase, stores: string[], what: string): Promise<Result<void>> {
  const r = await inTransaction(db, stores, 'readwrite', (tx) => {
    for (const s of stores) tx.objectStore(s).clear();
  });
  return r.ok ? ok(undefined) : fail(`clearing ${what} failed: ${r.reason}`);
}
