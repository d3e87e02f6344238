// The recommending service: score one history and return the top-K items, the history's items (or `exclude`) left out.
import { asItemIdxs, type ItemIdx, type UserIdx } from '../lib/ids';
import { topK } from './rank';
import type { Recommender } from './recommender';

export interface RecommendRequest {
  modelId: string;
  /** Log user index, or -1 for an edited history that no longer belongs to a known user. */
  user: UserIdx;
  /** Item indices in time order: what the model conditions on and what is excluded from the list. */
  history: Int32Array;
  /** Event type index (in the log's event types) of each history element, for models that embed types. */
  events?: Int32Array;
  k: number;
}

export interface RecommendResult {
  items: ItemIdx[];
  scores: number[];
}

/** Top-K for one history; `exclude` defaults to the history itself (the CLI excludes every item the split kept). */
export async function recommendFor(
  model: Recommender,
  req: Omit<RecommendRequest, 'modelId'>,
  exclude: ArrayLike<number> = req.history,
): Promise<RecommendResult> {
  const scores = await model.scoreUsers({
    users: Int32Array.of(req.user),
    histories: [req.history],
    ...(req.events ? { events: [req.events] } : {}),
  });
  const top = topK(scores, req.k, exclude);
  return { items: asItemIdxs(top.items), scores: Array.from(top.scores) };
}
