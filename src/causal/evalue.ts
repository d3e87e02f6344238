// Sensitivity of an effect estimate to an unobserved confounder: the E-value (VanderWeele & Ding, 2017, Ann. Intern.
// Med. 167:268). It is the minimum strength of association, on the risk-ratio scale, that a confounder would need with
// both the treatment and the outcome, beyond the adjusted covariates, to explain the estimate away; small values
// (near 1) mean a weak hidden confounder would suffice. The refutations cannot show this: they test the estimator, not
// the graph, so this is reported next to them.
import type { Interval } from './estimate';

/** E-value of a risk ratio: RR + sqrt(RR (RR − 1)) for RR ≥ 1, and of 1/RR below 1 (the formula is symmetric). */
export function eValueOfRiskRatio(rr: number): number {
  if (!(rr > 0) || !Number.isFinite(rr)) return Number.NaN;
  const r = rr < 1 ? 1 / rr : rr;
  return r + Math.sqrt(r * (r - 1));
}

export interface Sensitivity {
  /** How the estimate became a risk ratio: p1/p0 for a 0/1 outcome, exp(0.91·d) for a standardised mean difference d. */
  scale: 'riskRatio' | 'standardisedDifference';
  riskRatio: number;
  /** The end of the CI's risk-ratio interval nearest 1 (1 itself when the interval contains it). */
  riskRatioBound: number;
  eValue: number;
  /** E-value of that bound: 1 when the CI already includes no effect. */
  eValueCi: number;
}

/**
 * The E-value of an average treatment effect (risk difference for a 0/1 outcome): RR = (p0 + ATE) / p0 with p0 the
 * expected outcome without treatment, its CI ends moved the same way (p0 held fixed, an approximation); for a
 * continuous outcome VanderWeele & Ding's RR ≈ exp(0.91 · ATE / sd(Y)). Null when no risk ratio exists (p0 ≤ 0, or
 * p0 + ATE ≤ 0, or sd 0).
 */
export function effectSensitivity(ate: Interval, control: number, outcome: { binary: boolean; sd: number }): Sensitivity | null {
  let toRr: (x: number) => number;
  if (outcome.binary) {
    if (!(control > 0)) return null;
    toRr = (x) => (control + x) / control;
  } else {
    if (!(outcome.sd > 0)) return null;
    toRr = (x) => Math.exp((0.91 * x) / outcome.sd);
  }
  const rr = toRr(ate.ate);
  if (!(rr > 0)) return null;
  const lo = toRr(ate.ci95[0]),
    hi = toRr(ate.ci95[1]);
  const bound = lo <= 1 && hi >= 1 ? 1 : rr >= 1 ? lo : hi;
  return {
    scale: outcome.binary ? 'riskRatio' : 'standardisedDifference',
    riskRatio: rr,
    riskRatioBound: bound,
    eValue: eValueOfRiskRatio(rr),
    eValueCi: bound === 1 || !(bound > 0) ? 1 : eValueOfRiskRatio(bound),
  };
}
