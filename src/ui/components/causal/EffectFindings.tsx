// The Effect panel's sentences: each worded from a finding (causal/effectFindings.ts) computed from the figures shown
// above it, so the text never says "zero effect" beside non-zero adjusted estimates, and "all ✓" is never read as proof.
import { useI18n } from '../../i18n';
import { effectFindings, type EffectFacts, type EffectFinding } from '../../../causal/effectFindings';
import { ESTIMATORS } from '../../../causal/estimators';

export function EffectFindings({ facts, treatment, outcome }: { facts: EffectFacts; treatment: string; outcome: string }) {
  const { t, num } = useI18n();
  const ci = (k: keyof typeof ESTIMATORS) =>
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
  return (
    <ul className="small" data-testid="effect-findings">
      {effectFindings(facts).map((f) => (
        <li key={f.kind} data-finding={f.kind} className={f.kind === 'noPathDisagrees' ? 'bad' : undefined}>
          {say(f)}
        </li>
      ))}
    </ul>
  );
}
