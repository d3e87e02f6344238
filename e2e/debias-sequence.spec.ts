// The Model view offers SASRec/BERT4Rec's debiasing (inverse-propensity example weights): the select edits the
// settings, says what the weights are and why there is no doubly robust option, and the trained model keeps it and
// shows its weights' overlap (#19).
import { expect, test } from '@playwright/test';
import { RecLensApp } from './app';

test('SASRec trains with IPS example weights from the Model view’s debias select', async ({ page }) => {
  const app = new RecLensApp(page);
  await app.open();
  await page.getByRole('button', { name: /Model/ }).click();
  await page.getByTestId('model-select').selectOption('sasrec');
  await app.setModelSettings('{"maxEpochs": 2, "hidden": 16, "layers": 1, "heads": 1, "batchSize": 256}');
  const select = page.getByTestId('debias-mode');
  await expect(select).toHaveValue('none');
  // The sequence models stop at SNIPS: no doubly robust option, and the hint says why.
  await expect(select.locator('option')).toHaveText([/^none/, /^IPS — each target/, /^SNIPS — the IPS weights normalised to mean 1/]);
  await select.selectOption('ips');
  await expect(app.modelSettings()).toHaveValue(/"debias": "ips"/);
  await expect(page.getByText(/clipped below at 0.01\. No doubly robust objective here/)).toBeVisible();
  await page.getByTestId('train').click();
  await page.waitForFunction(() => window.__reclens!.state().trainedModels.length === 1 && window.__reclens!.idle(), null, {
    timeout: 180_000,
  });
  await expect(page.getByRole('alert')).toHaveCount(0);
  const model = await app.state<{ name: string; settings: Record<string, unknown>; validation: { ndcg10: number } }>('trainedModels.0');
  expect(model.name).toBe('sasrec');
  expect(model.settings.debias).toBe('ips');
  expect(model.validation.ndcg10).toBeGreaterThan(0);
  // Beside it, how the weights looked: the demo's exposures as propensities, the share clipped and the effective size.
  const overlap = await app.state<{ debias: string; source: string; pairs: number; clippedShare: number; essShare: number }>(
    'trainedModels.0.overlap',
  );
  expect(overlap).toMatchObject({ debias: 'ips', source: 'exposure' });
  const shown = `ips with exposure propensities: ${(100 * overlap.clippedShare).toFixed(1)}% of the ${overlap.pairs.toLocaleString('en-US')} training pairs clipped at 0.01; effective sample size ${Math.round(100 * overlap.essShare)}% of them.`;
  await expect(page.getByTestId('debias-overlap')).toHaveText(shown);
});
