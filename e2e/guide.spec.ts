// The first-run guide walks the demo end to end with one-click defaults and is remembered once closed; theme and
// language survive a reload.
import { expect, test } from '@playwright/test';
import { RecLensApp } from './app';

test('the first-run guide takes the demo from data to evaluation in a few clicks (train, explain, evaluate), and stays closed once closed', async ({
  page,
}) => {
  const app = new RecLensApp(page);
  await app.open();
  const guide = page.getByTestId('guide');
  await expect(guide).toContainText('step 1 of 6');
  await expect(page.getByTestId('view-data')).toBeVisible();

  await page.getByTestId('guide-next').click();
  await expect(page.getByTestId('view-model')).toBeVisible();
  await page.getByTestId('guide-train').click();
  await page.waitForFunction(() => window.__reclens!.state().trainedModels.length === 1 && window.__reclens!.idle(), null, {
    timeout: 120_000,
  });
  await expect(guide).toContainText('1 trained so far');

  await page.getByTestId('guide-next').click();
  await expect(page.getByTestId('recommendations').locator('li .title')).toHaveCount(10);
  await page.getByTestId('guide-next').click();
  await expect(guide).toContainText('step 4 of 6');
  // One click explains the focused shopper's recommendations with the default method, as the view's own button would.
  await page.getByTestId('guide-explain').click();
  await expect(page.getByTestId('attributions')).toBeVisible({ timeout: 120_000 });
  await app.waitIdle();
  const shown = await page.evaluate(() => {
    const s = window.__reclens!.state();
    return (
      s.lastExplanation && {
        model: s.lastExplanation.modelId,
        user: s.lastExplanation.user,
        methods: s.lastExplanation.result.methods,
        rows: s.lastExplanation.result.rows.length,
        focusUser: s.focusUser ?? 0,
        trained: s.trainedModels[0].id,
      }
    );
  });
  expect(shown).toEqual({
    model: shown!.trained,
    user: shown!.focusUser,
    methods: ['occlusion'],
    rows: 5,
    focusUser: shown!.focusUser,
    trained: shown!.trained,
  });
  await expect(page.getByTestId('method')).toHaveValue('occlusion');
  await page.getByTestId('guide-next').click();
  await expect(page.getByTestId('view-causal')).toBeVisible();
  await page.getByTestId('guide-next').click();
  await expect(guide).toContainText('step 6 of 6');
  await page.getByTestId('guide-evaluate').click();
  await page.waitForFunction(() => window.__reclens!.state().evaluations.length === 1 && window.__reclens!.idle(), null, {
    timeout: 120_000,
  });
  await expect(page.getByTestId('metrics-table').locator('tbody tr')).toHaveCount(1);

  // Back goes back; any step is also reachable from the navigation, and the guide follows.
  await page.getByTestId('guide-back').click();
  await expect(guide).toContainText('step 5 of 6');
  await page
    .getByRole('navigation')
    .getByRole('button', { name: /Recommend/ })
    .click();
  await expect(guide).toContainText('step 3 of 6');

  await page.getByTestId('guide-close').click();
  await expect(guide).toBeHidden();
  await page.reload();
  await app.waitIdle();
  await expect(guide).toBeHidden();
  await page.getByTestId('guide-toggle').click();
  await expect(guide).toBeVisible();
});

test('theme and language are remembered across a reload', async ({ page }) => {
  const app = new RecLensApp(page);
  await app.open();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  await page.getByRole('button', { name: 'Switch light/dark theme' }).click();
  await page.getByTestId('lang-toggle').click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await expect(page.getByRole('navigation').getByRole('button', { name: /数据/ })).toBeVisible();
  await page.reload();
  await app.waitIdle();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await expect(page.getByRole('navigation').getByRole('button', { name: /数据/ })).toBeVisible();
  await expect(page.getByTestId('guide')).toContainText('第 1 步');
});
