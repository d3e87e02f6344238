// The Effect panel's sentences: each worded from a finding (causal/effectFindings.ts) computed from the figures shown
// above it, so the text never says "zero effect" beside non-zero adjusted estimates, and "all ✓" is never read as proof.
import { useI18n } from '../../i18n';
import type { EffectFacts } from '../../../causal/effectFindings';
import { effectFindingSentences } from './effectFindingText';

export function EffectFindings({ facts, treatment, outcome }: { facts: EffectFacts; treatment: string; outcome: string }) {
  const { t, num } = useI18n();
  return (
    <ul className="small" data-testid="effect-findings">
      {effectFindingSentences(facts, treatment, outcome, t, num).map((f) => (
        <li key={f.kind} data-finding={f.kind} className={f.kind === 'noPathDisagrees' ? 'bad' : undefined}>
          {f.text}
        </li>
      ))}
    </ul>
  );
}
