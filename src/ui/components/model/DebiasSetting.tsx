// The debiasing objective, offered as a select that edits the settings JSON: mf-explicit's (naive, IPS, SNIPS, doubly
// robust) and the sequence models' inverse-propensity example weights (none, IPS, SNIPS; no doubly robust).
import type { SeqDebiasMode } from '../../../ml/seqrec/config';
import { DEBIAS_MODES, MF_EXPLICIT_DEFAULTS } from '../../../rec/models/mfExplicit';
import { useI18n } from '../../i18n';
import { parseSettings } from './settingsForm';

/** ml/seqrec/config's SEQ_DEBIAS_MODES (ui reads ml for types only). */
const SEQUENCE_MODES: readonly SeqDebiasMode[] = ['none', 'ips', 'snips'];

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
  const sequence = model === 'sasrec' || model === 'bert4rec';
  if (model !== 'mf-explicit' && !sequence) return null;
  const modes: readonly string[] = sequence ? SEQUENCE_MODES : DEBIAS_MODES;
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
          {modes.map((m) => (
            <option key={m} value={m}>
              {t(sequence ? `model.debias.seq.${m as SeqDebiasMode}` : `model.debias.${m as (typeof DEBIAS_MODES)[number]}`)}
            </option>
          ))}
        </select>
      </label>
      {value !== 'none' && <span className="muted">{t(sequence ? 'model.debias.seq.hint' : 'model.debias.hint', { clip })}</span>}
    </div>
  );
}
