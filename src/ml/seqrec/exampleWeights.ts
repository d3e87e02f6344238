// Inverse-propensity example weights for the sequence models' loss (issue #19): each training target — the next item
// (sasrec) or a masked item (bert4rec) of user u — weighs 1 / P(u observed that item), so items the log over-exposes
// count less and rarely shown ones more. Pure JS: the loss multiplies its per-target cross-entropy by these numbers.
import { observedPropensities, type OverlapDiagnostic, type PropensityModel } from '../../rec/propensity';
import type { RatingData } from '../../rec/ratings';
import type { SeqDebiasMode } from './config';
import type { Targets } from './batch';

/** Weight of a (user, item) target, both 0-based log indices. */
export type ExampleWeight = (user: number, item: number) => number;

export interface ExampleWeighting {
  weight: ExampleWeight;
  /** SNIPS: each optimizer step's weights are rescaled to mean 1. */
  normalise: boolean;
  /** The propensities' source and how the clipped weights look over the training pairs. */
  propensity: { source: string; diagnostic: OverlapDiagnostic };
}

/**
 * 1 / clipped propensity of every training pair, from `observedPropensities` (the same clip and overlap diagnostic as
 * mf-explicit). `pairs` are the distinct (user, item) pairs the sequences hold; a target outside them has no weight.
 */
export function exampleWeighting(mode: SeqDebiasMode, model: PropensityModel, pairs: RatingData, clip: number): ExampleWeighting | null {
  if (mode === 'none') return null;
  const { p, diagnostic } = observedPropensities(model, pairs, clip);
  const inverse = new Map<number, number>();
  for (let r = 0; r < p.length; r++) inverse.set(pairs.user[r] * pairs.numItems + pairs.item[r], 1 / p[r]);
  const weight: ExampleWeight = (u, i) => {
    const w = inverse.get(u * pairs.numItems + i);
    if (w === undefined) throw new Error(`no propensity for the training pair (user ${u}, item ${i})`);
    return w;
  };
  return { weight, normalise: mode === 'snips', propensity: { source: model.source, diagnostic } };
}

/** One piece of an optimizer step's batch: its targets, padded width, and the index in the step of its first row. */
export interface WeightedPiece {
  targets: Targets;
  len: number;
  firstRow: number;
}

/**
 * The weights of every target of one optimizer step, per piece (a step split into sub-batches on out-of-memory is
 * weighted as the whole step). Row r of the step belongs to `rowUsers[r]`. With `normalise` (SNIPS) they are scaled
 * by N / Σw over the step's N targets, so they average 1 and the loss Σ w·CE / N becomes the self-normalised Σ w·CE / Σ w.
 */
export function stepWeights(pieces: readonly WeightedPiece[], rowUsers: ArrayLike<number>, weighting: ExampleWeighting): Float32Array[] {
  let sum = 0;
  let n = 0;
  const raw = pieces.map(({ targets, len, firstRow }) =>
    Float64Array.from(targets.flat, (flat, k) => {
      const w = weighting.weight(rowUsers[firstRow + Math.floor(flat / len)], targets.items[k]);
      sum += w;
      n++;
      return w;
    }),
  );
  const scale = weighting.normalise && sum > 0 ? n / sum : 1;
  return raw.map((w) => Float32Array.from(w, (x) => x * scale));
}
