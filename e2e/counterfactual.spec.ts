// The Explain view's counterfactual panel on the demo: a removal set re-scored by the model, and one added item.
import { expect, test } from '@playwright/test';
import { RecLensApp } from './app';

test('finds the events without which a recommendation leaves the top K, and an item that brings another one in', async ({ page }) => {
  const app = new RecLensApp(page);
  await app.open();
  await app.trainModel('itemknn');
  await page.getByRole('button', { name: /Explain/ }).click();
  await page.getByTestId('explain').click();
  await expect(page.getByTestId('counterfactual')).toBeVisible({ timeout: 120_000 });
  await page.getByTestId('cf-run').click();
  const removal = page.getByTestId('cf-removal');
  await expect(removal).toContainText(
    /Without (these (\d+) events|this event), .+ falls from rank 1 to rank \d+ \(verified by re-scoring\)|Removing the \d+ most supportive events/,
    {
      timeout: 120_000,
    },
  );
  // The sentence's count is the number of events listed under it.
  const n = Number((await removal.textContent())!.match(/these (\d+) events/)?.[1] ?? 1);
  if (/Without/.test((await removal.textContent())!)) await expect(page.getByTestId('cf-removed').locator('li')).toHaveCount(n);
  await expect(page.getByTestId('cf-addition')).toContainText(
    /Adding .+ as the newest event moves .+ from rank 6 to rank [1-5], into the top 5|None of the \d+ items tried/,
  );

  await page.getByTestId('lang-toggle').click();
  await expect(removal).toContainText(/去掉这|移除最支持它的/);
});
