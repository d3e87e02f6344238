// The learning rate of a classifier fine-tune, typed as text: empty means the default (shown as the placeholder), and
// whatever else is typed goes to the core as typed, so a rate out of range is refused with its reason, not replaced.
import { useI18n } from '../../i18n';

/** The rate to send: the typed one when something is typed (NaN for text that is no number), else the default. */
export const typedRate = (typed: string, fallback: number): number => (typed.trim() !== '' ? Number(typed) : fallback);

export function LearningRateInput({
  value,
  fallback,
  onChange,
  testId,
}: {
  value: string;
  fallback: number;
  onChange: (typed: string) => void;
  testId: string;
}) {
  const { t } = useI18n();
  return (
    <label>
      {t('predict.learningRate')}{' '}
      <input
        value={value}
        placeholder={String(fallback)}
        onChange={(e) => onChange(e.target.value)}
        style={{ width: '6em' }}
        data-testid={testId}
      />
    </label>
  );
}
