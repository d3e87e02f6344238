// The straight path for a parsed dataset: the core worker posts it to the ML worker over a channel of their own (the
// copy is made and read off the page thread), and the ML worker can save it in IndexedDB, also off the page thread.
import type { DatasetPayload } from '../data/dataset';
import { openDatasetStore, type StoredDatasetInfo } from '../data/datasetStore';
import type { Result } from '../lib/result';
import type { ModelWorkspace } from '../rec/modelWorkspace';

/** What the ML worker exposes on the core worker's port. */
export interface DatasetInbox {
  deliver(id: string, payload: DatasetPayload): void;
}

/** The ML worker's side: datasets the core worker handed over, by the id the page gave them. */
export class HandedDatasets implements DatasetInbox {
  private readonly payloads = new Map<string, DatasetPayload>();
  private readonly waiting = new Map<string, () => void>();

  constructor(private readonly models: ModelWorkspace) {}

  deliver(id: string, payload: DatasetPayload): void {
    this.models.addDataset(id, payload.log, {
      catalog: payload.catalog,
      truthEdges: payload.truth?.edges ?? null,
      uplift: payload.truth?.uplift ?? null,
    });
    this.payloads.set(id, payload);
    this.waiting.get(id)?.();
  }

  /** Whether the dataset arrived; waits up to `ms` (the page asks after the core posted it, on another port). */
  claim(id: string, ms: number): Promise<boolean> {
    if (this.payloads.has(id)) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => settle(false), ms);
      const settle = (arrived: boolean) => {
        clearTimeout(timer);
        this.waiting.delete(id);
        resolve(arrived);
      };
      this.waiting.set(id, () => settle(true));
    });
  }

  /** Save a handed-over dataset in the browser under `storedId`; null when it is not held here (then the page saves). */
  async save(id: string, storedId: string): Promise<Result<StoredDatasetInfo> | null> {
    const payload = this.payloads.get(id);
    if (!payload) return null;
    const store = await openDatasetStore();
    if (!store.ok) return store;
    try {
      return await store.data.save(storedId, payload);
    } finally {
      store.data.close();
    }
  }

  remove(id: string): void {
    this.payloads.delete(id);
    this.models.removeDataset(id);
  }
}
