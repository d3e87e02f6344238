// The settings as raw JSON, for power users: the same settings the form above edits, behind a disclosure that starts
// collapsed so that the form is what an analyst meets first. Editing either one rewrites the other (ModelView owns the
// text). A JSON that does not parse disables the form, so the disclosure opens itself then to show why.
import { useState } from 'react';
import { useI18n } from '../../i18n';

export function SettingsJson({ text, valid, onChange }: { text: string; valid: boolean; onChange: (text: string) => void }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  return (
    <details className="settings-json" open={open || !valid} onToggle={(e) => setOpen(e.currentTarget.open)} data-testid="settings-json">
      <summary>{t('model.form.json')}</summary>
      <textarea
        value={text}
        onChange={(e) => onChange(e.target.value)}
        rows={6}
        spellCheck={false}
        aria-label={t('model.form.json')}
        data-testid="model-settings"
      />
    </details>
  );
}
