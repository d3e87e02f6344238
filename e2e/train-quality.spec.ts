// "Train for quality" in the Model view: the choice states its plan with figures from the data, trains twice (tuning,
// then a final fit on train + validation) and the trained model records both phases.
import { writeFile, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { RecLensApp } from './app';

test('SASRec trained for quality: the plan sentence, both phases, the kept model trained for the best epoch count', async ({ page }) => {
  test.setTimeout(240_000);
  // 40 users, each with 8 of 20 items in a user-specific rotation: 40 × 6 training events over 20 items = 12 per item,
  // so the cap is ceil(4000 / 12) = 334 epochs, validation every round(334 / 50) = 7, no stop before epoch
  // ceil(33.4) = 34, patience at least 3 × 7 = 21.
  const dir = await mkdtemp(join(tmpdir(), 'reclens-quality-e2e-'));
  const rows = ['user,item,timestamp'];
  for (let u = 0; u < 40; u++) for (let k = 0; k < 8; k++) rows.push(`u${u},i${(u + 3 * k) % 20},${1_700_000_000 + 1000 * u + k}`);
  const events = join(dir, 'rotation.csv');
  await writeFile(events, rows.join('\n'));

  const app = new RecLensApp(page);
  await app.open();
  await app.chooseFiles([events]);
  await app.confirmImport();
  await page.getByRole('button', { name: /Model/ }).click();
  await page.getByTestId('model-select').selectOption('sasrec');
  await app.setModelSettings('{"hidden": 16, "layers": 1, "heads": 1, "maxLen": 8, "batchSize": 64}');
  await expect(page.getByTestId('recipe-quick')).toBeChecked();
  await expect(page.getByTestId('recipe-cost')).toHaveText(/^One fit for the epochs the settings give/);
  await page.getByTestId('recipe-quality').check();
  await expect(page.getByTestId('recipe-cost')).toHaveText(
    'Trains twice. Tuning: at most 334 epochs (12 training events per item), validated every 7; it stops once validation NDCG@10 has ' +
      'not improved for half the epochs its best needed (at least 21), never before epoch 34. Then a fresh model, same seed, trains ' +
      'on train + validation for the best epoch count; that one is kept.',
  );
  // A setting the recipe chooses itself is named as not used, rather than silently overridden.
  await app.setModelSettings('{"hidden": 16, "layers": 1, "heads": 1, "maxLen": 8, "batchSize": 64, "maxEpochs": 5}');
  await expect(page.getByTestId('recipe-cost')).toHaveText(
    /that one is kept\. The recipe sets these itself, so their values in the settings are not used: maxEpochs\.$/,
  );
  await app.setModelSettings('{"hidden": 16, "layers": 1, "heads": 1, "maxLen": 8, "batchSize": 64}');
  await expect(page.getByTestId('recipe-cost')).toHaveText(/that one is kept\.$/);
  if (process.env.RECLENS_SHOTS)
    await page.getByTestId('view-model').screenshot({ path: join(process.env.RECLENS_SHOTS, 'quality-en.png') });
  await page.getByTestId('train').click();
  await page.waitForFunction(() => window.__reclens!.state().trainedModels.length === 1 && window.__reclens!.idle(), null, {
    timeout: 200_000,
  });
  const model = await app.state<{
    curve: { epoch: number }[];
    settings: Record<string, unknown>;
    recipe: {
      plan: { maxEpochs: number };
      tuning: { epochs: number; bestEpoch: number; curve: { epoch: number }[] };
      finalFit: { epochs: number };
    };
  }>('trainedModels.0');
  expect(model.recipe.plan.maxEpochs).toBe(334);
  expect(model.recipe.tuning.epochs).toBeGreaterThanOrEqual(34);
  expect(model.recipe.tuning.curve.map((c) => c.epoch).slice(0, 3)).toEqual([7, 14, 21]);
  expect(model.recipe.finalFit.epochs).toBe(model.recipe.tuning.bestEpoch);
  // The kept model is the final fit: its own curve has exactly the chosen epochs.
  expect(model.curve.map((c) => c.epoch)).toEqual(Array.from({ length: model.recipe.finalFit.epochs }, (_, i) => i + 1));
  await expect(page.getByTestId('quality-recipe')).toContainText(
    `the tuning fit ran ${model.recipe.tuning.epochs} epochs and its validation NDCG@10 peaked at`,
  );
  // Saved in the browser, it lists no validation figure (its final fit trained on those items), and says why on hover.
  const savedFigure = page.getByTestId('saved-validation');
  await expect(savedFigure).toHaveCount(1);
  await expect(savedFigure).toHaveText('–');
  await expect(savedFigure.locator('span')).toHaveAttribute('title', /^Trained on the validation items \(train for quality\)/);
  // "Train longer" is not offered: nothing held out is left to judge more epochs by, and the curve says so.
  await expect(page.getByTestId('train-longer')).toHaveCount(0);
  await expect(page.getByTestId('train-longer-none')).toHaveText(
    /^“Train longer” is not offered for a model trained for quality: its final fit trained on the validation items/,
  );
  if (process.env.RECLENS_SHOTS) {
    await page.getByTestId('model-curve').screenshot({ path: join(process.env.RECLENS_SHOTS, 'quality-curve-en.png') });
    await page.getByTestId('lang-toggle').click();
    await page.getByTestId('view-model').screenshot({ path: join(process.env.RECLENS_SHOTS, 'quality-zh.png') });
  }
});
