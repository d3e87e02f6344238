// What a debiased fit's weights looked like, for the app to show beside the model (the CLI prints the same from
// `reclens train`): its objective, where the propensities came from, and how many were clipped.
import type { OverlapDiagnostic } from './propensity';

export interface DebiasOverlap {
  debias: string;
  source: string;
  pairs: number;
  clip: number;
  /** Share of the training pairs whose propensity was raised to the clip. */
  clippedShare: number;
  /** Kish's effective sample size of the weights as a share of the pairs. */
  essShare: number;
}

interface FitWithPropensity {
  debias?: unknown;
  propensity?: { source: string; diagnostic: OverlapDiagnostic } | null;
}

/**
 * The overlap of a fitted model's inverse-propensity weights: the sequence models keep it as `lastDebias`, mf-explicit
 * and mf-ips as `lastFit`. Null for a naive fit or a model without weights.
 */
export function debiasOverlapOf(model: object): DebiasOverlap | null {
  const m = model as { lastDebias?: FitWithPropensity; lastFit?: FitWithPropensity | null };
  const fit = m.lastDebias ?? m.lastFit;
  if (!fit || typeof fit.debias !== 'string' || fit.debias === 'none' || !fit.propensity) return null;
  const { source, diagnostic: d } = fit.propensity;
  return { debias: fit.debias, source, pairs: d.pairs, clip: d.clip, clippedShare: d.clippedShare, essShare: d.essShare };
}
