// Integrated Gradients' two settings (baseline, steps), shared by the Explain view and the behavior panel.
import { IG_BASELINES, type IgBaseline } from '../../../explain/types';
import { useI18n } from '../../i18n';
import { GUI_MAX_STEPS } from './faithfulnessVerdict';

export function IgSettings({
  baseline,
  steps,
  onBaseline,
  onSteps,
  testIds = false,
}: {
  baseline: IgBaseline;
  steps: number;
  onBaseline: (b: IgBaseline) => void;
  onSteps: (n: number) => void;
  /** Give the controls the Explain view's test ids. */
  testIds?: boolean;
}) {
  const { t } = useI18n();
  return (
    <>
      <label>
        {t('explain.baseline')}{' '}
        <select
          value={baseline}
          onChange={(e) => onBaseline(e.target.value as IgBaseline)}
          data-testid={testIds ? 'ig-baseline' : undefined}
        >
          {IG_BASELINES.map((b) => (
            <option key={b} value={b}>
              {t(`explain.baseline.${b}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('explain.steps')}{' '}
        <input
          type="number"
          min={1}
          max={GUI_MAX_STEPS}
          value={steps}
          onChange={(e) => onSteps(Math.max(1, Math.min(GUI_MAX_STEPS, Number(e.target.value) || 32)))}
          style={{ width: '5em' }}
          data-testid={testIds ? 'ig-steps' : undefined}
        />
      </label>
    </>
  );
}
