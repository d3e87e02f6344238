// The Model step: train recommenders (baselines and sequence models) on the active dataset, in the ML worker.
import { useEffect, useState } from 'react';
import { useApp } from '../../../store';
import { activeDataset } from '../../../store/dataSlice';
import { modelChoiceOf, useModelChoice, type ModelChoice } from '../../../store/modelChoice';
import { loadModelCatalog, removeModel, trainModel } from '../../../store/modelActions';
import { useI18n } from '../../i18n';
import { TrainedModels } from './TrainedModels';
import { SavedModels } from './SavedModels';
import { TextModelPanel } from './TextModelPanel';
import { BehaviorClassifierPanel } from './BehaviorClassifierPanel';
import { SequenceClassifierPanel } from './SequenceClassifierPanel';
import { TrainingCurve } from './TrainingCurve';
import { ModelCurves } from './ModelCurves';
import { DEFAULT_EPOCH_BUDGET_SEC, FIRST_FIT_MAX_LEN } from '../../../rec/epochBudget';
import { ItemTextSetting } from './ItemTextSetting';
import { RandomWeightsNote } from './RandomWeightsNote';
import { DebiasSetting } from './DebiasSetting';
import { SettingsForm, useFieldRule } from './SettingsForm';
import { SettingsJson } from './SettingsJson';
import { TrainRecipe, type TrainRecipeChoice } from './TrainRecipe';
import { firstInvalidField, parseSettings } from './settingsForm';
import { ErrorNote } from '../common/ErrorNote';
import { datasetDisplayName } from '../../i18n/datasetName';

/** Starting settings shown per model; every key can be edited. */
const DEFAULT_SETTINGS: Record<string, Record<string, unknown>> = {
  itemknn: { neighbours: 100 },
  ease: { lambda: 250 },
  mf: { factors: 32 },
  'mf-explicit': { factors: 10, debias: 'ips' },
  // The first-fit defaults the CLI uses too (rec/epochBudget.ts): an epoch budget of about two minutes rather than a
  // fixed count, and a history length that trains enough epochs within it.
  sasrec: { epochBudgetSec: DEFAULT_EPOCH_BUDGET_SEC, maxLen: FIRST_FIT_MAX_LEN, hidden: 64, layers: 2 },
  bert4rec: { epochBudgetSec: DEFAULT_EPOCH_BUDGET_SEC, maxLen: FIRST_FIT_MAX_LEN, hidden: 64, layers: 2 },
};

export function ModelView() {
  const { t } = useI18n();
  const dataset = useApp(activeDataset);
  const catalog = useApp((s) => s.modelCatalog);
  const error = useApp((s) => s.modelError);
  const busy = useApp((s) => Object.keys(s.tasks).some((k) => k.startsWith('train')));
  // The choice is kept per dataset outside the view (store/modelChoice): leaving the view no longer forgets it.
  const { model, seed, settingsText } = useModelChoice((s) => modelChoiceOf(s, dataset?.id));
  const choose = (change: Partial<ModelChoice>) => dataset && useModelChoice.getState().choose(dataset.id, change);
  const setSeed = (v: number) => choose({ seed: v });
  const setSettingsText = (text: string) => choose({ settingsText: text });
  const [parseError, setParseError] = useState<string | null>(null);
  const [recipe, setRecipe] = useState<TrainRecipeChoice>('quick');

  useEffect(() => {
    if (catalog.length === 0) void loadModelCatalog();
  }, [catalog.length]);

  const pick = (name: string) => {
    choose({ model: name, settingsText: JSON.stringify(DEFAULT_SETTINGS[name] ?? {}, null, 1) });
    setParseError(null);
  };

  const rule = useFieldRule();
  const params = catalog.find((m) => m.name === model)?.params ?? {};
  const parsed = parseSettings(settingsText);
  const train = () => {
    let settings: Record<string, unknown>;
    try {
      settings = JSON.parse(settingsText || '{}');
      if (typeof settings !== 'object' || settings === null || Array.isArray(settings)) throw new Error(t('model.settingsObject'));
    } catch (e) {
      setParseError((e as Error).message);
      return;
    }
    // Out-of-range values are refused here, with the field named (the worker checks again).
    const invalid = firstInvalidField(params, settings);
    if (invalid) {
      setParseError(`${invalid.name} ${t('model.form.refused', { rule: rule(invalid), value: invalid.text })}`);
      return;
    }
    setParseError(null);
    void trainModel(model, settings, seed, recipe === 'quality' && (model === 'sasrec' || model === 'bert4rec') ? 'quality' : undefined);
  };

  if (!dataset) return <p className="muted">{t('data.empty')}</p>;
  return (
    <div data-testid="view-model">
      <section className="panel" aria-labelledby="train-title">
        <h2 id="train-title">{t('model.train.title', { name: datasetDisplayName(dataset, t) })}</h2>
        <p className="muted">{t('model.train.hint')}</p>
        <div className="row wrap">
          {/* Capped at the panel's width: the models' one-line summaries made the select overflow the panel by ~20 px. */}
          <label style={{ maxWidth: '100%' }}>
            {t('model.name')}{' '}
            <select value={model} onChange={(e) => pick(e.target.value)} style={{ maxWidth: '100%' }} data-testid="model-select">
              {catalog.map((m) => (
                <option key={m.name} value={m.name}>
                  {m.name} — {m.summary}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('model.seed')}{' '}
            <input type="number" value={seed} onChange={(e) => setSeed(Number(e.target.value) || 0)} style={{ width: '6em' }} />
          </label>
        </div>
        <SettingsForm params={params} settings={parsed} onChange={(next) => setSettingsText(JSON.stringify(next, null, 1))} />
        <SettingsJson text={settingsText} valid={parsed !== null} onChange={setSettingsText} />
        <ItemTextSetting model={model} settingsText={settingsText} onChange={setSettingsText} />
        {model === 'content' && <RandomWeightsNote what="content" />}
        <DebiasSetting model={model} settingsText={settingsText} onChange={setSettingsText} />
        <TrainRecipe
          model={model}
          log={dataset.log}
          budgetSec={typeof parsed?.epochBudgetSec === 'number' && parsed.epochBudgetSec > 0 ? parsed.epochBudgetSec : undefined}
          settings={parsed}
          value={recipe}
          onChange={setRecipe}
        />
        <ErrorNote error={parseError} />
        <ErrorNote error={error} />
        <button type="button" className="primary" onClick={train} disabled={busy} data-testid="train">
          {t('model.train.button')}
        </button>
      </section>
      <TrainingCurve />
      <TrainedModels onRemove={(id) => void removeModel(id)} />
      <ModelCurves />
      <SavedModels />
      <TextModelPanel />
      <BehaviorClassifierPanel />
      <SequenceClassifierPanel />
    </div>
  );
}
