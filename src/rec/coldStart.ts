// Cold-start slices of a leave-one-out evaluation: the test cases of users with few training interactions, and the test
// cases whose held-out item has few. Overall metrics are dominated by well-known users and popular items; these slices
// show how a model does where history is thin, which is where item text is meant to help.
import type { TrainData } from './recommender';
import { heldOutItem, type LeaveOneOutSplit, type Stage } from './split';

/** "Cold": at most this many interactions in the training data. */
export const COLD_MAX_INTERACTIONS = 5;
export const SLICES = ['cold-users', 'cold-items'] as const;
export type Slice = (typeof SLICES)[number];
export const isSlice = (x: unknown): x is Slice => (SLICES as readonly unknown[]).includes(x);

/** Training interactions (events of the training data, repeats included) per user and per item. */
export interface TrainingCounts {
  users: Uint32Array;
  items: Uint32Array;
}

export function trainingCounts(train: TrainData): TrainingCounts {
  const { offsets, items: seq } = train.sequences;
  const users = new Uint32Array(train.numUsers);
  for (let u = 0; u < train.numUsers; u++) users[u] = offsets[u + 1] - offsets[u];
  const items = new Uint32Array(train.numItems);
  for (const i of seq) items[i]++;
  return { users, items };
}

/** Per test case in `users`, the training interactions that decide its slice: of the user, or of its held-out item. */
export function caseCounts(slice: Slice, split: LeaveOneOutSplit, users: Int32Array, stage: Stage, counts: TrainingCounts): Uint32Array {
  return Uint32Array.from(users, (u) => (slice === 'cold-users' ? counts.users[u] : counts.items[heldOutItem(split, u, stage)]));
}

/**
 * Positions in `users` (the evaluated users, one test case each) that fall in `slice`: the user has at most `max`
 * training interactions (cold-users), or the user's held-out item has (cold-items).
 */
export function slicePositions(
  slice: Slice,
  split: LeaveOneOutSplit,
  users: Int32Array,
  stage: Stage,
  counts: TrainingCounts,
  max = COLD_MAX_INTERACTIONS,
): number[] {
  const out: number[] = [];
  caseCounts(slice, split, users, stage, counts).forEach((n, p) => {
    if (n <= max) out.push(p);
  });
  return out;
}

/** Why a slice has no test case, in numbers (for an error or an empty row): the fewest training interactions seen. */
export function emptySliceReason(
  slice: Slice,
  split: LeaveOneOutSplit,
  users: Int32Array,
  stage: Stage,
  counts: TrainingCounts,
  max = COLD_MAX_INTERACTIONS,
): string {
  const fewest = fewestOf(caseCounts(slice, split, users, stage, counts));
  const who = slice === 'cold-users' ? 'evaluated user' : "evaluated user's held-out item";
  return `no test case in slice ${slice}: every ${who} has more than ${max} training interactions (fewest: ${fewest})`;
}

/** The smallest count, 0 for none (a loop: spreading a million counts into Math.min overflows the stack). */
export function fewestOf(counts: Uint32Array): number {
  let fewest = counts.length ? Infinity : 0;
  for (const n of counts) fewest = Math.min(fewest, n);
  return fewest;
}
