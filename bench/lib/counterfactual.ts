// bench:explain's counterfactual figures (#18): per sampled user, the fewest history events whose removal drops the top
// recommendation out of the top 10, searched in occlusion order and re-scored; summarised as coverage and size.
import { removalCounterfactual, type RemovalCounterfactual } from '../../src/explain/counterfactual';
import type { ExplainableModel, ExplainTarget } from '../../src/explain/types';
import { fmt, median } from './report';

/** The list length the item must leave, the candidate events and the re-scoring cap per user (bench settings). */
export const CF = { k: 10, maxEvents: 20, maxScorings: 512, goodSize: 5 } as const;

export function counterfactualTally() {
  const rows: RemovalCounterfactual[] = [];
  const seconds: number[] = [];
  return {
    async add(model: ExplainableModel, target: ExplainTarget, occlusion: ArrayLike<number>) {
      const t0 = performance.now();
      rows.push(await removalCounterfactual(model, target, occlusion, CF));
      seconds.push((performance.now() - t0) / 1000);
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
      };
    },
  };
}

export function counterfactualMarkdown(s: ReturnType<ReturnType<typeof counterfactualTally>['summary']>): string {
  return (
    `**Counterfactuals:** for ${fmt(100 * s.verifiedAtMost5Share, 1)}% of ${s.users} users, removing at most ${CF.goodSize} events drops the top item out of the top ${CF.k} ` +
    `(verified by re-scoring; ${fmt(100 * s.verifiedShare, 1)}% within the ${CF.maxEvents} most supportive events), median size ${fmt(s.medianSize, 1)} events, ` +
    `median new rank ${fmt(s.medianNewRank, 0)}; ${fmt(100 * s.smallestShare, 1)}% of those sets were shown smallest among the candidates by exhaustive re-scoring ` +
    `(cap ${CF.maxScorings} histories per user; median ${fmt(s.medianScorings, 0)} re-scored, ${fmt(s.medianSeconds, 2)} s). Occlusion orders the search; the history is the model's newest-events window, so removed events are not replaced by older ones.`
  );
}
