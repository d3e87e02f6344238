// Counterfactuals for the Explain view, in the ML worker, with progress and Cancel.
import { mlWorker } from '../workers/client';
import { asUserIdx } from '../lib/ids';
import type { CounterfactualResult } from '../explain/counterfactualExplain';
import { activeDataset } from './dataSlice';
import { runTask } from './runTask';
import { useApp } from './index';

/**
 * The events of `history` whose removal drops `item` out of the top K, and the one added item that brings `addItem`
 * (default: the item ranked K + 1) in; null when no dataset is open or the analyst cancelled.
 */
export async function counterfactualFor(
  modelId: string,
  user: number,
  history: { item: number; type: string }[],
  k: number,
  item: number,
  addItem?: number,
): Promise<CounterfactualResult | null> {
  if (!activeDataset(useApp.getState())) return null;
  const request = {
    modelId,
    user: asUserIdx(user),
    history: Int32Array.from(history, (e) => e.item),
    types: history.map((e) => e.type),
    k,
    item,
    ...(addItem !== undefined ? { addItem } : {}),
    seed: 42,
  };
  return runTask(
    'counterfactual',
    'Searching counterfactuals',
    (id) => void mlWorker().cancel(id),
    (id, onProgress) => mlWorker().counterfactual(request, id, onProgress) as Promise<CounterfactualResult>,
  );
}
