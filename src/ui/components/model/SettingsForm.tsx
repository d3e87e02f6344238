// One input per numeric setting of the chosen model (from the registry's range tables), kept in sync with the settings
// JSON: typing in a field rewrites the JSON, editing the JSON refills the fields. A value out of range is named next to
// its field, and training refuses it before anything is sent to the worker.
import type { RangeTable } from '../../../lib/ranges';
import { useI18n } from '../../i18n';
import { formFields, setField, type FormField } from './settingsForm';

/** "must be an integer in [1, 4096]" in the UI language. */
export function useFieldRule() {
  const { t } = useI18n();
  return (f: FormField) => t(f.integer ? 'model.form.integer' : 'model.form.number', { interval: f.interval });
}

export function SettingsForm({
  params,
  settings,
  onChange,
}: {
  params: RangeTable;
  /** The parsed settings JSON; null while it does not parse (the fields are then read-only). */
  settings: Record<string, unknown> | null;
  onChange: (next: Record<string, unknown>) => void;
}) {
  const { t } = useI18n();
  const rule = useFieldRule();
  const fields = formFields(params, settings ?? {});
  if (fields.length === 0) return null;
  return (
    <fieldset className="settings-form" data-testid="settings-form" disabled={!settings}>
      <legend>{t('model.form.title')}</legend>
      {fields.map((f) => (
        <label key={f.name} className="settings-field">
          <span className="mono">{f.name}</span>
          <input
            type="text"
            inputMode="decimal"
            value={f.text}
            placeholder={t('model.form.default')}
            aria-invalid={f.invalid || undefined}
            onChange={(e) => settings && onChange(setField(settings, f.name, e.target.value))}
            data-testid={`setting-${f.name}`}
          />
          <span className={f.invalid ? 'warn small' : 'muted small'} role={f.invalid ? 'alert' : undefined}>
            {f.invalid ? t('model.form.refused', { rule: rule(f), value: f.text }) : rule(f)}
          </span>
        </label>
      ))}
    </fieldset>
  );
}
