// Issue #20: a reload brings back the causal graph as the analyst edited it (and the view shows it again).
import { expect, test } from '@playwright/test';
import { RecLensApp } from './app';

test('the causal graph, with the analyst’s reversal, survives a reload', async ({ page }) => {
  const app = new RecLensApp(page);
  await app.open();
  await page
    .getByRole('button', { name: /Causal/ })
    .first()
    .click();
  await expect(page.getByText('3,000 rows', { exact: true })).toBeVisible({ timeout: 60_000 });
  await page.getByRole('spinbutton', { name: /Bootstrap/ }).fill('0');
  await page.getByTestId('discover').click();
  await page.waitForFunction(() => window.__reclens!.idle() && window.__reclens!.state().causalGraph !== null, null, { timeout: 120_000 });
  await page.getByRole('button', { name: 'carts → purchased' }).focus();
  await page.keyboard.press('Enter');
  await page.getByTestId('reverse-edge').click();
  const edges = () =>
    page.evaluate(() =>
      window
        .__reclens!.state()
        .causalGraph!.dag.edges.map((e) => `${e.from}->${e.to}`)
        .sort(),
    );
  const before = await edges();
  expect(before).toContain('purchased->carts');
  // Let the workspace save the edit, then reload.
  await page.waitForFunction(() => window.__reclens!.idle());
  await page.waitForTimeout(500);
  await page.reload();
  await app.waitIdle();
  await page.waitForFunction(() => window.__reclens!.state().causalGraph !== null, null, { timeout: 30_000 });
  expect(await edges()).toEqual(before);
  await page
    .getByRole('button', { name: /Causal/ })
    .first()
    .click();
  await expect(page.getByRole('button', { name: 'purchased → carts' })).toBeVisible();
});
