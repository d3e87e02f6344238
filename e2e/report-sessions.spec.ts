// The report covers the whole session, not only the active dataset: two datasets with a model each are both named
// with their models; and a restored baseline (EASE) says nothing spurious about its backend and shows its settings
// as a short key: value line.
import { resolve } from 'node:path';
import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { RecLensApp } from './app';

const smallShop = resolve(import.meta.dirname, 'fixtures', 'small-shop-events.csv');

test('the report names every dataset with its models; a reloaded EASE has no backend notice and compact settings', async ({ page }) => {
  test.setTimeout(300_000);
  const app = new RecLensApp(page);
  await app.open();
  const demo = await page.evaluate(() => window.__reclens!.state().datasets[0].name);
  await app.trainModel('itemknn', 1);
  await page.getByRole('button', { name: /Data/ }).first().click();
  await app.chooseFiles([smallShop]);
  await app.confirmImport();
  await app.trainModel('ease', 2);
  const shop = await page.evaluate(() => {
    const s = window.__reclens!.state();
    return s.datasets.find((d) => d.id === s.activeDatasetId)!.name;
  });
  expect(shop).not.toBe(demo);

  await page.getByTestId('report-open').click();
  const reportDownload = page.waitForEvent('download');
  await page.getByTestId('report-download').click();
  const html = await readFile((await (await reportDownload).path())!, 'utf8');
  const viewer = await page.context().newPage();
  await viewer.setContent(html);
  await expect(viewer.locator('#data article.dataset')).toHaveCount(2);
  await expect(viewer.locator('#data article.dataset h3').first()).toContainText(`${shop} (active)`);
  const models = viewer.locator('#models .dataset-models');
  await expect(models).toHaveCount(2);
  await expect(models.filter({ hasText: demo }).locator('article h4')).toHaveText(/Model card: itemknn/);
  await expect(models.filter({ hasText: shop }).locator('article h4')).toHaveText(/Model card: ease/);
  await expect(viewer.locator('#models')).not.toContainText('No model trained');
  await viewer.close();

  // A reload brings EASE back from its checkpoint: no "trained on wasm, now running on js", settings as key: value.
  await page.reload();
  await app.waitIdle();
  await page.waitForFunction(
    () => window.__reclens!.idle() && window.__reclens!.state().trainedModels.some((m) => m.name === 'ease'),
    null,
    {
      timeout: 120_000,
    },
  );
  const ease = await page.evaluate(() => window.__reclens!.state().trainedModels.find((m) => m.name === 'ease')!);
  expect(ease.backend).toBe('js');
  expect(ease.notices.filter((n) => n.includes('now running on'))).toEqual([]);
  await page.getByRole('navigation', { name: 'Steps' }).getByRole('button', { name: /Model/ }).click();
  const row = page.getByTestId('trained-models').locator('tbody tr').filter({ hasText: 'ease' });
  await expect(row).toContainText(/lambda: [\d.]+/);
  await expect(row).not.toContainText('{"');
  await page.screenshot({ path: test.info().outputPath('model-after-reload.png'), fullPage: true });
});

test("the demo's report names its fine-tuned classifier and text model; the curve chart marks the card's validation figure", async ({
  page,
}, info) => {
  test.setTimeout(300_000);
  const app = new RecLensApp(page);
  await app.open();
  await page.getByRole('button', { name: /Model/ }).click();
  await page.getByTestId('load-hosted').click();
  await expect(page.getByTestId('text-model-list').locator('tbody tr')).toHaveCount(1);
  const panel = page.getByTestId('behavior-classifier');
  await panel.getByTestId('behavior-epochs').fill('1');
  await panel.getByTestId('behavior-users').fill('200');
  await panel.getByTestId('behavior-train').click();
  await expect(panel.getByTestId('behavior-list').locator('li')).toHaveCount(1, { timeout: 120_000 });
  await page.getByTestId('model-select').selectOption('sasrec');
  await app.setModelSettings('{"maxEpochs": 2, "hidden": 16, "layers": 1, "heads": 1, "evalEvery": 1}');
  await page.getByTestId('train').click();
  await page.waitForFunction(() => window.__reclens!.state().trainedModels.length === 1 && window.__reclens!.idle(), null, {
    timeout: 180_000,
  });
  const card = await page.evaluate(() => window.__reclens!.state().trainedModels[0].validation.ndcg10);

  await page.getByTestId('report-open').click();
  const reportDownload = page.waitForEvent('download');
  await page.getByTestId('report-download').click();
  const html = await readFile((await (await reportDownload).path())!, 'utf8');
  const viewer = await page.context().newPage();
  await viewer.setViewportSize({ width: 1100, height: 800 });
  await viewer.setContent(html);
  const models = viewer.locator('#models');
  await expect(models.locator('article[data-classifier] h4')).toHaveText(/^Behavior classifier: \S+ \(fine-tuned from \S+\)$/);
  await expect(models.locator('article[data-model] h4')).toHaveText(/Model card: sasrec/);
  await expect(models).toContainText('Text models loaded');
  await expect(models).not.toContainText('No model trained');
  // One figure: the card's validation NDCG@10 is the one marked on the curve chart.
  const shown = card.toLocaleString('en-US', { maximumFractionDigits: 4 });
  await expect(models.locator('[data-validation-ndcg]')).toContainText(`NDCG@10 ${shown} ·`);
  await expect(viewer.locator('#charts figure').filter({ hasText: 'Training loss and validation NDCG@10' })).toContainText(
    `validation NDCG@10 (model card) ${shown}`,
  );
  await viewer.screenshot({ path: info.outputPath('report.png'), fullPage: true });
  await viewer.close();
});
