// Scoring a fitted model on a separate test log (e.g. randomly assigned ratings): the ids mapped to the model's own
// indices, scores from its predicted ratings or its ranking scores, and unbiasedEval's metrics. The CLI
// (`evaluate --test`) and the app's Evaluate view both call this.
import type { EventLog } from '../data/eventLog';
import { fail, ok, type Result } from '../lib/result';
import { ratingData, type RatingData } from './ratings';
import type { Recommender } from './recommender';
import { historyEventsOf, historyOf, type LeaveOneOutSplit } from './split';
import { predictsRatings, scoreTest, type TestScores } from './unbiasedEval';

/** The test log's rated rows in the model's indices; rows naming ids it never saw (or without a rating) are counted. */
export function testRatingsOf(
  testLog: EventLog,
  users: readonly string[],
  items: readonly string[],
): Result<{ test: RatingData; skipped: number }> {
  const ui = new Map(users.map((u, k) => [u, k]));
  const ii = new Map(items.map((u, k) => [u, k]));
  const triples: [number, number, number][] = [];
  let skipped = 0;
  for (let r = 0; r < testLog.length; r++) {
    const u = ui.get(testLog.users[testLog.user[r]]);
    const i = ii.get(testLog.items[testLog.item[r]]);
    const v = testLog.value[r];
    if (u === undefined || i === undefined || !Number.isFinite(v)) skipped++;
    else triples.push([u, i, v]);
  }
  if (!triples.length) return fail(`no test rating names a user and an item the model knows (${skipped} rows left out)`);
  return ok({ test: ratingData(users.length, items.length, triples), skipped });
}

/** score(u, i): a rating model's predicted rating, else the model's score given the user's whole history. */
export async function testScorer(model: Recommender, split: LeaveOneOutSplit, test: RatingData): Promise<(u: number, i: number) => number> {
  if (predictsRatings(model)) return (u, i) => model.predictRating(u, i);
  const rows = new Map<number, Float32Array>();
  for (const u of new Set(test.user)) {
    const events = historyEventsOf(split, u, 'all');
    const scores = await model.scoreUsers({
      users: Int32Array.of(u),
      histories: [historyOf(split, u, 'all')],
      ...(events ? { events: [events] } : {}),
    });
    rows.set(u, Float32Array.from(scores));
  }
  return (u, i) => rows.get(u)![i];
}

/**
 * What a test-log evaluation reports, with the per-user sums (a few arrays of the test file's users): two models scored
 * on the same file are compared by a paired bootstrap over them (the causal-vs-traditional table).
 */
export type TestLogScores = TestScores & { skipped: number; explicit: boolean };

export async function scoreOnTestLog(
  model: Recommender,
  split: LeaveOneOutSplit,
  ids: { users: readonly string[]; items: readonly string[] },
  testLog: EventLog,
  seed: number,
): Promise<Result<TestLogScores>> {
  const mapped = testRatingsOf(testLog, ids.users, ids.items);
  if (!mapped.ok) return mapped;
  const explicit = predictsRatings(model);
  const scores = scoreTest(mapped.data.test, await testScorer(model, split, mapped.data.test), { explicit, seed });
  return ok({ ...scores, skipped: mapped.data.skipped, explicit });
}
