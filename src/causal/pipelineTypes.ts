// Requests and results of the causal pipeline (pipeline.ts): what the CLI, the ML worker, the store and the views exchange.
import type { Comparison } from './compare';
import type { DiscoveryAlgo } from './discovery';
import type { EffectEstimates } from './estimate';
import type { DirectedEdge } from './graph';
import type { LearnedEdge } from './pc';
import type { Sensitivity } from './evalue';
import type { Refutation } from './refute';
import type { VariableKind } from './table';
import type { TreatmentSplit, VariableSummary } from './treatmentSplit';

/** The row of a causal table: one user, or one session of the log (its session column). */
export type CausalUnit = 'user' | 'session';

export interface CausalVariables {
  names: string[];
  kinds: VariableKind[];
  rows: number;
  /** What discovery starts with for this log (causal/defaultVariables): never a constant column. */
  defaults: string[];
  /** Candidates left out of the defaults because every unit has the same value. */
  constant: { name: string; value: number }[];
  /** The time order derived from the log (timeOrder.ts), null when it has no times. */
  timeOrder?: string[][] | null;
  /** Per variable (same order as names): range, median and the threshold a split starts from (treatmentSplit.ts). */
  summaries?: VariableSummary[];
}

/** Discovery on one table; the app's request adds which dataset and unit the table is built from. */
export interface DiscoverOptions {
  /** The variables to use (all of the table's when empty or absent). */
  variables?: string[];
  /** PC (default) or NOTEARS: a key of DISCOVERY_ALGORITHMS. */
  algo?: DiscoveryAlgo;
  alpha: number;
  /** NOTEARS: L1 penalty and the |weight| below which an edge is dropped. */
  lambda?: number;
  threshold?: number;
  /** NOTEARS: scale every variable to unit variance first (for variables on different scales, e.g. counts and 0/1). */
  standardize?: boolean;
  /** NOTEARS: evaluate the inner objective in float64 JavaScript (default) or with TF.js on the active backend. */
  inner?: 'float64' | 'tfjs';
  bootstrap: number;
  seed: number;
  /** Earlier-to-later tiers (e.g. exposure before purchase): no edge may point back to an earlier tier. */
  tiers?: string[][];
  /** Directed edges the analyst asserts, or rules out, as [from, to]. */
  required?: [string, string][];
  forbidden?: [string, string][];
  /**
   * The log's time order (timeOrder.ts), applied or not: every edge pointing back against it is flagged, so one the
   * analyst allowed (by editing the tiers) is never drawn silently. Absent when the log has no times.
   */
  timeOrder?: string[][] | null;
}

export interface DiscoverRequest extends DiscoverOptions {
  datasetId: string;
  unit: CausalUnit;
  variables: string[];
}

/**
 * An edge with its evidence, plus how often bootstrap resamples found it. For NOTEARS the p-value and partial
 * correlation are those of the edge's two variables given the other parents of its head.
 */
export interface DiscoveredEdge extends LearnedEdge {
  /** NOTEARS's weight (the linear effect of `from` on `to`); absent for PC. */
  weight?: number;
  /** Share of bootstrap resamples with this adjacency / with this direction (adjacency when undirected). */
  stability?: number;
  directionStability?: number;
  /** True when the edge points from a later tier of the time order to an earlier one. */
  againstTimeOrder?: boolean;
}

export interface DiscoverResult {
  variables: string[];
  algo: DiscoveryAlgo;
  edges: DiscoveredEdge[];
  /** CI tests run (PC) or L-BFGS iterations (NOTEARS). */
  tests: number;
  seconds: number;
  /** Against the planted graph, when one is known (the built-in demo, or the CLI's --truth). */
  truth: Comparison | null;
  /** What the method says about the data: collinear variables, by name (causal/dataChecks.ts). */
  warnings?: string[];
  /** The time order the edges were checked against (the request's), null when there was none. */
  timeOrder?: string[][] | null;
}

export interface EffectOptions {
  treatment: string;
  outcome: string;
  /** Split a non-0/1 treatment here: treated = value ≥ threshold, control = below (treatmentSplit.ts). */
  threshold?: number | null;
  bootstrap: number;
  seed: number;
}

export interface EffectRequest extends EffectOptions {
  datasetId: string;
  unit: CausalUnit;
  nodes: string[];
  edges: DirectedEdge[];
}

export type EffectResult =
  | {
      ok: true;
      adjustmentSet: string[];
      causalPathExists: boolean;
      estimates: EffectEstimates;
      refutations: Refutation[];
      /** E-value of the AIPW estimate and its CI (evalue.ts): how strong a hidden confounder would have to be; null when undefined. */
      sensitivity?: Sensitivity | null;
      /** The threshold the treatment was split at and each arm's rows; absent for a 0/1 treatment used as it is. */
      split?: TreatmentSplit | null;
    }
  | { ok: false; reason: string };
