// The effect estimators, in the order they are shown: the one table every view, the report and the CLI read.
// Adding one = its file here, one line below, and its `causal.est.<key>` strings in ui/i18n.
import { aipw } from './aipw';
import { ipw } from './ipw';
import { naive } from './naive';
import type { Nuisance } from './nuisance';
import { regression } from './regression';

export interface Estimator {
  /** i18n key of its name. */
  labelKey: `causal.est.${string}`;
  /** The ATE on one sample, from the shared nuisance models. */
  estimate: (f: Nuisance) => number;
}

export const ESTIMATORS = Object.freeze({
  naive: { labelKey: 'causal.est.naive', estimate: naive },
  regression: { labelKey: 'causal.est.regression', estimate: regression },
  ipw: { labelKey: 'causal.est.ipw', estimate: ipw },
  aipw: { labelKey: 'causal.est.aipw', estimate: aipw },
} as const satisfies Record<string, Estimator>);

export type EstimatorKey = keyof typeof ESTIMATORS;
export const ESTIMATOR_KEYS = Object.keys(ESTIMATORS) as EstimatorKey[];
