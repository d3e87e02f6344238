// mf-explicit's debiasing objective (naive, IPS, SNIPS, doubly robust), offered as a select that edits the settings JSON.
import { DEBIAS_MODES, MF_EXPLICIT_DEFAULTS } from '../../../rec/models/mfExplicit';
import { useI18n } from '../../i18n';

/** The settings object in the text, or null while the analyst's JSON does not parse. */
function parseSettings(text: string): Record<string, unknown> | null {
  try {
    const v: unknown = JSON.parse(text || '{}');
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

export function DebiasSetting({
  model,
  settingsText,
  onChange,
}: {
  model: string;
  settingsText: string;
  onChange: (text: string) => void;
}) {
  const { t } = useI18n();
  if (model !== 'mf-explicit') return null;
  const settings = parseSettings(settingsText);
  const value = typeof settings?.debias === 'string' ? settings.debias : 'none';
  const clip = typeof settings?.clip === 'number' ? settings.clip : MF_EXPLICIT_DEFAULTS.clip;
  const pick = (mode: string) => {
    if (!settings) return;
    const { debias: _, ...rest } = settings;
    onChange(JSON.stringify(mode === 'none' ? rest : { ...rest, debias: mode }, null, 1));
  };
  return (
    <div className="row wrap">
      <label>
        {t('model.debias')}{' '}
        <select value={value} disabled={!settings} onChange={(e) => pick(e.target.value)} data-testid="debias-mode">
          {DEBIAS_MODES.map((m) => (
            <option key={m} value={m}>
              {t(`model.debias.${m}`)}
            </option>
          ))}
        </select>
      </label>
      {value !== 'none' && <span className="muted">{t('model.debias.hint', { clip })}</span>}
    </div>
  );
}
