// The effect findings (causal/effectFindings.ts) worded in the UI language: one sentence per finding, with the figures
// it rests on. The Effect panel and the report both print these, so they cannot drift apart.
import { effectFindings, type EffectFacts, type EffectFinding } from '../../../causal/effectFindings';
import { ESTIMATORS, type EstimatorKey } from '../../../causal/estimators';
import type { MessageKey } from '../../i18n/en';

type T = (key: MessageKey, vars?: Record<string, string | number>) => string;
type Num = (x: number, digits?: number) => string;

export function effectFindingSentences(
  facts: EffectFacts,
  treatment: string,
  outcome: string,
  t: T,
  num: Num,
): { kind: EffectFinding['kind']; text: string }[] {
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
          treatment,
          outcome,
        });
      case 'checks':
        return t('causal.find.checks', { passed: f.passed, total: f.total });
    }
  };
  return effectFindings(facts).map((f) => ({ kind: f.kind, text: say(f) }));
}
