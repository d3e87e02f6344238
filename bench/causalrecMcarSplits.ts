// bench:causalrec, how much the rating-level adjustments depend on which users lend the random sample: the 10% of
// users whose random test ratings form the sample is redrawn several times; each time the adjusted propensities are
// rebuilt from that sample, the row's model refitted (its λ and factors from the main table), and scored against IPS
// with the authors' propensities alone on the remaining users' random test ratings (paired bootstrap over users).
import { createRng } from '../src/lib/rng';
import { ratingData, type RatingData } from '../src/rec/ratings';
import { pairedDifference, scoreTest } from '../src/rec/unbiasedEval';
import { fmt } from './lib/report';

export const SAMPLE_SPLITS = [1, 2, 3, 4, 5, 6, 7, 8];

export interface SplitRow {
  method: string;
  /** The row's propensities built from a random sample of ratings; the model fitted with them. */
  fit(mcar: number[]): (u: number, i: number) => number;
}

export function mcarSplitSection(
  numUsers: number,
  numItems: number,
  testTriples: readonly [number, number, number][],
  userShare: number,
  baseline: { method: string; predict: (u: number, i: number) => number },
  rows: SplitRow[],
): { md: string; json: unknown } {
  const results = rows.map((row) =>
    SAMPLE_SPLITS.map((seed) => {
      const order = createRng(seed).shuffle(Array.from({ length: numUsers }, (_, u) => u));
      const lenders = new Set(order.slice(0, Math.round(userShare * numUsers)));
      const scored: RatingData = ratingData(
        numUsers,
        numItems,
        testTriples.filter(([u]) => !lenders.has(u)),
      );
      const mcar = testTriples.filter(([u]) => lenders.has(u)).map(([, , r]) => r);
      const a = scoreTest(scored, row.fit(mcar), { explicit: true, samples: 1 });
      const b = scoreTest(scored, baseline.predict, { explicit: true, samples: 1 });
      return pairedDifference(a.perUser, b.perUser, 'MSE', { seed });
    }),
  );
  const signed = (x: number) => `${x >= 0 ? '+' : '−'}${fmt(Math.abs(x), 3)}`;
  const md = [
    '',
    `How much this depends on which ${userShare * 100}% of users lend the random sample: ${SAMPLE_SPLITS.length} seeded redraws of those users; each time the`,
    `adjusted propensities are rebuilt from the new sample, the row's model refitted (λ and factors as above) and scored against ${baseline.method}`,
    "on the other users' random test ratings. ΔMSE per redraw (paired 95% CI over users); the last columns count the redraws whose CI lies below 0 (better) or above 0 (worse).",
    '',
    `| method − ${baseline.method} | ${SAMPLE_SPLITS.map((s) => `redraw ${s}`).join(' | ')} | mean ΔMSE | better | worse |`,
    `| --- | ${SAMPLE_SPLITS.map(() => '---').join(' | ')} | --- | --- | --- |`,
    ...rows.map((row, k) => {
      const r = results[k];
      const mean = r.reduce((s, d) => s + d.difference, 0) / r.length;
      return `| ${row.method} | ${r.map((d) => `${signed(d.difference)} [${signed(d.ci95[0])}, ${signed(d.ci95[1])}]`).join(' | ')} | ${signed(mean)} | ${
        r.filter((d) => d.ci95[1] < 0).length
      } | ${r.filter((d) => d.ci95[0] > 0).length} |`;
    }),
  ].join('\n');
  return {
    md,
    json: { splits: SAMPLE_SPLITS, rows: rows.map((row, k) => ({ method: row.method, differences: results[k] })) },
  };
}
