// Does item text help cold items? A model that reads item text (the content model, or a sequence model with itemText)
// against popularity on the cold-items slice, paired over the same test cases: the difference and its 95% interval.
import type { EvaluationResult } from './evaluate';
import { pairedDifference, type PairedDifference } from './pairedComparison';
import type { Slice } from './coldStart';

type PerUser = NonNullable<EvaluationResult['perUser']>;

/** The per-user ranks of the test cases in `members` only. */
export function perUserIn(perUser: PerUser, members: readonly number[]): PerUser {
  const keep = new Set(members);
  const at = perUser.users.flatMap((u, i) => (keep.has(u) ? [i] : []));
  return { users: at.map((i) => perUser.users[i]), items: at.map((i) => perUser.items[i]), ranks: at.map((i) => perUser.ranks[i]) };
}

/**
 * `model` − `reference` on `metric` over the test cases of `slice` both evaluated, or null when either lacks per-user
 * ranks or the slice (an evaluation from before slices were kept) or the slice is empty.
 */
export function sliceDifference(
  model: EvaluationResult,
  reference: EvaluationResult,
  slice: Slice,
  metric: string,
  seed: number,
  samples = 1000,
): PairedDifference | null {
  const members = model.slices?.[slice]?.members;
  if (!model.perUser || !reference.perUser || !members?.length) return null;
  return pairedDifference(perUserIn(model.perUser, members), perUserIn(reference.perUser, members), metric, seed, samples);
}
