// "Quick first model" (one fit within the epoch budget) or "Train for quality" (rec/qualityFit.ts: tune on validation,
// then a final fit on train + validation), for the sequence models; the sentence beside it gives the plan's figures.
import { useMemo } from 'react';
import type { EventLog } from '../../../data/eventLog';
import { planQualityForLog, recipeSetKeysIn, type QualityMode } from '../../../rec/qualityRecipe';
import { useI18n } from '../../i18n';

export type TrainRecipeChoice = 'quick' | 'quality';

export function TrainRecipe({
  model,
  log,
  budgetSec,
  settings,
  value,
  onChange,
}: {
  model: string;
  log: EventLog;
  /** The settings' epoch budget (seconds), for the quick choice's sentence; absent: the settings' own epoch count. */
  budgetSec: number | undefined;
  /** The settings as parsed (null while the JSON is invalid): those the recipe sets itself are named as not used. */
  settings: Record<string, unknown> | null;
  value: TrainRecipeChoice;
  onChange: (choice: TrainRecipeChoice) => void;
}) {
  const { t, num } = useI18n();
  const mode = model === 'sasrec' || model === 'bert4rec' ? (model as QualityMode) : null;
  const plan = useMemo(() => (mode ? planQualityForLog(mode, log) : null), [mode, log]);
  if (!mode || !plan) return null;
  const unused = value === 'quality' && settings ? recipeSetKeysIn(settings) : [];
  const sentence =
    value === 'quality'
      ? t('model.recipe.quality.cost', {
          perItem: num(plan.eventsPerItem, 1),
          maxEpochs: num(plan.maxEpochs),
          evalEvery: num(plan.evalEvery),
          minEpochs: num(plan.minEpochs),
          minPatience: num(plan.minPatience),
        }) + (unused.length ? ' ' + t('model.recipe.quality.unused', { keys: unused.join(', ') }) : '')
      : budgetSec
        ? t('model.recipe.quick.cost', { budget: num(budgetSec) })
        : t('model.recipe.quick.epochs');
  return (
    <fieldset className="row wrap" data-testid="train-recipe">
      <legend>{t('model.recipe')}</legend>
      {(['quick', 'quality'] as const).map((c) => (
        <label key={c}>
          <input
            type="radio"
            name="train-recipe"
            value={c}
            checked={value === c}
            onChange={() => onChange(c)}
            data-testid={`recipe-${c}`}
          />{' '}
          {t(`model.recipe.${c}`)}
        </label>
      ))}
      <p className="muted" data-testid="recipe-cost">
        {sentence}
      </p>
    </fieldset>
  );
}
