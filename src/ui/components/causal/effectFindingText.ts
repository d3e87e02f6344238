// The effect findings (causal/effectFindings.ts) worded in the UI language: one sentence per finding, with the figures
// it rests on. The Effect panel and the report both print these, so they cannot drift apart.
import { effectFindings, type EffectFacts, type EffectFinding } from '../../../causal/effectFindings';
import { ESTIMATORS, type EstimatorKey } from '../../../causal/estimators';
import type { TreatmentSplit } from '../../../causal/treatmentSplit';
import type { Refutation } from '../../../causal/refute';
import type { MessageKey } from '../../i18n/en';

type T = (key: MessageKey, vars?: Record<string, string | number>) => string;
type Num = (x: number, digits?: number) => string;

/** "rating_mean ≥ 3.6 vs below" for a split treatment, the name alone for a 0/1 one: every place that shows an estimate names it so. */
export function treatmentLabel(treatment: string, split: TreatmentSplit | null | undefined, t: T, num: Num): string {
  return split ? t('causal.splitLabel', { treatment, threshold: num(split.threshold, 6) }) : treatment;
}

/** What a refutation's figures say, in the UI language (the core's English note is for the CLI). */
export function refutationNote(r: Refutation, t: T, num: Num): string {
  if (r.name === 'placebo') {
    if (!r.passed) return t('causal.refNote.placeboFailed');
    // The permutation p-value is (reached + 1) / (runs + 1): how many placebo runs reached the estimate follows from it.
    const p = r.pValue ?? NaN;
    const reached = Math.round(p * (r.runs + 1)) - 1;
    if (!Number.isFinite(reached)) return t('causal.refNote.placeboCentred');
    return t(reached === 0 ? 'causal.refNote.placeboNone' : 'causal.refNote.placeboSome', {
      runs: num(r.runs, 0),
      reached: num(reached, 0),
      p: num(p, 3),
    });
  }
  return t(`causal.refNote.${r.name}${r.passed ? 'Passed' : 'Failed'}`);
}

export function effectFindingSentences(
  facts: EffectFacts & { split?: TreatmentSplit | null },
  treatment: string,
  outcome: string,
  t: T,
  num: Num,
): { kind: EffectFinding['kind'] | 'split'; text: string }[] {
  const split = facts.split;
  const ci = (k: EstimatorKey) =>
    `${t(ESTIMATORS[k].labelKey)} ${num(facts.estimates[k].ate, 3)} [${num(facts.estimates[k].ci95[0], 3)}, ${num(facts.estimates[k].ci95[1], 3)}]`;
  const say = (f: EffectFinding): string => {
    switch (f.kind) {
      case 'noPathAgrees':
        return t('causal.find.noPathAgrees', { treatment, outcome });
      case 'noPathDisagrees':
        return t('causal.find.noPathDisagrees', { treatment, outcome, estimates: f.estimators.map(ci).join('; ') });
      case 'pathButNoClearEffect':
        return t('causal.find.pathButNoClearEffect', { aipw: ci('aipw') });
      case 'sensitivity':
        return t(f.eValueCi > 1 ? 'causal.find.sensitivity' : 'causal.find.sensitivityCiCovers', {
          e: num(f.eValue, 2),
          eci: num(f.eValueCi, 2),
          // A split treatment's confounder is associated with being above the threshold.
          treatment: split ? `${treatment} ≥ ${num(split.threshold, 6)}` : treatment,
          outcome,
        });
      case 'checks':
        return t('causal.find.checks', { passed: f.passed, total: f.total });
    }
  };
  const said = effectFindings(facts).map((f) => ({ kind: f.kind, text: say(f) }));
  if (!split) return said;
  const defined = t('causal.find.split', {
    treatment,
    threshold: num(split.threshold, 6),
    treated: num(split.treated),
    control: num(split.control),
  });
  return [{ kind: 'split' as const, text: defined }, ...said];
}
