// `reclens train|evaluate --model sasrec|bert4rec --debias none|ips|snips [--propensity …] [--clip P]`: the sequence
// models' inverse-propensity example weights (ml/seqrec/exampleWeights.ts), with the propensity model the flags name
// (ratingFit's `propensityModel`, over the training part's clicked pairs) and the overlap of the weights.
import { existsSync } from 'node:fs';
import { SEQ_DEBIAS_MODES, type SeqDebiasMode } from '../ml/seqrec/config';
import type { SeqRecommender } from '../ml/seqrec/recommender';
import { clickedPairs } from '../rec/models/mfImplicitIps';
import { DEFAULT_CLIP, PROPENSITY_RANGES } from '../rec/propensity';
import { trainData } from '../rec/split';
import { CliError, rangeFlag } from './command';
import { fitFromData } from './preamble';
import { PROPENSITY_CHOICES, propensityModel, type RatingFitted } from './ratingFit';

export const SEQ_DEBIAS_MODELS: readonly string[] = ['sasrec', 'bert4rec'];

/** Parsed flags (a command's `values`; only the string ones are read). */
type Flags = Record<string, string | boolean | undefined>;
type Values = Partial<Record<string, string>>;

/** A sequence model with a debiasing flag: this path, instead of ratingFit's (which refuses the sequence models). */
export const wantsSeqDebias = (flags: Flags): boolean =>
  SEQ_DEBIAS_MODELS.includes(String(flags.model)) &&
  ['debias', 'propensity', 'clip', 'users', 'mcar', 'holdout'].some((f) => flags[f] !== undefined);

/** Every flag checked before the log is read. */
function checkFlags(v: Values): { debias: SeqDebiasMode; clip: number; source: string } {
  const debias = (v.debias ?? 'none') as SeqDebiasMode;
  if (!(SEQ_DEBIAS_MODES as readonly string[]).includes(debias))
    throw new CliError(
      `--debias must be one of ${SEQ_DEBIAS_MODES.join(', ')} for ${v.model} (got ${JSON.stringify(v.debias)}); doubly robust is not ` +
        'offered for sequence models: it needs an imputed outcome for every unobserved (history, item) pair, which a next-item softmax does not have',
    );
  for (const f of ['mcar', 'holdout'] as const)
    if (v[f] !== undefined)
      throw new CliError(`--${f} does not apply to ${v.model}: it holds out each user's last items and weighs clicks, not ratings`);
  const source = v.propensity ?? 'auto';
  if (source === 'naive-bayes') throw new CliError(`--propensity naive-bayes needs ratings; ${v.model} learns from clicked sequences`);
  if (!(PROPENSITY_CHOICES as readonly string[]).includes(source) && !existsSync(source))
    throw new CliError(`--propensity must be one of ${PROPENSITY_CHOICES.join(', ')} or a user,item,propensity file (no file ${source})`);
  if (debias === 'none' && (v.propensity !== undefined || v.clip !== undefined || v.users !== undefined))
    throw new CliError('--propensity, --clip and --users need --debias ips or snips');
  for (const f of ['users', 'items'] as const) if (v[f] && !existsSync(v[f]!)) throw new CliError(`--${f}: no file ${v[f]}`);
  const clip = rangeFlag(v.clip, 'clip', PROPENSITY_RANGES.clip) ?? DEFAULT_CLIP;
  return { debias, clip, source };
}

/** Fit sasrec/bert4rec with --debias: the objective and clip go into its settings (and so the checkpoint's). */
export async function fitSeqDebiased(flags: Flags): Promise<RatingFitted> {
  const v = flags as Values;
  const { debias, clip, source } = checkFlags(v);
  const notes: string[] = [];
  const settings = debias === 'none' ? { debias } : { debias, clip };
  const fitted = await fitFromData(v, {
    settings,
    context: async (log, split) =>
      debias === 'none' ? {} : { propensity: await propensityModel(source, v, log, clickedPairs(trainData(split)), notes) },
  });
  const fit = (fitted.model as SeqRecommender).lastDebias;
  return {
    ...fitted,
    config: { ...fitted.config, settings: { ...fitted.config.settings, ...settings } },
    debias,
    ratings: trainData(fitted.split).sequences.items.length,
    propensity: fit?.propensity ? { ...fit.propensity, notes } : null,
  };
}

/** The debiasing a checkpoint's settings record (mf-explicit, mf-ips, sasrec, bert4rec), for `evaluate` to show. */
export function recordedDebias(settings: Record<string, unknown>): { debias: string; clip?: number } | null {
  if (typeof settings.debias !== 'string') return null;
  return { debias: settings.debias, ...(settings.debias !== 'none' && typeof settings.clip === 'number' ? { clip: settings.clip } : {}) };
}
