// The Effect panel on a rating log (#20): ml-100k's per-user variables are continuous, so the treatment is split at a
// threshold (rating_mean at its median to start, editable, range-checked) and the estimate, refutations and findings
// name the split; exposed and purchased, 0 for every user, are disabled with a counted note; the guide's Causal step
// speaks of the loaded log, not the simulated shop; the estimate comes back after a reload. RECLENS_SHOTS=<folder>
// saves the view in English and Chinese.
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { RecLensApp, skipUnlessMl100k } from './app';

skipUnlessMl100k();
test.use({ viewport: { width: 1280, height: 720 } });
const SHOTS = process.env.RECLENS_SHOTS;

test('ml-100k: a continuous treatment split at its median, named everywhere, and back after a reload', async ({ page }) => {
  test.setTimeout(300_000);
  const app = new RecLensApp(page);
  await app.open();
  await app.loadMl100k({ items: true });
  await page
    .getByRole('navigation', { name: 'Steps' })
    .getByRole('button', { name: /Causal/ })
    .click();
  await expect(page.getByText('943 rows', { exact: true })).toBeVisible({ timeout: 60_000 });
  // The guide (open on a first visit) follows the loaded log.
  const guide = page.getByTestId('guide-causal-steps');
  await expect(guide).toContainText('A rating log: one row per user (943 rows)');
  await expect(guide).toContainText('No exposure or purchase events');
  await expect(page.getByTestId('guide')).not.toContainText('In the simulated shop');
  // exposed, views, clicks, carts and purchased are 0 for every user of a rating log: disabled, with the count.
  await expect(page.getByTestId('causal-constant')).toHaveText(
    '5 of 18 variables are the same for every user on this data, so they are disabled: exposed = 0, views = 0, clicks = 0, carts = 0, purchased = 0.',
  );
  await expect(page.getByRole('checkbox', { name: /^exposed/ })).toBeDisabled();
  await expect(page.getByRole('checkbox', { name: /^purchased/ })).toBeDisabled();

  await page.getByTestId('discover').click();
  await page.waitForFunction(() => window.__reclens!.idle() && window.__reclens!.state().causalGraph !== null, null, { timeout: 180_000 });
  // rating_mean, split at its median (shortened to three digits), is the default treatment.
  await expect(page.getByTestId('treatment')).toHaveValue('rating_mean');
  await expect(page.getByTestId('treatment').locator('option[value="rating_mean"]')).toHaveText('rating_mean (split at a threshold)');
  await expect(page.getByTestId('treatment').locator('option[value="exposed"]')).toHaveCount(0);
  // The default outcome is another variable, so the estimate can run as the panel opens.
  await expect(page.getByTestId('outcome')).not.toHaveValue('rating_mean');
  await expect(page.getByTestId('estimate')).toBeEnabled();
  const threshold = page.getByTestId('treatment-threshold');
  const median = Number(await threshold.inputValue());
  expect(median).toBeGreaterThan(3);
  expect(median).toBeLessThan(4.2);
  await expect(page.getByTestId('treatment-threshold-hint')).toContainText(`median ${median}`);
  // Out of range: said, and Estimate waits for a valid threshold.
  await threshold.fill('9');
  await expect(page.getByTestId('treatment-threshold-error')).toContainText(
    'The threshold for rating_mean must be a number above its minimum',
  );
  await expect(page.getByTestId('estimate')).toBeDisabled();
  await threshold.fill(String(median));
  await expect(page.getByTestId('treatment-threshold-error')).toHaveCount(0);
  await page.getByTestId('outcome').selectOption('spanDays');
  await page.getByTestId('estimate').click();
  await page.waitForFunction(() => window.__reclens!.idle() && window.__reclens!.state().causalEffect !== null, null, { timeout: 120_000 });
  const split = page.getByTestId('effect-split');
  await expect(split).toHaveText(
    new RegExp(`^Treatment rating_mean ≥ ${median} vs below: \\d+ rows at or above ${median}, \\d+ below\\.$`),
  );
  const [treated, control] = (await split.textContent())!.match(/\d+(?= rows| below)/g)!.map(Number);
  expect(treated + control).toBe(943);
  await expect(page.getByTestId('estimates').locator('tbody tr')).toHaveCount(4);
  await expect(
    page.getByTestId('effect').getByRole('heading', { name: new RegExp(`Refutations · rating_mean ≥ ${median} vs below`) }),
  ).toBeVisible();
  await expect(page.getByTestId('effect-findings').locator('li').first()).toContainText(
    `compare the ${treated} rows with rating_mean ≥ ${median} (treated) against the ${control} below (control)`,
  );
  if (SHOTS) await page.screenshot({ path: join(SHOTS, 'causal-split-en.png'), fullPage: true });
  await page.getByTestId('lang-toggle').click();
  await expect(page.getByTestId('effect-split')).toContainText(`处理 rating_mean ≥ ${median} 对比低于`);
  await expect(page.getByTestId('guide-causal-steps')).toContainText('评分日志');
  if (SHOTS) await page.screenshot({ path: join(SHOTS, 'causal-split-zh.png'), fullPage: true });
  await page.getByTestId('lang-toggle').click();

  // A reload brings the split estimate back, threshold and counts included.
  await page.waitForTimeout(500);
  await page.reload();
  await app.waitIdle();
  await page.waitForFunction(() => window.__reclens!.idle() && window.__reclens!.state().causalEffect !== null, null, { timeout: 120_000 });
  await page
    .getByRole('navigation', { name: 'Steps' })
    .getByRole('button', { name: /Causal/ })
    .click();
  await expect(page.getByTestId('effect-split')).toHaveText(
    `Treatment rating_mean ≥ ${median} vs below: ${treated} rows at or above ${median}, ${control} below.`,
  );
  await expect(page.getByTestId('treatment-threshold')).toHaveValue(String(median));
});
