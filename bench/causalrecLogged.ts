// bench:causalrec, "without a random test set": how close the estimates from held-out self-selected ratings come to
// the MSE on Coat's randomly assigned test ratings. For each of a few seeded splits, a share of every user's training
// ratings is held out (rec/loggedHoldout.ts), the model refitted on the rest with its row's λ and factors, and its
// held-out MSE estimated naively, by IPS and by SNIPS, next to the same model's MSE on the random test ratings.
import { observedPropensities, type PropensityModel } from '../src/rec/propensity';
import { heldOutEstimates, holdoutRatings, type EstimateWithCi } from '../src/rec/loggedHoldout';
import type { RatingData } from '../src/rec/ratings';
import { scoreTest } from '../src/rec/unbiasedEval';
import { fmt } from './lib/report';

const SHARE = 0.2;
const SPLITS = [1, 2, 3, 4, 5];

export interface LoggedModel {
  method: string;
  /** Fit on these ratings with the row's settings; the predicted rating of (u, i). */
  fit(d: RatingData, seed: number): (u: number, i: number) => number;
}

type Estimator = { name: string; kind: 'naive' | 'ips' | 'snips'; propensity: PropensityModel | null };

export function loggedSection(
  train: RatingData,
  test: RatingData,
  models: LoggedModel[],
  propensities: { name: string; model: PropensityModel }[],
  clip: number,
): { md: string; json: unknown } {
  const estimators: Estimator[] = [{ name: 'naive average', kind: 'naive', propensity: null }];
  for (const p of propensities)
    for (const kind of ['ips', 'snips'] as const) estimators.push({ name: `${kind.toUpperCase()} · ${p.name}`, kind, propensity: p.model });
  // results[model][split] = { test, estimates by estimator name }
  const results = models.map((m) =>
    SPLITS.map((seed) => {
      const h = holdoutRatings(train, SHARE, seed);
      const predict = m.fit(h.fit, seed);
      const testMse = scoreTest(test, predict, { explicit: true, samples: 1 }).metrics.MSE!;
      const byName = new Map<string, EstimateWithCi>();
      for (const e of estimators) {
        const p = e.propensity ? observedPropensities(e.propensity, h.heldOut, clip).p : new Float64Array(h.heldOut.user.length).fill(1);
        byName.set(e.name, heldOutEstimates(h.heldOut, predict, p, h.chance, { seed }).estimates.MSE[e.kind]);
      }
      return { test: testMse, byName, heldOut: h.heldOut.user.length };
    }),
  );
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const rows = models.flatMap((m, k) => {
    const r = results[k];
    const testMean = mean(r.map((s) => s.test));
    return estimators.map((e) => {
      const first = r[0].byName.get(e.name)!;
      return {
        model: m.method,
        estimator: e.name,
        test: testMean,
        estimate: mean(r.map((s) => s.byName.get(e.name)!.value)),
        gap: mean(r.map((s) => Math.abs(s.byName.get(e.name)!.value - s.test))),
        first,
      };
    });
  });
  // With two models: in how many splits does each estimator order them as the random test does?
  const agree =
    models.length === 2
      ? estimators.map((e) => ({
          estimator: e.name,
          agree: SPLITS.filter((_, s) => {
            const [a, b] = results.map((r) => r[s]);
            return Math.sign(a.byName.get(e.name)!.value - b.byName.get(e.name)!.value) === Math.sign(a.test - b.test);
          }).length,
        }))
      : [];
  const ci = (x: EstimateWithCi) => `${fmt(x.value, 3)} [${fmt(x.ci95[0], 3)}, ${fmt(x.ci95[1], 3)}]`;
  const md = [
    '',
    '### Without a random test set: estimates from held-out logged ratings (`reclens evaluate --holdout <share>`)',
    '',
    `${SPLITS.length} seeded splits hold out ${SHARE * 100}% of every user's training ratings (${results[0][0].heldOut} ratings), refit the row's model`,
    "(its λ and factors above) on the rest, and estimate its MSE from the held-out ratings; the truth column is the same refitted model's",
    'MSE on the random test ratings. IPS/SNIPS weight each held-out rating by 1/(p · its chance of being held out), p clipped at ' +
      `${clip}.`,
    '',
    '| model | estimator | test MSE (mean of splits) | estimate (mean of splits) | mean abs. gap to test | split 1: estimate [95% CI] |',
    '| --- | --- | --- | --- | --- | --- |',
    ...rows.map((r) => `| ${r.model} | ${r.estimator} | ${fmt(r.test, 3)} | ${fmt(r.estimate, 3)} | ${fmt(r.gap, 3)} | ${ci(r.first)} |`),
    ...(agree.length
      ? [
          '',
          `Splits (of ${SPLITS.length}) in which the estimator orders ${models[0].method} and ${models[1].method} as the random test does: ` +
            agree.map((a) => `${a.estimator} ${a.agree}`).join(', ') +
            '.',
        ]
      : []),
  ].join('\n');
  return { md, json: { share: SHARE, splits: SPLITS, rows: rows.map(({ first, ...r }) => ({ ...r, split1: first })), agree } };
}
