// `reclens evaluate --data <ratings> --model mf-explicit --holdout <share>`: no random test set, so a seeded share of
// each user's logged ratings is held out and the model's error on every user × item pair is estimated from them with
// Schnabel et al.'s (2016) IPS and SNIPS estimators (and the naive average, which a self-selected log flatters).
import { DEFAULT_CLIP, observedPropensities, PROPENSITY_RANGES, popularityPropensity } from '../rec/propensity';
import { heldOutEstimates } from '../rec/loggedHoldout';
import { predictsRatings } from '../rec/unbiasedEval';
import { CliError, FLAG_RANGES, printJson, rangeFlag } from './command';
import { fitRatingModel, propensityFile, RATING_MODEL } from './ratingFit';

type Values = Record<string, string | boolean | undefined>;

/** Whether --holdout names a share (a number) rather than last or none. */
export const holdoutShareFlag = (v: Values): boolean =>
  typeof v.holdout === 'string' && v.holdout.trim() !== '' && Number.isFinite(Number(v.holdout));

export const LOGGED_DEFINITIONS = {
  naive: 'mean over the held-out logged ratings: the error on what users chose to rate, not on every pair',
  ips: 'Σ err / (p · h_u/n_u) over the held-out ratings ÷ (users with held-out ratings × items): unbiased for the mean error over those users × all items when p is right',
  snips: 'the same weighted errors ÷ Σ 1 / (p · h_u/n_u): self-normalised, biased but with less variance than IPS',
  ci95: '95% percentile bootstrap over the users with held-out ratings (1000 draws)',
} as const;

export async function evaluateOnHoldout(values: Values, usage: string): Promise<number> {
  const v = values as Record<string, string | undefined>;
  if (v.checkpoint || v.test)
    throw new CliError(
      `--holdout <share> fits --data without that share and scores it: give --data and --model, not --checkpoint or --test\n${usage}`,
    );
  if (v.model !== RATING_MODEL) throw new CliError(`--holdout <share> estimates rating errors: it needs --model ${RATING_MODEL}`);
  const clip = rangeFlag(v.clip, 'clip', PROPENSITY_RANGES.clip) ?? DEFAULT_CLIP;
  const fitted = await fitRatingModel(v, { allowShare: true });
  const logged = fitted.logged!;
  const model = fitted.model;
  if (!predictsRatings(model)) throw new CliError(`${fitted.config.model} does not predict ratings`);
  const seed = rangeFlag(v.seed, 'seed', FLAG_RANGES.seed) ?? fitted.seed;
  const notes: string[] = [];
  // P(observed) of a held-out pair: popularity × activity of the whole log (held-out ratings were observed too), or the analyst's table.
  const source = v['test-propensity'] ?? 'pop';
  if (!v['test-propensity']) notes.push('--test-propensity not given: popularity × activity of the log weights the held-out ratings');
  const pModel = source === 'pop' ? popularityPropensity(logged.all) : propensityFile(source, fitted.users, fitted.items, notes);
  const held = logged.heldOut;
  let p: Float64Array;
  try {
    p = observedPropensities(pModel, held, clip).p;
  } catch (e) {
    throw new CliError(`--test-propensity ${source}: ${(e as Error).message}`);
  }
  const { users, ratings, estimates } = heldOutEstimates(held, (u, i) => model.predictRating(u, i), p, logged.chance, { seed });
  const out = {
    model: fitted.config.model,
    data: v.data,
    debias: fitted.debias,
    holdout: logged.share,
    fitRatings: logged.fit.user.length,
    users,
    ratings,
    propensity: { source: pModel.source, clip },
    estimated: estimates,
    definitions: LOGGED_DEFINITIONS,
    seed,
    notes: [...(fitted.propensity?.notes ?? []), ...notes],
  };
  if (v.json) printJson(out);
  else {
    process.stdout.write(
      `${out.model} (debias ${out.debias}) on ${ratings} held-out logged ratings of ${users} users (${out.holdout} of each user's) · propensity ${pModel.source}\n`,
    );
    for (const m of ['MSE', 'MAE'] as const)
      for (const k of ['naive', 'ips', 'snips'] as const) {
        const e = estimates[m][k];
        process.stdout.write(`  ${`${m} ${k}`.padEnd(10)} ${e.value.toFixed(4)}  [${e.ci95[0].toFixed(4)}, ${e.ci95[1].toFixed(4)}]\n`);
      }
    for (const n of out.notes) process.stdout.write(`  note: ${n}\n`);
  }
  return 0;
}
