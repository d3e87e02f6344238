// Causal analysis on the demo: discover with time-order knowledge, edit the graph (cycles refused), estimate the
// planted effect of exposure on purchase (AIPW covers the truth, the naive difference does not), refute, export.
import { expect, test } from '@playwright/test';
import { RecLensApp } from './app';

test('discovers the demo graph, refuses a cycle, and recovers the planted effect where the naive difference fails', async ({ page }) => {
  const app = new RecLensApp(page);
  await app.open();
  await page.getByRole('button', { name: /Causal/ }).click();
  await expect(page.getByText('3,000 rows')).toBeVisible({ timeout: 60_000 });
  await page.getByRole('textbox', { name: /Time order/ }).fill('sessions\nexposed\nviews, clicks, carts\npurchased');
  await page.getByTestId('discover').click();
  await page.waitForFunction(() => window.__reclens!.idle(), null, { timeout: 120_000 });
  await expect(page.getByTestId('truth-compare')).toContainText(/structural Hamming distance \d+; \d of 9 planted edges found/);
  expect(await page.getByTestId('dag-edge').count()).toBeGreaterThan(5);

  // Keyboard selection (a curved edge's bounding-box centre is often off the stroke, so a mouse click could miss).
  await page.getByTestId('dag-edge').first().focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('edge-evidence')).toContainText('p =');
  await page.getByTestId('edge-from').selectOption('purchased');
  await page.getByTestId('edge-to').selectOption('sessions');
  await page.getByTestId('add-edge').click();
  await expect(page.getByTestId('causal-message')).toContainText(/cycle/i);

  await page.getByTestId('estimate').click();
  await page.waitForFunction(() => window.__reclens!.idle(), null, { timeout: 120_000 });
  await expect(page.getByTestId('adjustment')).toContainText('sessions');
  const rows = page.getByTestId('estimates').locator('tbody tr');
  await expect(rows.filter({ hasText: 'Naive difference' })).toContainText('✗');
  await expect(rows.filter({ hasText: 'Doubly robust (AIPW)' })).toContainText('✓');
  await expect(page.getByTestId('refutations').locator('li')).toHaveCount(3);

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'DOT' }).click();
  expect((await download).suggestedFilename()).toBe('causal-graph.dot');
});
