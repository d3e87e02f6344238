// Explaining a user's recommendations in the ML worker, with progress and Cancel.
import { mlWorker } from '../workers/client';
import { asUserIdx } from '../lib/ids';
import type { ExplainResult } from '../explain/explainTopK';
import type { PopulationDrivers } from '../explain/userSample';
import type { MethodName } from '../explain/registry';
import type { IgBaseline } from '../explain/types';
import { activeDataset } from './dataSlice';
import { metaOfRows } from '../explain/eventsOf';
import { runTask } from './runTask';
import { useApp } from './index';

export async function explainUser(
  modelId: string,
  user: number,
  history: { item: number; type: string; row?: number }[],
  methods: string[],
  k: number,
  ig: { baseline?: IgBaseline; steps?: number } = {},
): Promise<ExplainResult | null> {
  const dataset = activeDataset(useApp.getState());
  if (!dataset) return null;
  // Ratings and times of the events the log holds (an event the analyst added has none), for reasons and labels.
  const { ratings, times } = metaOfRows(
    dataset.log,
    history.map((e) => e.row ?? -1),
  );
  // Item titles and categories for the reasons come from the catalog the ML worker already holds.
  const request = {
    modelId,
    user: asUserIdx(user),
    history: Int32Array.from(history, (e) => e.item),
    types: history.map((e) => e.type),
    ratings,
    times,
    k,
    methods: methods as MethodName[],
    seed: 42,
    attention: true,
    ...ig,
  };
  return runTask(
    'explain',
    'Explaining recommendations',
    (id) => void mlWorker().cancel(id),
    (id, onProgress) => mlWorker().explain(request, id, onProgress) as Promise<ExplainResult>,
  );
}

/** What the Explain view and the guide's one-click Explain start from. */
export const EXPLAIN_DEFAULTS = { method: 'occlusion' as MethodName, k: 5, ig: { baseline: 'mask' as IgBaseline, steps: 32 } };

/** Explain and keep the result as the explanation shown (the view, the report and the CSV export read it from the store). */
export async function explainAndShow(
  modelId: string,
  user: number,
  history: { item: number; type: string; row?: number }[],
  methods: string[] = [EXPLAIN_DEFAULTS.method],
  k = EXPLAIN_DEFAULTS.k,
  ig: { baseline?: IgBaseline; steps?: number } = EXPLAIN_DEFAULTS.ig,
): Promise<ExplainResult | null> {
  const result = await explainUser(modelId, user, history, methods, k, ig);
  if (result) useApp.getState().explanationShown({ modelId, user, result });
  return result;
}

/** Which items and categories drive recommendations across a seeded sample of users. */
export async function explainPopulation(modelId: string, users: number, method: MethodName): Promise<PopulationDrivers | null> {
  if (!activeDataset(useApp.getState())) return null;
  return runTask(
    'population',
    `Explaining ${users} users`,
    (id) => void mlWorker().cancel(id),
    (id, onProgress) => mlWorker().population({ modelId, users, method, seed: 42 }, id, onProgress) as Promise<PopulationDrivers>,
  );
}
