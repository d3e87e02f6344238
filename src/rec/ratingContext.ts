// What a rating model needs beside the split, built once for the CLI and the app's ML worker: the training part's
// ratings and, for debiased objectives, the default propensity model of the log.
import type { EventLog } from '../data/eventLog';
import type { Result } from '../lib/result';
import { exposurePropensity, popularityPropensity, type PropensityModel } from './propensity';
import { ratingsOf, type RatingData } from './ratings';
import type { ModelContext } from './registry';
import { trainData, type LeaveOneOutSplit } from './split';

/** Models that fit ratings (the value column) rather than interactions. */
export const RATING_MODELS: readonly string[] = ['mf-explicit'];
/** Models that take exposure propensities when the log has exposure events (else popularity × activity of their own). */
const EXPOSURE_MODELS: readonly string[] = ['mf-ips', 'sasrec', 'bert4rec'];

/** The ratings of the pairs in the split's training part: held-out pairs never reach the fit. */
export function splitRatings(log: EventLog, split: LeaveOneOutSplit): Result<RatingData> {
  const train = trainData(split);
  const pairs = new Set<number>();
  for (let u = 0; u < split.numUsers; u++)
    for (let k = train.sequences.offsets[u]; k < train.sequences.offsets[u + 1]; k++)
      pairs.add(u * split.numItems + train.sequences.items[k]);
  return ratingsOf(log, (u, i) => pairs.has(u * split.numItems + i));
}

/** Exposure events' counts per user and item, as a propensity model; an error when the log has none. */
export function logExposurePropensity(log: EventLog): Result<PropensityModel> {
  const exposure = log.eventTypes.indexOf('exposure');
  const perUser = new Float64Array(log.users.length);
  const perItem = new Float64Array(log.items.length);
  if (exposure >= 0)
    for (let r = 0; r < log.length; r++)
      if (log.event[r] === exposure) {
        perUser[log.user[r]]++;
        perItem[log.item[r]]++;
      }
  return exposurePropensity(perUser, perItem);
}

/** Without a choice: exposure events where the log has them, else popularity × activity of the ratings. */
export function defaultPropensity(log: EventLog, ratings: RatingData): PropensityModel {
  const exposure = logExposurePropensity(log);
  return exposure.ok ? exposure.data : popularityPropensity(ratings);
}

/**
 * The context a model needs from the log: ratings and a default propensity for rating models, exposure propensities
 * for mf-ips and the sequence models.
 */
export function ratingContext(model: string, log: EventLog, split: LeaveOneOutSplit): Pick<ModelContext, 'ratings' | 'propensity'> {
  // Implicit MF with IPS (mf-ips) and the sequence models' IPS weights need only exposure propensities; without
  // exposure events they use popularity themselves.
  if (EXPOSURE_MODELS.includes(model)) {
    const exposure = logExposurePropensity(log);
    return exposure.ok ? { propensity: exposure.data } : {};
  }
  if (!RATING_MODELS.includes(model)) return {};
  const ratings = splitRatings(log, split);
  if (!ratings.ok) throw new Error(`${model}: ${ratings.reason}`);
  return { ratings: ratings.data, propensity: defaultPropensity(log, ratings.data) };
}
