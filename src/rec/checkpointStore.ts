// Recommender checkpoints kept in IndexedDB: the same files a `reclens train --out` folder holds (checkpoint.ts), so
// a model trained in the app survives a reload, a folder written by the CLI can be opened in the app, and training
// that was interrupted (tab closed, crash) can resume from its last epoch.
import { fail, ok, type Result } from '../lib/result';
import { clearStores, deleteRecord, describeIdbError, inTransaction, listNewestFirst, openDatabase } from '../lib/idb';
import { hashRange } from '../data/interner';
import { decodeCheckpoint } from './checkpoint';
import type { BestEpoch } from './interruptedRun';

export type CheckpointFiles = Record<string, string | Uint8Array>;

/** What the list shows without reading weights. */
export interface SavedCheckpointInfo {
  id: string;
  model: string;
  createdAt: string;
  /** Which dataset the model indexes: its user and item dictionaries must match to use it. */
  dataset: DatasetKey;
  /**
   * Set while training is still running (or was interrupted): the epoch the weights are from, and the best validated
   * epoch whose weights are kept beside them (interruptedRun.ts), which "Open as it stands" opens.
   */
  partial?: { epoch: number; maxEpochs: number; best?: BestEpoch };
  /** Validation figures at save time, when known. */
  validation?: { ndcg10: number; hr10: number };
  /** Trained for quality: its final fit trained on the validation items, so it has no validation figure to list. */
  trainedForQuality?: true;
  bytes: number;
}

export interface DatasetKey {
  source: string;
  users: number;
  items: number;
  /** FNV-1a of the user and item ids in dictionary order. */
  idsHash: number;
}

/** The identity of a dataset as a model sees it: the id dictionaries in order (what every tensor indexes). */
export function datasetKey(source: string, users: readonly string[], items: readonly string[]): DatasetKey {
  const text = `${users.join('\n')}\u0000${items.join('\n')}`;
  return { source, users: users.length, items: items.length, idsHash: hashRange(text, 0, text.length) >>> 0 };
}

export const sameDataset = (a: DatasetKey, b: DatasetKey): boolean => a.users === b.users && a.items === b.items && a.idsHash === b.idsHash;

/**
 * A checkpoint from elsewhere (a session file) before it is stored: its files pass every check decodeCheckpoint
 * makes, and its list entry names the dataset its ids are (else it would be listed under a dataset it cannot open).
 */
export async function checkIncoming(
  info: Pick<SavedCheckpointInfo, 'dataset'>,
  files: CheckpointFiles,
): Promise<Result<{ notes: string[] }>> {
  const decoded = await decodeCheckpoint((f) => files[f] ?? null);
  if (!decoded.ok) return decoded;
  const { users, items, notes } = decoded.data;
  if (!sameDataset(info.dataset, datasetKey(info.dataset.source, users, items))) {
    return fail(
      `its description says it was trained on ${info.dataset.users} users and ${info.dataset.items} items, but its files hold ${users.length} users and ${items.length} items (or the same counts in another order)`,
    );
  }
  return ok({ notes });
}

export interface CheckpointStore {
  /** Replaces a checkpoint with the same id (epoch checkpoints overwrite each other). */
  save(info: Omit<SavedCheckpointInfo, 'bytes'>, files: CheckpointFiles): Promise<Result<SavedCheckpointInfo>>;
  load(id: string): Promise<Result<{ info: SavedCheckpointInfo; files: CheckpointFiles }>>;
  /** Newest first. */
  list(): Promise<Result<SavedCheckpointInfo[]>>;
  delete(id: string): Promise<Result<boolean>>;
  clear(): Promise<Result<void>>;
  close(): void;
}

export const CHECKPOINT_DB_NAME = 'reclens-checkpoints';
const INFO = 'info';
const FILES = 'files';

export async function openCheckpointStore(opts: { indexedDB?: IDBFactory; name?: string } = {}): Promise<Result<CheckpointStore>> {
  const db = await openDatabase({
    indexedDB: opts.indexedDB,
    name: opts.name ?? CHECKPOINT_DB_NAME,
    version: 1,
    stores: { [INFO]: 'id', [FILES]: undefined },
    what: 'saved recommenders',
  });
  return db.ok ? ok(storeOn(db.data)) : db;
}

function storeOn(db: IDBDatabase): CheckpointStore {
  const both = [INFO, FILES];
  return {
    async save(partialInfo, files) {
      if (!partialInfo.id) return fail('a checkpoint needs a non-empty id');
      const info: SavedCheckpointInfo = { ...partialInfo, bytes: sizeOf(files) };
      const r = await inTransaction(db, both, 'readwrite', (tx, abort) => {
        try {
          tx.objectStore(INFO).put(info);
          tx.objectStore(FILES).put(files, info.id);
        } catch (e) {
          abort(describeIdbError(e));
        }
      });
      return r.ok ? ok(info) : fail(`saving ${info.model} failed: ${r.reason}. Nothing was saved.`);
    },

    async load(id) {
      let info: SavedCheckpointInfo | undefined;
      let files: CheckpointFiles | undefined;
      const r = await inTransaction(db, both, 'readonly', (tx) => {
        const a = tx.objectStore(INFO).get(id);
        a.onsuccess = () => (info = a.result);
        const b = tx.objectStore(FILES).get(id);
        b.onsuccess = () => (files = b.result);
      });
      if (!r.ok) return fail(`loading checkpoint "${id}" failed: ${r.reason}`);
      if (!info || !files) return fail(`no saved checkpoint "${id}"`);
      return ok({ info, files });
    },

    list: () => listNewestFirst<SavedCheckpointInfo>(db, INFO, (c) => c.createdAt, 'saved checkpoints'),

    delete: (id) => deleteRecord(db, both, id, 'checkpoint'),

    clear: () => clearStores(db, both, 'saved checkpoints'),

    close: () => db.close(),
  };
}

function sizeOf(files: CheckpointFiles): number {
  let bytes = 0;
  for (const v of Object.values(files)) bytes += typeof v === 'string' ? new TextEncoder().encode(v).byteLength : v.byteLength;
  return bytes;
}
