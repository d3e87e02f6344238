// A sequence model trains in the ML worker with a live loss/validation curve, and a training run can be cancelled.
import { expect, test } from '@playwright/test';
import { RecLensApp } from './app';

test('SASRec trains with live curves, then a longer run is cancelled cleanly', async ({ page }) => {
  const app = new RecLensApp(page);
  await app.open();
  await page.getByRole('button', { name: /Model/ }).click();
  await page.getByTestId('model-select').selectOption('sasrec');
  await app.setModelSettings('{"maxEpochs": 2, "hidden": 16, "layers": 1, "heads": 1, "batchSize": 256}');
  await page.getByTestId('train').click();
  await expect(page.getByTestId('training-curve')).toBeVisible({ timeout: 60_000 });
  await page.waitForFunction(() => window.__reclens!.state().trainedModels.length === 1 && window.__reclens!.idle(), null, {
    timeout: 180_000,
  });
  const model = await app.state<{ name: string; curve: { epoch: number; loss: number }[]; validation: { ndcg10: number } }>(
    'trainedModels.0',
  );
  expect(model.name).toBe('sasrec');
  expect(model.curve.map((c) => c.epoch)).toEqual([1, 2]);
  expect(model.curve[1].loss).toBeLessThan(model.curve[0].loss);
  expect(model.validation.ndcg10).toBeGreaterThan(0);

  await app.setModelSettings('{"maxEpochs": 500, "hidden": 16, "layers": 1, "heads": 1}');
  await page.getByTestId('train').click();
  await expect(page.getByTestId('task')).toBeVisible();
  await page.getByTestId('task').getByRole('button', { name: 'Cancel' }).click();
  await page.waitForFunction(() => window.__reclens!.idle(), null, { timeout: 60_000 });
  expect(await app.state<unknown[]>('trainedModels')).toHaveLength(1);
});
