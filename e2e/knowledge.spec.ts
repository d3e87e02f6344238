// The Explain view's knowledge panel on the demo: paths from supporting history items through a shared catalog
// attribute to the recommendation, drawn as a graph and said in words whose figures are the path's own.
import { expect, test } from '@playwright/test';
import { RecLensApp } from './app';

test('draws knowledge paths for a recommendation and says each with its own figures', async ({ page }) => {
  const app = new RecLensApp(page);
  await app.open();
  await app.trainModel('itemknn');
  await page.getByRole('button', { name: /Explain/ }).click();
  await page.getByTestId('explain').click();
  await expect(page.getByTestId('knowledge')).toBeVisible({ timeout: 120_000 });
  await page.getByTestId('kg-run').click();
  // The seeded demo's top item shares a category or price band with items that support it.
  await expect(page.getByTestId('kg-result')).toBeVisible({ timeout: 120_000 });
  const paths = page.getByTestId('kg-paths').locator('li');
  const n = await paths.count();
  expect(n).toBeGreaterThan(0);
  for (let i = 0; i < n; i++) {
    const li = paths.nth(i);
    // The share in the sentence is the path's share; its count never exceeds the path's events.
    const share = Number(await li.getAttribute('data-share'));
    const events = Number(await li.getAttribute('data-events'));
    const text = (await li.textContent())!;
    expect(text).toContain(`${Math.round(100 * share)}% of the positive attribution`);
    expect(Number(text.match(/^(\d+) /)![1])).toBeLessThanOrEqual(events);
  }
  await expect(page.getByTestId('knowledge-graph').locator('circle')).not.toHaveCount(0);
  await expect(page.getByTestId('kg-check')).toContainText(/Removing its \d+ event\(s\)/);
  if (process.env.RECLENS_E2E_SHOT) {
    await page.getByTestId('knowledge').screenshot({ path: process.env.RECLENS_E2E_SHOT });
    await page.getByRole('button', { name: 'Switch light/dark theme' }).click();
    await page.getByTestId('knowledge').screenshot({ path: process.env.RECLENS_E2E_SHOT.replace(/\.png$/, '.dark.png') });
  }
  await page.getByTestId('lang-toggle').click();
  await expect(paths.first()).toContainText('正向归因');
});
