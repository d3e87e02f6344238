// What `reclens train` and `evaluate` add for rating models and debiased learning (issue #19): the --debias and
// --propensity flags, the rating triples of the training part, the propensity model the flags name, and the fit.
import { existsSync, readFileSync } from 'node:fs';
import { alignFeatures, parseFeatureTable, parsePropensityTable } from '../data/featureTable';
import type { EventLog } from '../data/eventLog';
import { backendSwitch } from '../ml/backend';
import { DEBIAS_MODES, type DebiasMode, type MfExplicitRecommender } from '../rec/models/mfExplicit';
import {
  DEFAULT_CLIP,
  naiveBayesPropensity,
  popularityPropensity,
  PROPENSITY_RANGES,
  tablePropensity,
  type OverlapDiagnostic,
  type PropensityModel,
} from '../rec/propensity';
import { HOLDOUT_SHARE_RANGE, holdoutRatings, type LoggedHoldout } from '../rec/loggedHoldout';
import { fitLogisticPropensity, type FeatureMatrix } from '../rec/propensityLogistic';
import { ratingAdjustedPropensity } from '../rec/propensityRatingAdjusted';
import { logExposurePropensity, splitRatings } from '../rec/ratingContext';
import type { RatingData } from '../rec/ratings';
import { checkModelSettings } from '../rec/registry';
import { leaveOneOutSplit, trainData, type LeaveOneOutSplit } from '../rec/split';
import { clickedPairs, IMPLICIT_DEBIAS_MODES } from '../rec/models/mfImplicitIps';
import { checkpointConfig, trainModel } from '../rec/train';
import { CliError, FLAG_RANGES, memoryBudgetFlag, parseParams, rangeFlag } from './command';
import { loadLog, type Fitted } from './preamble';

export const RATING_MODEL = 'mf-explicit';
/** Implicit MF with exposure propensities: takes --debias none|ips|snips and --propensity, on clicks instead of ratings. */
export const IMPLICIT_MODEL = 'mf-ips';
export const PROPENSITY_CHOICES = ['auto', 'pop', 'logistic', 'exposure', 'naive-bayes'] as const;
export const HOLDOUTS = ['last', 'none'] as const;

/** Flags of debiased training; `--items` (DATA_FLAGS) doubles as the item features of the logistic model. */
export const RATING_FLAGS = {
  debias: { type: 'string' },
  propensity: { type: 'string' },
  /** users.csv: user features for --propensity logistic. */
  users: { type: 'string' },
  /** A random (MCAR) sample of ratings: --propensity naive-bayes, or the rating-level factor of any other source. */
  mcar: { type: 'string' },
  clip: { type: 'string' },
  /**
   * last: hold out each user's last two ratings (leave-one-out, as every model); none: fit on every rating; a share
   * (evaluate only): hold out that share of each user's ratings at random and estimate the error on them (loggedEvaluate.ts).
   */
  holdout: { type: 'string' },
} as const;

export const RATING_USAGE =
  '[--debias none|ips|snips|dr] [--propensity auto|pop|logistic|exposure|naive-bayes|<file>] [--users <file>] [--mcar <file>] ' +
  '[--clip P] [--holdout last|none]';

type Values = Partial<
  Record<
    | 'data'
    | 'items'
    | 'model'
    | 'params'
    | 'seed'
    | 'map'
    | 'memory-budget'
    | 'epochs'
    | 'targets'
    | 'text-model'
    | keyof typeof RATING_FLAGS,
    string
  >
>;

/** Whether the flags ask for this path (the model is mf-explicit, or a debiasing flag is set: mf-ips, or a refusal). */
export const wantsRatingFit = (v: Values): boolean =>
  v.model === RATING_MODEL || Object.keys(RATING_FLAGS).some((f) => v[f as keyof typeof RATING_FLAGS] !== undefined);

export interface RatingFitted extends Fitted {
  debias: DebiasMode;
  ratings: number;
  propensity: { source: string; diagnostic: OverlapDiagnostic; notes: string[] } | null;
  /** --holdout <share>: every rating of the log, the part fitted and the held-out part. */
  logged?: LoggedHoldout & { share: number; all: RatingData };
}

/** Every flag checked (enums, ranges, files exist) before the log is read. */
function checkFlags(v: Values, allowShare: boolean): { debias: DebiasMode; clip: number; holdout: (typeof HOLDOUTS)[number] | number } {
  if (v.model !== RATING_MODEL && v.model !== IMPLICIT_MODEL)
    throw new CliError(
      `--debias, --propensity, --clip and --holdout apply to --model ${RATING_MODEL} (ratings) or ${IMPLICIT_MODEL} (clicks), not ${v.model ?? 'none'}`,
    );
  const implicit = v.model === IMPLICIT_MODEL;
  const modes: readonly string[] = implicit ? IMPLICIT_DEBIAS_MODES : DEBIAS_MODES;
  const debias = (v.debias ?? (implicit ? 'ips' : 'none')) as DebiasMode;
  if (!modes.includes(debias))
    throw new CliError(`--debias must be one of ${modes.join(', ')} for ${v.model} (got ${JSON.stringify(v.debias)})`);
  if (implicit && (v.propensity === 'naive-bayes' || v.mcar))
    throw new CliError(`--propensity naive-bayes and --mcar need ratings; ${IMPLICIT_MODEL} fits clicks`);
  const named = (v.holdout ?? 'last') as (typeof HOLDOUTS)[number];
  const share = HOLDOUTS.includes(named) ? null : Number(v.holdout);
  if (share !== null && (!allowShare || !Number.isFinite(share)))
    throw new CliError(
      `--holdout must be one of ${HOLDOUTS.join(', ')}${allowShare ? ' or a share' : ''} (got ${JSON.stringify(v.holdout)})` +
        (allowShare ? '' : '; a share of held-out ratings applies to evaluate without --test'),
    );
  if (share !== null) rangeFlag(v.holdout, 'holdout', HOLDOUT_SHARE_RANGE);
  if (share !== null && implicit) throw new CliError(`--holdout <share> estimates rating errors: it needs --model ${RATING_MODEL}`);
  const holdout = share ?? named;
  const clip = rangeFlag(v.clip, 'clip', PROPENSITY_RANGES.clip) ?? DEFAULT_CLIP;
  const source = v.propensity ?? 'auto';
  if (!(PROPENSITY_CHOICES as readonly string[]).includes(source) && !existsSync(source))
    throw new CliError(`--propensity must be one of ${PROPENSITY_CHOICES.join(', ')} or a user,item,propensity file (no file ${source})`);
  if (source === 'naive-bayes' && !v.mcar) throw new CliError('--propensity naive-bayes needs --mcar <file>: a random sample of ratings');
  for (const f of ['users', 'mcar', 'items'] as const) if (v[f] && !existsSync(v[f]!)) throw new CliError(`--${f}: no file ${v[f]}`);
  if (debias === 'none' && (v.propensity || v.mcar)) throw new CliError('--propensity and --mcar need --debias ips, snips or dr');
  for (const f of ['epochs', 'targets', 'text-model'] as const)
    if (v[f] !== undefined) throw new CliError(`--${f} does not apply to ${v.model}: it fits every pair of the training part`);
  return { debias, clip, holdout };
}

/** Every user train-only: the model fits on all of the log and the checkpoint says nothing was held out. */
export function withoutHoldout(split: LeaveOneOutSplit): LeaveOneOutSplit {
  return { ...split, valPos: new Int32Array(split.numUsers).fill(-1), testPos: new Int32Array(split.numUsers).fill(-1) };
}

/** The ratings of the pairs in the split's training part (held-out pairs never reach the fit). */
export function trainingRatings(log: EventLog, split: LeaveOneOutSplit): RatingData {
  const r = splitRatings(log, split);
  if (!r.ok) throw new CliError(r.reason);
  return r.data;
}

function readText(path: string): string {
  return readFileSync(path, 'utf8');
}

function features(path: string | undefined, ids: readonly string[], what: string, notes: string[]): FeatureMatrix | null {
  if (!path) return null;
  const t = parseFeatureTable(readText(path), path);
  if (!t.ok) throw new CliError(t.reason);
  const a = alignFeatures(t.data, ids);
  notes.push(
    `${what} features from ${path}: ${t.data.names.length} columns${t.data.skipped.length ? `; skipped ${t.data.skipped.join(', ')}` : ''}`,
  );
  if (a.missing) notes.push(`${a.missing} of ${ids.length} ${what}s have no row in ${path} (all-zero features)`);
  return { data: a.data, dim: a.dim };
}

/** A user,item,propensity file over the log's ids; rows naming ids outside the log are ignored (and counted). */
export function propensityFile(path: string, users: readonly string[], items: readonly string[], notes: string[]): PropensityModel {
  const t = parsePropensityTable(readText(path), path);
  if (!t.ok) throw new CliError(t.reason);
  const ui = new Map(users.map((u, k) => [u, k]));
  const ii = new Map(items.map((u, k) => [u, k]));
  const entries: [number, number, number][] = [];
  t.data.p.forEach((p, r) => {
    const u = ui.get(t.data.users[r]);
    const i = ii.get(t.data.items[r]);
    if (u !== undefined && i !== undefined) entries.push([u, i, p]);
  });
  if (entries.length < t.data.p.length) notes.push(`${t.data.p.length - entries.length} rows of ${path} name users or items the log lacks`);
  return tablePropensity(items.length, entries);
}

/**
 * The propensity model --propensity names; with --mcar and a user–item source (not naive-bayes), that model × the
 * rating level's P(r | rated) / P(r) from the random sample (naive Bayes over both, propensityRatingAdjusted.ts: on Coat
 * it beats the user–item model alone for every redraw of the sample; the exact histogram calibration does not).
 */
export async function propensityModel(
  source: string,
  v: Values,
  log: EventLog,
  ratings: RatingData,
  notes: string[],
): Promise<PropensityModel> {
  const base = await namedPropensity(source, v, log, ratings, notes);
  if (!v.mcar || base.source === 'naive-bayes') return base;
  const mcar = await loadLog(v.mcar);
  const values = Array.from(mcar.value).filter(Number.isFinite);
  const clip = rangeFlag(v.clip, 'clip', PROPENSITY_RANGES.clip) ?? DEFAULT_CLIP;
  const adjusted = ratingAdjustedPropensity(base, ratings, values, 'naive-bayes', clip);
  if (!adjusted.ok) throw new CliError(adjusted.reason);
  notes.push(
    `${base.source} propensities × the rating level's P(rating | rated) / P(rating) from ${values.length} random ratings in ${v.mcar} (naive Bayes)`,
  );
  return adjusted.data;
}

/** The propensity model --propensity names (auto: exposure events if the log has them, else logistic with features, else pop). */
async function namedPropensity(source: string, v: Values, log: EventLog, ratings: RatingData, notes: string[]): Promise<PropensityModel> {
  const chosen = source === 'auto' ? (log.eventTypes.includes('exposure') ? 'exposure' : v.users || v.items ? 'logistic' : 'pop') : source;
  if (source === 'auto') notes.push(`--propensity auto chose ${chosen}`);
  switch (chosen) {
    case 'pop':
      return popularityPropensity(ratings);
    case 'exposure': {
      const m = logExposurePropensity(log);
      if (!m.ok) throw new CliError(m.reason);
      return m.data;
    }
    case 'logistic': {
      const fit = fitLogisticPropensity(ratings, {
        users: features(v.users, log.users, 'user', notes),
        items: features(v.items, log.items, 'item', notes),
      });
      if (!fit.ok) throw new CliError(fit.reason);
      notes.push(
        `logistic propensity model: mean log-loss ${fit.data.logLoss.toFixed(4)} over ${ratings.numUsers * ratings.numItems} pairs`,
      );
      return fit.data.model;
    }
    case 'naive-bayes': {
      const mcar = await loadLog(v.mcar!);
      const values = Array.from(mcar.value).filter(Number.isFinite);
      const m = naiveBayesPropensity(ratings, values);
      if (!m.ok) throw new CliError(m.reason);
      notes.push(`naive Bayes propensities from ${values.length} random ratings in ${v.mcar}`);
      return m.data;
    }
    default:
      return propensityFile(chosen, log.users, log.items, notes);
  }
}

/**
 * Load, split, collect the training ratings, build the propensity model and fit mf-explicit (rec/train's loop). With
 * `allowShare` (evaluate), --holdout <share> keeps a seeded share of each user's ratings out of the fit: `logged`.
 */
export async function fitRatingModel(v: Values, options: { allowShare?: boolean } = {}): Promise<RatingFitted> {
  if (!v.data) throw new CliError('--data <events-file> is required');
  const { debias, clip, holdout } = checkFlags(v, options.allowShare === true);
  const seed = rangeFlag(v.seed, 'seed', FLAG_RANGES.seed) ?? 42;
  const settings = { ...parseParams(v.params), debias, clip };
  const name = v.model!;
  const invalid = checkModelSettings(name, settings);
  if (invalid) throw new CliError(invalid);
  const memoryBudgetBytes = memoryBudgetFlag(v['memory-budget']);
  const log = await loadLog(v.data, v.map);
  const loo = leaveOneOutSplit(log);
  const split = holdout === 'last' ? loo : withoutHoldout(loo);
  // mf-ips: the clicked pairs (relevance 1) stand in for ratings when propensities are estimated from them.
  const all = name === IMPLICIT_MODEL ? clickedPairs(trainData(split)) : trainingRatings(log, split);
  const logged = typeof holdout === 'number' ? { share: holdout, all, ...holdoutRatings(all, holdout, seed) } : undefined;
  const ratings = logged ? logged.fit : all;
  const notes: string[] = [];
  const propensity = debias === 'none' ? undefined : await propensityModel(v.propensity ?? 'auto', v, log, ratings, notes);
  let trained;
  try {
    trained = await trainModel(
      split,
      { model: name, settings, seed },
      {
        memoryBudgetBytes,
        backends: backendSwitch(),
        context: { ...(name === RATING_MODEL ? { ratings } : {}), ...(propensity ? { propensity } : {}) },
      },
    );
  } catch (e) {
    throw new CliError((e as Error).message, { cause: e });
  }
  const { model, trainSeconds } = trained;
  const info = (model as MfExplicitRecommender).lastFit;
  const config = checkpointConfig({
    model: name,
    backend: model.backend,
    seed,
    trainSeconds,
    source: v.data,
    users: log.users.length,
    items: log.items.length,
    split,
  });
  return {
    model,
    split,
    users: log.users,
    items: log.items,
    seed,
    trainSeconds,
    config,
    debias,
    ratings: ratings.user.length,
    propensity: info?.propensity ? { ...info.propensity, notes } : null,
    catalog: null,
    ...(logged ? { logged } : {}),
  };
}
