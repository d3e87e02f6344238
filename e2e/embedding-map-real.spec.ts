// The embedding map on a real log (#18): ml-100k through the file picker (u.data, u.item), a quick SASRec, user 1. All
// 1,682 films are drawn with MovieLens genres as colours, and the user's rated films and top 10 are on top.
// Skipped when ../shared/data/ml-100k is absent. With RECLENS_SHOTS=<dir> it saves 1280×720 shots in both themes.
import { expect, test } from '@playwright/test';
import { RecLensApp, skipUnlessMl100k } from './app';

test.use({ viewport: { width: 1280, height: 720 } });

const shots = process.env.RECLENS_SHOTS;

skipUnlessMl100k();

test('ml-100k: every film on the map, genres as colours, user 1 history and top 10 on top', async ({ page }) => {
  test.setTimeout(300_000);
  const app = new RecLensApp(page);
  await app.open();
  await app.loadMl100k({ items: true });
  await page.getByRole('button', { name: /Model/ }).click();
  await page.getByTestId('model-select').selectOption('sasrec');
  await app.setModelSettings('{"maxEpochs": 2, "hidden": 16, "layers": 1, "heads": 1, "batchSize": 256}');
  await page.getByTestId('train').click();
  await page.waitForFunction(() => window.__reclens!.state().trainedModels.length === 1 && window.__reclens!.idle(), null, {
    timeout: 180_000,
  });

  await page.getByRole('button', { name: /Explain/ }).click();
  await page.getByTestId('explain-user').fill('1');
  await page.getByTestId('map-run').click();
  const summary = page.getByTestId('map-summary');
  await expect(summary).toContainText('1,682 of 1,682 items, 16-dimensional vectors, by PCA', { timeout: 60_000 });
  const map = page.getByTestId('embedding-map');
  await expect(map.locator('circle.map-dot')).toHaveCount(1682);
  await expect(map.getByTestId('map-recommended')).toHaveCount(10, { timeout: 30_000 });
  // User 1 rated 272 films, each once.
  await expect(map.getByTestId('map-history')).toHaveCount(272);
  await expect(page.getByTestId('map-keys')).toContainText('history (272 items)');
  await expect(map.locator('text').filter({ hasText: /^Drama \(\d+\)/ })).toHaveCount(1);
  await map.getByTestId('map-recommended').first().hover();
  await expect(page.getByTestId('map-hover')).toContainText(/\(\d{4}\) · .+ · \d+ interactions/);
  if (shots) {
    await page.getByTestId('embedding-map-panel').evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await page.screenshot({ path: `${shots}/ml100k-map-light.png` });
    await page.getByRole('button', { name: 'Switch light/dark theme' }).click();
    await page.getByTestId('map-colour').selectOption('popularity');
    await page.getByTestId('embedding-map-panel').evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await page.screenshot({ path: `${shots}/ml100k-map-dark-popularity.png` });
  }
});
