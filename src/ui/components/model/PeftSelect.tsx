// What a fine-tune trains — every weight, LoRA or Houlsby adapters — chosen the same way for the text and the
// sequence behavior classifiers.
import type { PeftMethod } from '../../../ml/predict/sequencePeft';
import { useI18n } from '../../i18n';

/** ml/predict/sequencePeft's methods (the UI reads ml for types only). */
const PEFT_METHODS: readonly PeftMethod[] = ['none', 'lora', 'adapter'];

export function PeftSelect({ value, onChange, testId }: { value: PeftMethod; onChange: (p: PeftMethod) => void; testId: string }) {
  const { t } = useI18n();
  return (
    <label>
      {t('seqcls.peft')}{' '}
      <select value={value} onChange={(e) => onChange(e.target.value as PeftMethod)} data-testid={testId}>
        {PEFT_METHODS.map((x) => (
          <option key={x} value={x}>
            {t(`seqcls.peft.${x}`)}
          </option>
        ))}
      </select>
    </label>
  );
}
