// Knowledge paths for the Explain view, in the ML worker, with progress and Cancel.
import { mlWorker } from '../workers/client';
import { asItemIdx, asUserIdx } from '../lib/ids';
import type { Result } from '../lib/result';
import type { KnowledgeResult } from '../explain/knowledgeExplain';
import type { MethodName } from '../explain/registry';
import { metaOfRows } from '../explain/eventsOf';
import { activeDataset } from './dataSlice';
import { runTask } from './runTask';
import { useApp } from './index';

/**
 * Paths from the user's history through catalog attributes to `item`, weighted by `method`; null when no dataset is
 * open or the analyst cancelled, a failed Result when the dataset has no catalog.
 */
export async function knowledgeFor(
  modelId: string,
  user: number,
  history: { item: number; type: string; row?: number }[],
  item: number,
  method: MethodName = 'occlusion',
): Promise<Result<KnowledgeResult> | null> {
  const dataset = activeDataset(useApp.getState());
  if (!dataset) return null;
  // Ratings of the events the log holds, so a path can say "films you rated 4–5".
  const { ratings } = metaOfRows(
    dataset.log,
    history.map((e) => e.row ?? -1),
  );
  const request = {
    modelId,
    user: asUserIdx(user),
    history: Int32Array.from(history, (e) => e.item),
    types: history.map((e) => e.type),
    ratings,
    item: asItemIdx(item),
    method,
    seed: 42,
  };
  return runTask(
    'knowledge',
    'Finding knowledge paths',
    (id) => void mlWorker().cancel(id),
    (id, onProgress) => mlWorker().knowledge(request, id, onProgress) as Promise<Result<KnowledgeResult>>,
  );
}
