// bench:explain's counterfactual figures (#18): per sampled user, the history events whose removal drops the top
// recommendation out of the top 10 (searched in occlusion order, re-scored), and whether one added item brings the
// 11th item into the top 10; summarised as coverage and size.
import {
  additionCandidates,
  additionCounterfactual,
  removalCounterfactual,
  type RemovalCounterfactual,
} from '../../src/explain/counterfactual';
import type { ExplainableModel, ExplainTarget } from '../../src/explain/types';
import { asItemIdx } from '../../src/lib/ids';
import { topK } from '../../src/rec/rank';
import type { Interactions } from '../../src/rec/recommender';
import { fmt, median } from './report';

/** The list length the item must leave, the candidate events and items, and the re-scoring cap per user (bench settings). */
export const CF = { k: 10, maxEvents: 20, maxScorings: 512, candidates: 200, goodSize: 5 } as const;

export function counterfactualTally() {
  const rows: RemovalCounterfactual[] = [];
  const seconds: number[] = [];
  const added: boolean[] = [];
  return {
    /** `sequences`: the dataset's, for the addition candidates (items co-consumed with the 11th item, then popular ones). */
    async add(model: ExplainableModel, target: ExplainTarget, occlusion: ArrayLike<number>, sequences: Interactions) {
      const t0 = performance.now();
      rows.push(await removalCounterfactual(model, target, occlusion, CF));
      seconds.push((performance.now() - t0) / 1000);
      const exclude = target.exclude ?? target.history;
      const scores = await model.recommender.scoreUsers({ users: Int32Array.of(target.user), histories: [target.history] });
      const next = topK(scores, CF.k + 1, exclude).items[CF.k];
      if (next === undefined) return;
      const candidates = additionCandidates(sequences, scores.length, next, exclude, CF.candidates);
      const a = await additionCounterfactual(model, { ...target, item: asItemIdx(next) }, candidates, CF);
      added.push(a.verified);
    },
    summary() {
      const found = rows.filter((r) => r.verified && r.removed);
      const sizes = found.map((r) => r.removed!.length);
      return {
        users: rows.length,
        verifiedShare: found.length / Math.max(1, rows.length),
        verifiedAtMost5Share: sizes.filter((s) => s <= CF.goodSize).length / Math.max(1, rows.length),
        medianSize: median(sizes),
        smallestShare: found.filter((r) => r.smallest).length / Math.max(1, found.length),
        medianNewRank: median(found.map((r) => r.newRank)),
        medianScorings: median(rows.map((r) => r.scorings)),
        medianSeconds: median(seconds),
        additionUsers: added.length,
        additionVerifiedShare: added.filter(Boolean).length / Math.max(1, added.length),
      };
    },
  };
}

export function counterfactualMarkdown(s: ReturnType<ReturnType<typeof counterfactualTally>['summary']>): string {
  return (
    `**Counterfactuals:** for ${fmt(100 * s.verifiedAtMost5Share, 1)}% of ${s.users} users, removing at most ${CF.goodSize} events drops the top item out of the top ${CF.k} ` +
    `(verified by re-scoring; ${fmt(100 * s.verifiedShare, 1)}% within the ${CF.maxEvents} most supportive events), median size ${fmt(s.medianSize, 1)} events, ` +
    `median new rank ${fmt(s.medianNewRank, 0)}; ${fmt(100 * s.smallestShare, 1)}% of those sets were shown smallest among the candidates by exhaustive re-scoring ` +
    `(cap ${CF.maxScorings} histories per user; median ${fmt(s.medianScorings, 0)} re-scored, ${fmt(s.medianSeconds, 2)} s). ` +
    `One added item (of the ${CF.candidates} most co-consumed with it, as the newest event) brings the 11th item into the top ${CF.k} for ${fmt(100 * s.additionVerifiedShare, 1)}% of ${s.additionUsers} users. ` +
    `Occlusion orders the search; the history is the model's newest-events window, so removed events are not replaced by older ones.`
  );
}
