// How far attention can be trusted as a reason for one recommendation: the rollout order's deletion/insertion AUC
// against random orders (attention weights are not explanations by themselves, Jain & Wallace 2019) and against simply
// taking the newest events first (a causal model's rollout leans on recency: does it add anything beyond it?), and the
// verdicts the attention note states, taken from those numbers only.
import { faithfulness, type Faithfulness } from './faithfulness';
import { rolloutAttribution } from './rollout';
import type { AttentionMaps, ExplainableModel, ExplainTarget } from './types';

export type AttentionFaithfulness = Omit<Faithfulness, 'deletion' | 'insertion'> & {
  /** Deletion/insertion AUC of the newest-first order for the same item (NaN when the score does not depend on history). */
  recencyDeletionAUC: number;
  recencyInsertionAUC: number;
};

/**
 * Faithfulness of the events ranked by rollout from the read position (the maps already read for `target`), and of
 * the newest-first order. `known`: the rollout order's figures when the caller already has them (rollout was the
 * explained method), so only the newest-first curves are scored.
 */
export async function attentionFaithfulness(
  model: ExplainableModel,
  target: ExplainTarget,
  maps: AttentionMaps,
  options: { seed: number; signal?: AbortSignal; known?: Omit<Faithfulness, 'deletion' | 'insertion'> },
): Promise<AttentionFaithfulness> {
  const { known, ...run } = options;
  const figures = known ?? strip(await faithfulness(model, target, rolloutAttribution(maps).values, run));
  // Larger = newer: the attribution order puts the newest event first. No random orders: only its own AUCs are used.
  const newest = Float64Array.from(target.history, (_, k) => k);
  const recency = await faithfulness(model, target, newest, { ...run, randomOrders: 0 });
  return { ...figures, recencyDeletionAUC: recency.deletionAUC, recencyInsertionAUC: recency.insertionAUC };
}

const strip = ({ deletion: _d, insertion: _i, ...figures }: Faithfulness) => figures;

/**
 * - `unmeasured`: the score barely depends on the history (or no random baseline), so the AUCs mean nothing;
 * - `better`: removing the top events lowers the score faster than random AND adding them back raises it faster;
 * - `mixed`: one of the two only; `noBetter`: neither.
 * A difference under `margin` (on the normalised 0–1 score) counts as no difference.
 */
export type AttentionVerdict = 'unmeasured' | 'better' | 'mixed' | 'noBetter';

export const VERDICT_MARGIN = 0.02;

export function attentionVerdict(
  f: Pick<Faithfulness, 'deletionAUC' | 'insertionAUC' | 'randomDeletionAUC' | 'randomInsertionAUC' | 'degenerate'>,
  margin = VERDICT_MARGIN,
): AttentionVerdict {
  const figures = [f.deletionAUC, f.insertionAUC, f.randomDeletionAUC, f.randomInsertionAUC];
  if (f.degenerate || !figures.every(Number.isFinite)) return 'unmeasured';
  const deletion = f.deletionAUC < f.randomDeletionAUC - margin;
  const insertion = f.insertionAUC > f.randomInsertionAUC + margin;
  return deletion && insertion ? 'better' : deletion || insertion ? 'mixed' : 'noBetter';
}

/** The same verdict with the newest-first order in place of random orders: does rollout add anything beyond recency? */
export function recencyVerdict(
  f: Pick<AttentionFaithfulness, 'deletionAUC' | 'insertionAUC' | 'recencyDeletionAUC' | 'recencyInsertionAUC' | 'degenerate'>,
  margin = VERDICT_MARGIN,
): AttentionVerdict {
  return attentionVerdict({ ...f, randomDeletionAUC: f.recencyDeletionAUC, randomInsertionAUC: f.recencyInsertionAUC }, margin);
}
