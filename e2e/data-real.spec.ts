// The Data step on real files (#20): ml-100k's u.data with u.item through the file picker. The import panel suggests
// the name ml-100k and the analyst names it; the 24-column u.item preview scrolls inside itself; the Data view shows
// the rating distribution, the history-length histogram and the long tail with a head share computed here from the
// file; the guide speaks of this data; a rename survives a reload; no view scrolls sideways at 1280×720.
// Skipped when ../shared/data/ml-100k is absent.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { ML100K, RecLensApp, skipUnlessMl100k } from './app';

const SHOTS = process.env.RECLENS_SHOTS;

skipUnlessMl100k();
test.use({ viewport: { width: 1280, height: 720 } });

/** The share of interactions on the top 20% of items, from u.data itself (tab-separated: user, item, rating, time). */
function headShare(): { items: number; share: number } {
  const counts = new Map<string, number>();
  for (const line of readFileSync(ML100K.data, 'utf8').split('\n')) {
    const item = line.split('\t')[1];
    if (item) counts.set(item, (counts.get(item) ?? 0) + 1);
  }
  const desc = [...counts.values()].sort((a, b) => b - a);
  const items = Math.round(0.2 * desc.length);
  const total = desc.reduce((a, b) => a + b, 0);
  return { items, share: desc.slice(0, items).reduce((a, b) => a + b, 0) / total };
}

const pageScrollsSideways = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);

async function shot(page: Page, name: string) {
  if (SHOTS) await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
}

test('ml-100k: named on import, three distribution charts, a guide for this data, a rename kept on reload, no sideways scroll', async ({
  page,
}) => {
  test.setTimeout(240_000);
  const app = new RecLensApp(page);
  await app.open();
  await app.loadMl100k({
    items: true,
    beforeLoad: async () => {
      // u.item has 24 columns: its preview scrolls inside the panel, never the page.
      expect(await pageScrollsSideways(page)).toBe(false);
      await expect(page.getByTestId('import-name')).toHaveValue('ml-100k');
      await shot(page, 'import-en');
      await page.getByTestId('import-name').fill('MovieLens 100K');
    },
  });
  await expect(page.getByTestId('dataset-name')).toHaveText('MovieLens 100K');
  // The parse rate reads to two significant digits, as the timing beside it supports (not "2,814,523 rows/s").
  const speed = (await page.getByTestId('report-speed').first().textContent()) ?? '';
  const rate = Number(/\(([\d,.]+) rows\/s\)/.exec(speed)?.[1].replace(/,/g, ''));
  expect(rate).toBeGreaterThan(0);
  expect(
    String(rate)
      .replace(/^0\.0*|\./g, '')
      .replace(/0+$/, '').length,
  ).toBeLessThanOrEqual(2);

  // Ratings 1–5: one bar each.
  await expect(page.getByTestId('chart-values').locator('svg.chart rect')).toHaveCount(5);
  await expect(page.getByTestId('chart-history').locator('svg.chart rect').first()).toBeVisible();
  await expect(page.getByTestId('chart-long-tail').locator('path')).toHaveCount(1);
  const { items, share } = headShare();
  await expect(page.getByTestId('long-tail-note')).toContainText(
    `The top 20% of items (${items.toLocaleString('en-US')} of 1,682) receive ${(100 * share).toLocaleString('en-US', { maximumFractionDigits: 1 })}% of interactions`,
  );

  if (!(await page.getByTestId('guide').isVisible())) await page.getByTestId('guide-toggle').click();
  await expect(page.getByTestId('guide')).toContainText('Your data: MovieLens 100K');
  await expect(page.getByTestId('guide')).toContainText('100,000 events from 943 users on 1,682 items');
  await expect(page.getByTestId('guide-data-steps')).toContainText('Ratings or values on 100,000 events');
  await expect(page.getByTestId('guide-data-steps')).toContainText('1,682 of 1,682 items have a catalog title');
  await expect(page.getByTestId('guide')).not.toContainText('simulated shop');
  await shot(page, 'data-en');

  for (const view of ['Model', 'Recommend', 'Explain', 'Causal', 'Evaluate', 'Data']) {
    await page
      .getByRole('navigation')
      .getByRole('button', { name: new RegExp(view) })
      .click();
    expect(await pageScrollsSideways(page), `${view} view scrolls sideways`).toBe(false);
  }

  await page.getByTestId('dataset-rename').click();
  await page.getByTestId('dataset-rename-input').fill('ml-100k ratings');
  await page.getByTestId('dataset-rename-save').click();
  await expect(page.getByTestId('dataset-name')).toHaveText('ml-100k ratings');
  // Listed under the new name wherever datasets are listed (the demo is open beside it).
  await expect(page.getByRole('button', { name: 'ml-100k ratings', exact: true })).toBeVisible();
  await page.waitForFunction(() => window.__reclens?.idle());

  await page.reload();
  await app.waitIdle();
  await page.waitForFunction(() => window.__reclens!.state().datasets.some((d) => d.name === 'ml-100k ratings'), undefined, {
    timeout: 60_000,
  });
  await page.getByTestId('lang-toggle').click();
  await page.getByRole('navigation').getByRole('button').first().click();
  expect(await pageScrollsSideways(page)).toBe(false);
  await shot(page, 'data-zh');
});
