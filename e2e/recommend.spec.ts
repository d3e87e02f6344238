// Train → Recommend (what-if edits re-rank live) → Evaluate (table, chart, drill-down) on the demo shop.
import { expect, test } from '@playwright/test';
import { RecLensApp } from './app';

test('train baselines, re-rank after editing a history, and compare models with confidence intervals', async ({ page }) => {
  const app = new RecLensApp(page);
  await app.open();
  await page.getByRole('button', { name: /Model/ }).click();
  for (const [name, n] of [
    ['pop', 1],
    ['itemknn', 2],
  ] as const) {
    await page.getByTestId('model-select').selectOption(name);
    await page.getByTestId('train').click();
    await page.waitForFunction((count) => window.__reclens!.state().trainedModels.length >= count && window.__reclens!.idle(), n, {
      timeout: 120_000,
    });
  }
  await expect(page.getByTestId('trained-models').locator('tbody tr')).toHaveCount(2);

  await page.getByRole('button', { name: /Recommend/ }).click();
  const recs = page.getByTestId('recommendations').locator('li .title');
  await expect(recs).toHaveCount(10);
  const history = await page.getByTestId('history').locator('.title').allTextContents();
  const before = await recs.allTextContents();
  expect(before.some((title) => history.includes(title))).toBe(false);
  // The demo's first user has 34 interactions; removing the oldest 20 leaves a different taste profile.
  expect(history.length).toBeGreaterThan(20);
  for (let i = 0; i < 20; i++) await page.getByTestId('remove-event').first().click();
  await expect(page.getByTestId('history').locator('li')).toHaveCount(history.length - 20);
  await expect.poll(async () => (await recs.allTextContents()).join('|')).not.toBe(before.join('|'));
  await expect(page.getByTestId('move').first()).toBeVisible();

  await page.getByRole('button', { name: /Evaluate/ }).click();
  await page.getByTestId('evaluate').click();
  await page.waitForFunction(() => window.__reclens!.state().evaluations.length >= 2 && window.__reclens!.idle(), null, {
    timeout: 120_000,
  });
  await expect(page.getByTestId('metrics-table').locator('tbody tr')).toHaveCount(2);
  await expect(page.getByTestId('metrics-table')).toContainText('NDCG@10');
  await expect(page.getByRole('img', { name: 'NDCG@10' }).locator('rect')).toHaveCount(2);
  await page.getByTestId('drill').getByRole('button', { name: 'Open in Recommend' }).first().click();
  await expect(page.getByTestId('view-recommend')).toBeVisible();
});
