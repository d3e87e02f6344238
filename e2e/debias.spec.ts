// Coat through the file picker: train mf-explicit with a debiasing objective in the Model view, then score it on the
// randomly assigned test file in the Evaluate view (issue #19).
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, test } from '@playwright/test';
import { RecLensApp } from './app';

const COAT = resolve(import.meta.dirname, '../../shared/data/coat/train.csv');
const COAT_TEST = resolve(import.meta.dirname, '../../shared/data/coat/test.csv');

test('a debiased mf-explicit trains on Coat’s ratings and shows its test MSE with a CI', async ({ page }) => {
  test.skip(!existsSync(COAT), 'needs ../shared/data/coat');
  const app = new RecLensApp(page);
  await app.open();
  await app.chooseFiles([COAT]);
  await app.confirmImport();
  await page.getByRole('button', { name: /Model/ }).click();
  await page.getByTestId('model-select').selectOption('mf-explicit');
  await expect(page.getByTestId('debias-mode')).toHaveValue('ips');
  await expect(page.getByText(/item popularity × user activity; clipped below at 0.01/)).toBeVisible();
  await page.getByTestId('debias-mode').selectOption('snips');
  await expect(app.modelSettings()).toHaveValue(/"debias": "snips"/);
  await page.getByTestId('train').click();
  await page.waitForFunction(() => window.__reclens!.state().trainedModels.length >= 1 && window.__reclens!.idle(), null, {
    timeout: 120_000,
  });
  await expect(page.getByTestId('trained-models')).toContainText('mf-explicit');
  await expect(page.getByRole('alert')).toHaveCount(0);

  // Scored on the randomly assigned test ratings: MSE with its CI, and the sentence built from the same figures.
  await page.getByRole('button', { name: /Evaluate/ }).click();
  await page.getByTestId('test-file').setInputFiles(COAT_TEST);
  const table = page.getByTestId('test-file-metrics');
  await expect(table.locator('tbody tr')).toHaveCount(4);
  await expect(table.locator('tr', { hasText: 'MSE' })).toContainText(/MSE\s*\d\.\d+\s*\[\d\.\d+, \d\.\d+\]/);
  await expect(page.getByTestId('test-file-panel')).toContainText('mf-explicit on test.csv: 290 users, 4640 ratings.');
});
