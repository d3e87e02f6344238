// Guidance on the demo (issue #21, requirement 2): train itemknn, compute guidance in the Recommend view, and read the
// table — buy probabilities, top items with uplift, reasons — then sort, filter and export it as CSV.
import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { RecLensApp } from './app';

const probabilities = async (table: import('@playwright/test').Locator) =>
  (await table.getByTestId('guidance-probability').allTextContents()).map(Number);

test('the guidance table renders with numbers, sorts, filters and exports', async ({ page }) => {
  const app = new RecLensApp(page);
  await app.open();
  await app.trainModel('itemknn');
  await page
    .getByRole('button', { name: /Recommend/ })
    .first()
    .click();
  const panel = page.getByTestId('guidance');
  await expect(panel).toBeVisible();
  await panel.getByTestId('guidance-max-users').fill('80');
  await panel.getByTestId('guidance-k').fill('3');
  await panel.getByTestId('guidance-run').click();
  const table = panel.getByTestId('guidance-table');
  await expect(table.getByTestId('guidance-row')).toHaveCount(80, { timeout: 120_000 });
  await page.waitForFunction(() => window.__reclens!.idle());
  await expect(page.getByRole('alert')).toHaveCount(0);
  // The predictor and uplift notes state their figures.
  await expect(panel.getByTestId('guidance-predictor')).toContainText(/ROC-AUC \d\.\d{3} on \d+ held-out users/);
  await expect(panel.getByTestId('guidance-uplift-note')).toContainText(/T-learner on [\d,]+ shown and [\d,]+ unshown/);

  // Sorted by buy probability, highest first; every figure a probability.
  const first = await probabilities(table);
  expect(first).toHaveLength(80);
  for (const p of first) expect(p >= 0 && p <= 1).toBe(true);
  expect([...first].sort((a, b) => b - a)).toEqual(first);
  await expect(table.locator('tbody tr').first().locator('td').nth(1)).toContainText(/\(\d\.\d{3}, [+−]?\d\.\d{3}\)/);
  await expect(table.locator('tbody tr').first()).toContainText(/(raises|lowers) the predicted buy probability: [+−]\d\.\d\d log-odds/);
  await panel.getByTestId('guidance-sort-probability').click();
  const ascending = await probabilities(table);
  expect([...ascending].sort((a, b) => a - b)).toEqual(ascending);
  await panel.getByTestId('guidance-sort-uplift').click();
  const uplifts = (await table.getByTestId('guidance-best-uplift').allTextContents()).map((s) => Number(s.replace('−', '-')));
  expect([...uplifts].sort((a, b) => b - a)).toEqual(uplifts);

  // Filters: a minimum probability, then part of a user id.
  const median = [...first].sort((a, b) => a - b)[40];
  await panel.getByTestId('guidance-min-probability').fill(String(median));
  const kept = await probabilities(table);
  expect(kept.length).toBe(first.filter((p) => p >= median).length);
  for (const p of kept) expect(p).toBeGreaterThanOrEqual(median);
  await expect(panel.getByTestId('guidance-shown')).toHaveText(`${kept.length} of 80 users shown`);
  await panel.getByTestId('guidance-min-probability').fill('0');
  await panel.getByTestId('guidance-user-filter').fill('u1');
  const users = await table.locator('tbody th').allTextContents();
  expect(users.length).toBeGreaterThan(0);
  for (const u of users) expect(u).toContain('u1');

  // Export: the filtered rows, one line per user and item, with the header and figures.
  const downloading = page.waitForEvent('download');
  await panel.getByTestId('guidance-export').click();
  const csv = (await readFile((await (await downloading).path())!, 'utf8')).replace(/^\uFEFF/, '');
  const lines = csv.trim().split('\r\n');
  expect(lines[0]).toBe(
    'user,model,buy_probability,rank,item_id,title,score,uplift,reason_en,reason_zh,reason_feature,reason_value,reason_contribution',
  );
  expect(lines).toHaveLength(1 + users.length * 3);
  const row = lines[1].match(/^(u1\d*),itemknn,(0\.\d+|1|0),1,(i\d+),/);
  expect(row, lines[1]).not.toBeNull();
  expect(users).toContain(row![1]);
  expect(lines[1]).toMatch(/(raises|lowers) the predicted buy probability/);
});
