// What an effect result's own figures support, as structured findings the CLI and the Effect panel put into words:
// each is computed from the numbers shown beside it, so no sentence can contradict them (e.g. "the graph says the
// effect is zero" next to adjusted estimates whose CIs exclude 0).
import type { Sensitivity } from './evalue';
import { ESTIMATOR_KEYS, type EstimatorKey } from './estimators';
import type { Interval } from './estimate';
import type { Refutation } from './refute';

export type EffectFinding =
  /** No directed path, and every adjusted CI covers 0: data and graph agree on "no effect". */
  | { kind: 'noPathAgrees' }
  /** No directed path, yet these adjusted estimators' CIs exclude 0: the graph and the data disagree. */
  | { kind: 'noPathDisagrees'; estimators: EstimatorKey[] }
  /** A directed path and an AIPW CI that covers 0: the data cannot tell the effect from none. */
  | { kind: 'pathButNoClearEffect' }
  /** The E-value of the AIPW estimate and of its CI bound. */
  | { kind: 'sensitivity'; eValue: number; eValueCi: number }
  /** How many refutations passed, always with what they cannot show. */
  | { kind: 'checks'; passed: number; total: number };

export interface EffectFacts {
  causalPathExists: boolean;
  estimates: Record<EstimatorKey, Interval>;
  refutations: readonly Pick<Refutation, 'passed'>[];
  sensitivity?: Sensitivity | null;
}

const excludesZero = (x: Interval) => x.ci95[0] > 0 || x.ci95[1] < 0;

export function effectFindings(r: EffectFacts): EffectFinding[] {
  const out: EffectFinding[] = [];
  // Adjusted = every estimator but the naive difference, which ignores the graph by design.
  const adjusted = ESTIMATOR_KEYS.filter((k) => k !== 'naive');
  if (!r.causalPathExists) {
    const nonZero = adjusted.filter((k) => excludesZero(r.estimates[k]));
    out.push(nonZero.length ? { kind: 'noPathDisagrees', estimators: nonZero } : { kind: 'noPathAgrees' });
  } else if (!excludesZero(r.estimates.aipw)) out.push({ kind: 'pathButNoClearEffect' });
  if (r.sensitivity) out.push({ kind: 'sensitivity', eValue: r.sensitivity.eValue, eValueCi: r.sensitivity.eValueCi });
  out.push({ kind: 'checks', passed: r.refutations.filter((x) => x.passed).length, total: r.refutations.length });
  return out;
}

/** The findings in English, for the CLI's JSON (the app words them through ui/i18n). */
export function findingText(f: EffectFinding): string {
  switch (f.kind) {
    case 'noPathAgrees':
      return 'no directed path from the treatment to the outcome in this graph, and every adjusted CI covers 0: graph and data agree on no effect';
    case 'noPathDisagrees':
      return (
        `no directed path in this graph, so the graph implies zero effect, but the ${f.estimators.join(', ')} CI(s) exclude 0: ` +
        'the graph and the data disagree; check edges that point against the time order or a missing treatment → outcome path'
      );
    case 'pathButNoClearEffect':
      return 'the AIPW CI covers 0: the data cannot tell this effect from none';
    case 'sensitivity':
      return (
        `E-value ${f.eValue.toFixed(2)} (CI bound ${f.eValueCi.toFixed(2)}): an unobserved confounder associated with both treatment ` +
        `and outcome by a risk ratio of ${f.eValue.toFixed(2)} each could explain the estimate away` +
        (f.eValueCi > 1
          ? `, and one of ${f.eValueCi.toFixed(2)} could move the CI to include no effect`
          : '; the CI already includes no effect')
      );
    case 'checks':
      return (
        `${f.passed} of ${f.total} refutations passed; they test the estimator on altered data, not the graph: ` +
        'they cannot show that the adjustment set is right or that no confounder is missing'
      );
  }
}
