// `reclens evaluate --test <file>`: score a model on an explicit test log — e.g. Coat's randomly assigned ratings — with
// rating errors, per-user AUC and NDCG@5 and bootstrap CIs; with --test-propensity, also the IPS and SNIPS estimates
// that apply when the test ratings are themselves self-selected (Schnabel et al. 2016).
import { popularityPropensity } from '../rec/propensity';
import { ratingData } from '../rec/ratings';
import { testRatingsOf, testScorer } from '../rec/testLog';
import { trainData } from '../rec/split';
import { loggedEstimates, predictsRatings, scoreTest, TEST_DEFINITIONS } from '../rec/unbiasedEval';
import { DEFAULT_CLIP } from '../rec/propensity';
import { CliError, FLAG_RANGES, printJson, rangeFlag } from './command';
import { fittedModel, loadLog } from './preamble';
import { fitRatingModel, propensityFile, wantsRatingFit } from './ratingFit';

export const TEST_FLAGS = {
  test: { type: 'string' },
  /** pop or a user,item,propensity file: the test ratings are self-selected; add IPS/SNIPS estimates. */
  'test-propensity': { type: 'string' },
} as const;
export const TEST_USAGE = '--test <ratings-file> [--test-propensity pop|<file>]';

type Values = Record<string, string | boolean | undefined>;

export async function evaluateOnTest(values: Values, usage: string): Promise<number> {
  const json = values.json === true;
  const v = values as Record<string, string | undefined>;
  const fitted = !v.checkpoint && wantsRatingFit(v) ? await fitRatingModel(v) : await fittedModel(v, usage);
  const seed = rangeFlag(v.seed, 'seed', FLAG_RANGES.seed) ?? fitted.seed;
  const mapped = testRatingsOf(await loadLog(v.test!), fitted.users, fitted.items);
  if (!mapped.ok) throw new CliError(`${v.test}: ${mapped.reason}`);
  const { test, skipped } = mapped.data;
  const score = await testScorer(fitted.model, fitted.split, test);
  const explicit = predictsRatings(fitted.model);
  const s = scoreTest(test, score, { explicit, seed });
  const notes: string[] = [];
  if (skipped) notes.push(`${skipped} test rows name a user or item the model never saw, or have no rating: left out`);
  if (!explicit) notes.push(`${fitted.config.model} scores are not ratings: MSE and MAE are not reported`);
  let estimated;
  const tp = v['test-propensity'];
  if (tp) {
    if (!explicit) throw new CliError('--test-propensity estimates rating errors: it needs a rating model (mf-explicit)');
    // Popularity × activity from the training part the model saw (its split), or the analyst's table.
    const model =
      tp === 'pop'
        ? (() => {
            const t = trainData(fitted.split);
            const triples: [number, number, number][] = [];
            for (let u = 0; u < t.numUsers; u++)
              for (let k = t.sequences.offsets[u]; k < t.sequences.offsets[u + 1]; k++) triples.push([u, t.sequences.items[k], 0]);
            return popularityPropensity(ratingData(t.numUsers, t.numItems, triples));
          })()
        : propensityFile(tp, fitted.users, fitted.items, notes);
    const p = Array.from(test.user, (u, r) => {
      const x = model.p(u, test.item[r], test.rating[r]);
      if (!Number.isFinite(x)) throw new CliError(`--test-propensity ${tp} has no propensity for a test pair`);
      return Math.min(1, Math.max(DEFAULT_CLIP, x));
    });
    estimated = { propensity: model.source, clip: DEFAULT_CLIP, ...loggedEstimates(test, score, p) };
  }
  const out = {
    model: fitted.config.model,
    test: v.test,
    users: s.users,
    ratings: s.ratings,
    aucUsers: s.aucUsers,
    metrics: s.metrics,
    ci95: s.ci95,
    ...(estimated ? { estimated } : {}),
    definitions: TEST_DEFINITIONS,
    seed,
    notes,
  };
  if (json) printJson(out);
  else {
    process.stdout.write(`${out.model} on ${out.test} · ${out.users} users · ${out.ratings} ratings\n`);
    for (const [key, x] of Object.entries(out.metrics)) {
      const ci = out.ci95[key as keyof typeof out.ci95];
      process.stdout.write(`  ${key.padEnd(8)} ${x.toFixed(4)}${ci ? `  [${ci[0].toFixed(4)}, ${ci[1].toFixed(4)}]` : ''}\n`);
    }
    if (estimated)
      for (const m of ['MSE', 'MAE'] as const)
        process.stdout.write(
          `  ${m} if self-selected: naive ${estimated[m].naive.toFixed(4)}, IPS ${estimated[m].ips.toFixed(4)}, SNIPS ${estimated[m].snips.toFixed(4)}\n`,
        );
    for (const n of notes) process.stdout.write(`  note: ${n}\n`);
  }
  return 0;
}
