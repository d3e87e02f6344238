// Cold start in the Evaluate view (#21): every model's metric on all test cases, cold users and cold items, with case
// counts, and a sentence per item-text model (here the content model) read off its paired difference against
// popularity on the cold items: in English and in Chinese.
import { expect, test } from '@playwright/test';
import { RecLensApp } from './app';

test('the Evaluate view splits out cold users and cold items, and says whether item text helps cold items', async ({ page }, info) => {
  test.setTimeout(240_000);
  await page.setViewportSize({ width: 1280, height: 900 });
  const app = new RecLensApp(page);
  await app.open();
  await page.getByRole('button', { name: /Model/ }).click();
  await page.getByTestId('load-hosted').click();
  const list = page.getByTestId('text-model-list').locator('tbody tr');
  await expect(list).toHaveCount(1);
  await list.first().getByTestId('embed-items').click();
  await expect(page.getByTestId('embedded')).toContainText('300 items embedded');
  await app.trainModel('content', 1);
  await app.trainModel('pop', 2);
  await page.getByRole('button', { name: /Evaluate/ }).click();
  await page.getByTestId('evaluate').click();
  await page.waitForFunction(() => window.__reclens!.state().evaluations.length === 2 && window.__reclens!.idle(), null, {
    timeout: 120_000,
  });

  const panel = page.getByTestId('cold-start');
  await expect(panel).toBeVisible();
  await expect(panel.locator('tbody tr')).toHaveCount(2);
  // The counts in the cells are the store's: each slice's cases, for each model.
  const slices = await page.evaluate(() =>
    window.__reclens!.state().evaluations.map((e) => ({
      users: e.result.users,
      coldUsers: e.result.slices?.['cold-users']?.users,
      coldItems: e.result.slices?.['cold-items']?.users,
      fewestItem: e.result.slices?.['cold-items']?.fewest,
    })),
  );
  expect(slices[0].coldUsers).toBeGreaterThan(0);
  expect(slices[0].coldItems).toBeGreaterThanOrEqual(0);
  const content = panel.locator('tr[data-model=content]');
  await expect(content.locator('td[data-slice=cold-users]')).toContainText(`${slices[0].coldUsers!.toLocaleString('en-US')} cases`);
  // An empty slice says why: the fewest training interactions of any test case's held-out item.
  if (slices[0].coldItems === 0)
    await expect(content.locator('td[data-slice=cold-items]')).toHaveText(`no case (fewest: ${slices[0].fewestItem})`);
  const reading = panel.getByTestId('cold-reading');
  await expect(reading).toHaveCount(1);
  // The sentence follows the interval it quotes: the verdict recomputed here from the figures printed in it.
  const text = (await reading.textContent()) ?? '';
  const m = /is (-?[\d.]+) \[(-?[\d.]+), (-?[\d.]+)\], an interval (above 0|that covers 0|below 0)/.exec(text);
  const bothZero = await page.evaluate(() =>
    window.__reclens!.state().evaluations.every((e) => e.result.slices?.['cold-items']?.metrics['NDCG@10'] === 0),
  );
  if (m) {
    const [lo, hi] = [Number(m[2]), Number(m[3])];
    expect(bothZero).toBe(false);
    expect(m[4]).toBe(lo > 0 ? 'above 0' : hi < 0 ? 'below 0' : 'that covers 0');
  } else if (slices[0].coldItems) {
    // No interval quoted: only when both models score 0 on every cold item.
    expect(bothZero).toBe(true);
    expect(text).toContain('both score 0 on NDCG@10 in every case');
  } else expect(text).toContain('No cold-item test case');
  await panel.screenshot({ path: info.outputPath('cold-start-en.png') });

  await page.getByTestId('lang-toggle').click();
  await expect(panel.locator('h2')).toHaveText('冷启动');
  await expect(reading).toContainText(/冷物品/);
  await panel.screenshot({ path: info.outputPath('cold-start-zh.png') });
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth)).toBe(true);
});
