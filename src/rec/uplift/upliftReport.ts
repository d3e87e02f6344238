// One run of "score vs uplift" on a fitted uplift model, as the app shows it: the policies' estimated (and, with the
// demo's potential outcomes, true) incremental purchases@K from comparePolicies, and their leave-one-out accuracy@K
// (policyAccuracy), so that the gain in effect is read next to its cost in accuracy. Also the fit's summary.
import type { EventLog } from '../../data/eventLog';
import { upliftOracle, type UpliftTruth } from '../../data/demo/upliftTruth';
import type { Progress } from '../../lib/progress';
import type { Recommender } from '../recommender';
import type { LeaveOneOutSplit } from '../split';
import { comparePolicies, type PolicyComparison } from './policies';
import { policyAccuracy, type PolicyAccuracy } from './policyAccuracy';
import type { TLearnerFit, UpliftSettings } from './tLearner';
import type { UpliftModel } from './upliftModel';
import { FEATURES } from './upliftPairs';

/** What the app is told about a fitted uplift model (the model itself stays in the ML worker). */
export interface UpliftFitInfo {
  modelId: string;
  settings: UpliftSettings;
  users: number;
  counts: TLearnerFit['counts'];
  features: readonly string[];
  /** Whether the dataset carries the simulator's potential outcomes (true uplift can be computed). */
  hasTruth: boolean;
}

export function upliftFitInfo(modelId: string, model: UpliftModel, hasTruth: boolean): UpliftFitInfo {
  return { modelId, settings: model.settings, users: model.users, counts: model.fit.counts, features: FEATURES, hasTruth };
}

export interface UpliftReport {
  modelId: string;
  k: number;
  comparison: PolicyComparison;
  accuracy: PolicyAccuracy;
  /** True when `comparison` holds trueUplift@K (the simulator's potential outcomes were known). */
  hasTruth: boolean;
}

export async function upliftReport(
  modelId: string,
  model: UpliftModel,
  recommender: Recommender,
  split: LeaveOneOutSplit,
  log: EventLog,
  truth: UpliftTruth | null,
  options: { k: number; seed: number; samples?: number; signal?: AbortSignal; onProgress?: (p: Progress) => void },
): Promise<UpliftReport> {
  const oracle = truth ? upliftOracle(truth) : null;
  const comparison = await comparePolicies(model, recommender, split, log, {
    k: [options.k],
    truth: oracle ? (user, items) => oracle.incremental(user, items) : null,
    seed: options.seed,
    samples: options.samples,
    signal: options.signal,
    onProgress: options.onProgress,
  });
  const accuracy = await policyAccuracy(model, recommender, split, options);
  return { modelId, k: options.k, comparison, accuracy, hasTruth: !!oracle };
}
