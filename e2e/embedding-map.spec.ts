// The embedding map on the demo with a small SASRec: PCA draws every item with the variance of each axis stated, the
// focused user's history and top 10 are drawn on top, hover names the item, the wheel zooms, colours switch to
// interactions, UMAP runs as a task with epoch progress, and the item text embeddings are a second source. axe-core
// finds nothing serious in the panel in either theme. With RECLENS_SHOTS=<dir> it saves 1280×720 shots in both themes.
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { RecLensApp } from './app';

test.use({ viewport: { width: 1280, height: 720 } });

const shots = process.env.RECLENS_SHOTS;

/** axe-core's serious and critical findings inside the panel. */
async function violations(page: Page) {
  const result = await new AxeBuilder({ page }).include('[data-testid="embedding-map-panel"]').analyze();
  return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help}`);
}

async function shoot(page: Page, name: string) {
  if (!shots) return;
  await page.getByTestId('embedding-map-panel').evaluate((el) => el.scrollIntoView({ block: 'start' }));
  await page.screenshot({ path: `${shots}/${name}.png` });
}

test('the embedding map draws the items by PCA and UMAP with the user overlaid, in both themes', async ({ page }) => {
  const app = new RecLensApp(page);
  await app.open();
  await page.getByRole('button', { name: /Model/ }).click();
  await page.getByTestId('model-select').selectOption('sasrec');
  await app.setModelSettings('{"maxEpochs": 2, "hidden": 16, "layers": 1, "heads": 1, "batchSize": 256}');
  await page.getByTestId('train').click();
  await page.waitForFunction(() => window.__reclens!.state().trainedModels.length === 1 && window.__reclens!.idle(), null, {
    timeout: 180_000,
  });
  const items = await page.evaluate(() => window.__reclens!.state().datasets[0].log.items.length);

  await page.getByRole('button', { name: /Explain/ }).click();
  await page.getByTestId('map-run').click();
  const summary = page.getByTestId('map-summary');
  await expect(summary).toContainText(`${items.toLocaleString('en-US')} of ${items.toLocaleString('en-US')} items`, { timeout: 60_000 });
  await expect(summary).toContainText(/by PCA\. The x axis holds \d+(\.\d)?% of the variance, the y axis \d+(\.\d)?%/);
  const map = page.getByTestId('embedding-map');
  await expect(map.locator('circle.map-dot')).toHaveCount(items);
  // The user's top 10 are new items, all on the map (the demo has fewer items than the cap).
  await expect(map.getByTestId('map-recommended')).toHaveCount(10, { timeout: 30_000 });
  expect(await map.getByTestId('map-history').count()).toBeGreaterThan(0);
  await expect(page.getByTestId('map-keys')).toContainText('top 10 recommendations');

  await map.getByTestId('map-recommended').first().hover();
  await expect(page.getByTestId('map-hover')).toContainText(/ · .+ · \d+ interactions/);

  // The wheel zooms into the dots (smaller radii), a double-click goes back to the whole map.
  const points = map.getByTestId('map-points');
  const box = (await map.boundingBox())!;
  await page.mouse.move(box.x + box.width * 0.35, box.y + box.height * 0.5);
  await page.mouse.wheel(0, -600);
  await expect(points).toHaveAttribute('transform', /scale\((?!1\))/);
  expect(Number(await points.locator('circle.map-dot.item').first().getAttribute('r'))).toBeLessThan(2.5);
  await page.mouse.dblclick(box.x + box.width * 0.35, box.y + box.height * 0.5);
  await expect(points).toHaveAttribute('transform', 'translate(0,0) scale(1)');

  await page.getByTestId('map-colour').selectOption('popularity');
  await expect(map.locator('text').first()).toContainText(/^\d+(–\d+)? \(\d+\)/);
  await page.getByTestId('map-colour').selectOption('category');
  await shoot(page, 'map-pca-light');
  expect(await violations(page)).toEqual([]);

  await page.getByTestId('map-method').selectOption('umap');
  await page.getByTestId('map-run').click();
  await expect(page.getByTestId('task')).toContainText(/Embedding map \(umap\)/);
  await expect(summary).toContainText(/by UMAP \(200 epochs, seed 42\)\. Its axes have no meaning\./, { timeout: 120_000 });
  await expect(map.locator('circle.map-dot')).toHaveCount(items);

  await page.getByRole('button', { name: 'Switch light/dark theme' }).click();
  await shoot(page, 'map-umap-dark');
  await page.getByTestId('map-method').selectOption('pca');
  await page.getByTestId('map-run').click();
  await expect(summary).toContainText('by PCA', { timeout: 60_000 });
  await shoot(page, 'map-pca-dark');
  expect(await violations(page)).toEqual([]);
  await page.getByTestId('lang-toggle').click();
  await expect(summary).toContainText('PCA 投影');
  await shoot(page, 'map-pca-dark-zh');
  await page.getByTestId('lang-toggle').click();

  // The second source: the item texts through the BERT served with the app (random weights: 32 dimensions).
  await expect(page.getByTestId('map-source').locator('option[value="text"]')).toBeDisabled();
  await page.getByRole('button', { name: /Model/ }).click();
  await page.getByTestId('load-hosted').click();
  const list = page.getByTestId('text-model-list').locator('tbody tr');
  await expect(list).toHaveCount(1, { timeout: 60_000 });
  await list.first().getByTestId('embed-items').click();
  await expect(page.getByTestId('embedded')).toContainText('items embedded (32 dimensions)', { timeout: 60_000 });
  await page.getByRole('button', { name: /Explain/ }).click();
  await page.getByTestId('map-source').selectOption('text');
  await page.getByTestId('map-run').click();
  await expect(summary).toContainText(/of \d+ items, 32-dimensional vectors, by PCA/, { timeout: 60_000 });
  await expect(map.locator('circle.map-dot')).toHaveCount(items);
});
