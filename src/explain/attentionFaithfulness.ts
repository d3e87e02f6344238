// How far attention can be trusted as a reason for one recommendation: the rollout order's deletion/insertion AUC
// against random orders (attention weights are not explanations by themselves, Jain & Wallace 2019), and the verdict
// the attention note states, taken from those four numbers only.
import { faithfulness, type Faithfulness } from './faithfulness';
import { rolloutAttribution } from './rollout';
import type { AttentionMaps, ExplainableModel, ExplainTarget } from './types';

export type AttentionFaithfulness = Omit<Faithfulness, 'deletion' | 'insertion'>;

/** Faithfulness of the events ranked by rollout from the read position (the maps already read for `target`). */
export async function attentionFaithfulness(
  model: ExplainableModel,
  target: ExplainTarget,
  maps: AttentionMaps,
  options: { seed: number; signal?: AbortSignal },
): Promise<AttentionFaithfulness> {
  const { values } = rolloutAttribution(maps);
  const { deletion: _d, insertion: _i, ...figures } = await faithfulness(model, target, values, options);
  return figures;
}

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
