// Causal defaults that cannot silently mislead (issue #19, req. 7), as a new user meets them on the demo: the time-order
// box holds the log's funnel order as real text and discovery applies it, NOTEARS starts standardised, the effect
// panel recovers the planted effect with sentences that match its figures, and an edge reversed against the time
// order is flagged in the graph.
import { expect, test } from '@playwright/test';
import { RecLensApp } from './app';

test('defaults: derived time order applied, planted effect recovered, checks explained, backwards edge flagged', async ({ page }) => {
  const app = new RecLensApp(page);
  await app.open();
  await page.getByRole('button', { name: /Causal/ }).click();
  await expect(page.getByText('3,000 rows', { exact: true })).toBeVisible({ timeout: 60_000 });
  const tiers = page.getByTestId('causal-tiers');
  await expect(tiers).toHaveValue('sessions\nexposed\nviews\nclicks\ncarts\npurchased');
  await expect(page.getByTestId('causal-tiers-status')).toContainText("From the log's timestamps");

  await page.getByTestId('causal-algo').selectOption('notears');
  await expect(page.getByTestId('notears-standardize')).toBeChecked();
  await page.getByTestId('causal-algo').selectOption('pc');
  await page.getByRole('spinbutton', { name: /Bootstrap/ }).fill('0');
  await page.getByTestId('discover').click();
  await page.waitForFunction(() => window.__reclens!.idle(), null, { timeout: 120_000 });
  await expect(page.getByTestId('causal-against')).toHaveCount(0);
  await expect(page.getByTestId('dag-against')).toHaveCount(0);

  await page.getByTestId('estimate').click();
  await page.waitForFunction(() => window.__reclens!.idle(), null, { timeout: 120_000 });
  await expect(page.getByTestId('adjustment')).toHaveText('Back-door adjustment set: sessions');
  const rows = page.getByTestId('estimates').locator('tbody tr');
  await expect(rows.filter({ hasText: 'Doubly robust (AIPW)' })).toContainText('✓');
  const findings = page.getByTestId('effect-findings');
  await expect(findings.locator('[data-finding="sensitivity"]')).toContainText(/E-value \d\.\d\d \(CI bound \d\.\d\d\)/);
  await expect(findings.locator('[data-finding="checks"]')).toContainText('cannot show that the graph or its adjustment set is right');

  // Reversing carts → purchased draws purchased → carts, which points back in time: dotted, ⚠, and named.
  await page.getByRole('button', { name: 'carts → purchased' }).focus();
  await page.keyboard.press('Enter');
  await page.getByTestId('reverse-edge').click();
  await expect(page.getByTestId('dag-against')).toHaveCount(1);
  await expect(page.getByRole('button', { name: 'purchased → carts ⚠' })).toHaveAttribute('data-against', 'true');
  await expect(page.getByTestId('causal-against')).toContainText('purchased → carts points against the time order: carts comes earlier');

  // NOTEARS with its defaults (standardised, threshold 0.1, the same time order): nothing against the order, and the
  // effect on its graph also covers the planted one.
  await page.getByTestId('causal-algo').selectOption('notears');
  await page.getByTestId('discover').click();
  await page.waitForFunction(() => window.__reclens!.idle(), null, { timeout: 120_000 });
  await expect(page.getByTestId('dag-against')).toHaveCount(0);
  await expect(page.getByTestId('truth-compare')).toContainText(/structural Hamming distance [0-2];/);
  await page.getByTestId('estimate').click();
  await page.waitForFunction(() => window.__reclens!.idle(), null, { timeout: 120_000 });
  await expect(page.getByTestId('adjustment')).toHaveText('Back-door adjustment set: sessions');
  await expect(rows.filter({ hasText: 'Doubly robust (AIPW)' })).toContainText('✓');
  await expect(findings.locator('[data-finding="noPathDisagrees"]')).toHaveCount(0);

  // Clearing the box says no order is applied, and a button brings the log's order back.
  await tiers.fill('');
  await expect(page.getByTestId('causal-tiers-status')).toContainText('No time order applied');
  await page.getByTestId('causal-tiers-restore').click();
  await expect(tiers).toHaveValue('sessions\nexposed\nviews\nclicks\ncarts\npurchased');
});
