// The sequence models' itemText setting, offered when the dataset's items have text embeddings: edits the settings JSON.
import { useApp } from '../../../store';
import { useI18n } from '../../i18n';
import { parseSettings } from './settingsForm';
import { RandomWeightsNote } from './RandomWeightsNote';

const MODES = ['off', 'init', 'augment'] as const;

export function ItemTextSetting({
  model,
  settingsText,
  onChange,
}: {
  model: string;
  settingsText: string;
  onChange: (text: string) => void;
}) {
  const { t } = useI18n();
  const embedded = useApp((s) => (s.activeDatasetId ? s.itemEmbeddings[s.activeDatasetId] : undefined));
  if (!embedded || (model !== 'sasrec' && model !== 'bert4rec')) return null;
  const settings = parseSettings(settingsText);
  const value = typeof settings?.itemText === 'string' ? settings.itemText : 'off';
  const pick = (mode: string) => {
    if (!settings) return;
    const { itemText: _, ...rest } = settings;
    onChange(JSON.stringify(mode === 'off' ? rest : { ...rest, itemText: mode }, null, 1));
  };
  return (
    <div className="row wrap">
      <label>
        {t('model.itemText')}{' '}
        <select value={value} disabled={!settings} onChange={(e) => pick(e.target.value)} data-testid="item-text-mode">
          {MODES.map((m) => (
            <option key={m} value={m}>
              {t(`model.itemText.${m}`)}
            </option>
          ))}
        </select>
      </label>
      <span className="muted">{t('model.itemText.hint', { items: embedded.items, dim: embedded.dim })}</span>
      {value !== 'off' && <RandomWeightsNote what="itemText" />}
    </div>
  );
}
