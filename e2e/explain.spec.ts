// The Explain view on the demo: heatmap cells with values, a clicked pair, faithfulness, reasons in both languages.
import { expect, test } from '@playwright/test';
import { RecLensApp } from './app';

test("explains a user's recommendations with two methods, faithfulness and reasons in English and Chinese", async ({ page }) => {
  const app = new RecLensApp(page);
  await app.open();
  await app.trainModel('itemknn');

  await page.getByRole('button', { name: /Explain/ }).click();
  // A baseline offers only the model-agnostic methods.
  await expect(page.getByTestId('method').locator('option')).toHaveText(['Occlusion (leave one out)', 'LIME', 'Shapley sampling']);
  await page.getByTestId('method').selectOption('occlusion');
  await page.getByTestId('compare').selectOption('lime');
  await page.getByTestId('explain').click();
  await expect(page.getByTestId('attributions')).toBeVisible({ timeout: 120_000 });
  const cells = page.getByTestId('heat-cell');
  expect(await cells.count()).toBeGreaterThan(20);
  await expect(cells.first()).toHaveAttribute('aria-label', /: -?\d/);
  await cells.nth(3).click();
  await expect(page.getByTestId('picked-pair')).toContainText('contributed');
  await expect(page.getByTestId('agreement')).toContainText('Spearman');
  // Leaving the view and coming back keeps both methods selected beside their two heatmaps (#20).
  await page.getByRole('button', { name: /Recommend/ }).click();
  await page.getByRole('button', { name: /Explain/ }).click();
  await expect(page.getByTestId('method')).toHaveValue('occlusion');
  await expect(page.getByTestId('compare')).toHaveValue('lime');
  await expect(page.getByTestId('faith-summary')).toContainText(/of 5 recommendations/);
  const reasons = page.getByTestId('reasons').locator('li');
  await expect(reasons).toHaveCount(5);
  await expect(reasons.first()).toContainText(/Recommended (mainly|partly) because you|No past event|unreliable for this item/);

  // Population view: the top recommendation of 30 sampled users, aggregated by item and category.
  await page.getByRole('spinbutton', { name: 'Users to sample' }).fill('30');
  await page.getByTestId('run-population').click();
  await expect(page.getByTestId('population-summary')).toContainText('30 users explained (0 failed)', { timeout: 120_000 });
  await expect(page.getByRole('img', { name: 'Categories that drive recommendations' }).locator('rect').first()).toBeVisible();

  await page.getByTestId('lang-toggle').click();
  await expect(page.getByRole('navigation').getByRole('button', { name: /解释/ })).toBeVisible();
  await expect(reasons.first()).toContainText(/推荐的主要原因是您|没有哪条历史行为/);
});
