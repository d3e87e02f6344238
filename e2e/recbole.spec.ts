// Models trained elsewhere, in the app: a RecBole SASRec export picked through "Open a checkpoint folder…" with
// ml-100k loaded opens as a sequence model, says it came from RecBole and which items it has no embedding for,
// recommends, and is explained; a GRU4Rec export is refused with the reason. Skipped without ml-100k.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { ML100K, RecLensApp, skipUnlessMl100k } from './app';
import { writeRecBoleExport } from './recboleExport';

skipUnlessMl100k();
test.use({ viewport: { width: 1280, height: 720 } });

/** ml-100k's items with their event counts (u.data: user, item, rating, time, tab-separated). */
function itemCounts(): Map<string, number> {
  const counts = new Map<string, number>();
  for (const line of readFileSync(ML100K.data, 'utf8').split('\n')) {
    const item = line.split('\t')[1];
    if (item) counts.set(item, (counts.get(item) ?? 0) + 1);
  }
  return counts;
}

test('a RecBole SASRec export opens for ml-100k, recommends and explains; GRU4Rec is refused', async ({ page }) => {
  test.setTimeout(300_000);
  const counts = itemCounts();
  // As RecBole's item_inter_num_interval "[5,inf)" would: items with fewer than 5 ratings get no embedding.
  const kept = [...counts].filter(([, c]) => c >= 5).map(([id]) => id);
  const filtered = counts.size - kept.length;
  const dir = mkdtempSync(join(tmpdir(), 'reclens-recbole-e2e-'));
  const sasrec = writeRecBoleExport(join(dir, 'sasrec'), 'SASRec', kept, { maxLen: 50, seed: 7 });
  const gru = writeRecBoleExport(join(dir, 'gru'), 'GRU4Rec', kept);

  const app = new RecLensApp(page);
  await app.open();
  await app.loadMl100k();
  await page.getByRole('button', { name: /Model/ }).click();
  await page.getByTestId('checkpoint-folder').setInputFiles(gru);
  await expect(
    page.getByRole('alert').filter({ hasText: 'this is a RecBole GRU4Rec model: RecLens opens RecBole SASRec and BERT4Rec' }),
  ).toBeVisible();
  expect(await app.state<unknown[]>('trainedModels')).toHaveLength(0);

  await page.getByTestId('checkpoint-folder').setInputFiles(sasrec);
  await page.waitForFunction(() => window.__reclens!.state().trainedModels.length === 1 && window.__reclens!.idle(), null, {
    timeout: 120_000,
  });
  const info = await app.state<{ name: string; importedFrom: unknown; settings: Record<string, unknown> }>('trainedModels.0');
  expect(info.name).toBe('sasrec');
  expect(info.settings).toMatchObject({ positions: 'start', outputHead: false, maxLen: 50, hidden: 16 });
  expect(info.importedFrom).toEqual({
    framework: 'RecBole',
    model: 'SASRec',
    modelItems: kept.length,
    unknownItems: filtered,
    unknownScore: -10000,
  });
  const imported = page.getByTestId('imported-from');
  await expect(imported).toHaveText(
    `Trained in RecBole (SASRec, ${kept.length.toLocaleString('en')} items), converted to sasrec. ` +
      `${filtered} items of this log have no RecBole embedding: they score -10,000 and are never recommended.`,
  );
  await imported.scrollIntoViewIfNeeded();
  await page.screenshot({ path: test.info().outputPath('recbole-model.png') });
  await page.getByTestId('lang-toggle').click();
  await expect(imported).toContainText('在 RecBole 中训练（SASRec');
  await imported.scrollIntoViewIfNeeded();
  await page.screenshot({ path: test.info().outputPath('recbole-model-zh.png') });
  await page.getByTestId('lang-toggle').click();
  await expect(page.getByTestId('saved-model')).toHaveCount(1);

  await page
    .getByRole('navigation', { name: 'Steps' })
    .getByRole('button', { name: /Recommend/ })
    .click();
  await expect(page.getByTestId('recommendations').locator('li').first()).toBeVisible({ timeout: 60_000 });
  await page.screenshot({ path: test.info().outputPath('recbole-recommend.png') });

  // Explained like any sequence model: Integrated Gradients over user 1's history.
  await page.getByRole('button', { name: /Explain/ }).click();
  await page.getByTestId('explain-user').fill('1');
  await page.getByTestId('method').selectOption('ig');
  await page.getByTestId('explain').click();
  await expect(page.getByTestId('attributions')).toBeVisible({ timeout: 120_000 });
  await page.waitForFunction(() => window.__reclens!.idle());
  await page.screenshot({ path: test.info().outputPath('recbole-explain.png') });
  await page.getByTestId('lang-toggle').click();
  await page.screenshot({ path: test.info().outputPath('recbole-explain-zh.png') });
});
