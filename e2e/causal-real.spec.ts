// Causal analysis on a real log through the file picker (issue #19): Coat's ratings start from the rating-log
// defaults, the constant activity column is left out with a note, and discovery finds at least one edge.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, test } from '@playwright/test';
import { RecLensApp } from './app';

const COAT = resolve(import.meta.dirname, '../../shared/data/coat/train.csv');

test('Coat’s ratings: rating-log default variables, the constant one noted, and a graph with an edge', async ({ page }) => {
  test.skip(!existsSync(COAT), 'needs ../shared/data/coat');
  const app = new RecLensApp(page);
  await app.open();
  await app.chooseFiles([COAT]);
  await app.confirmImport();
  await page.getByRole('button', { name: /Causal/ }).click();
  await expect(page.getByText('290 rows', { exact: true })).toBeVisible({ timeout: 60_000 });
  await expect(page.getByRole('checkbox', { name: /^rating_mean/ })).toBeChecked();
  await expect(page.getByRole('checkbox', { name: /^popularity/ })).toBeChecked();
  await expect(page.getByRole('checkbox', { name: /^events/ })).not.toBeChecked();
  await expect(page.getByRole('checkbox', { name: /^sessions/ })).not.toBeChecked();
  // Every constant column (events; exposed and purchased, which a rating log never has) is disabled, with the count.
  await expect(page.getByTestId('causal-constant')).toHaveText(
    /^\d+ of \d+ variables are the same for every user on this data, so they are disabled: .*events = 24/,
  );
  await expect(page.getByRole('checkbox', { name: /^events/ })).toBeDisabled();
  await expect(page.getByRole('checkbox', { name: /^exposed/ })).toBeDisabled();
  await page.getByTestId('discover').click();
  await page.waitForFunction(() => window.__reclens!.idle(), null, { timeout: 120_000 });
  await expect(page.getByRole('alert')).toHaveCount(0);
  expect(await page.getByTestId('dag-edge').count()).toBeGreaterThan(0);
});
