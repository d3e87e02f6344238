// Issue #20: a reload brings back the text model (from the app's own folder), the item embeddings (embedded again),
// the fine-tuned behavior classifier (from its weights kept in this browser) with its accuracy, and the last
// explanation — each usable: the explanation shows in the Explain view and the classifier explains again.
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { RecLensApp } from './app';

/** The workspace record as saved in IndexedDB (reclens-datasets / session / current). */
const savedRecord = (page: Page) =>
  page.evaluate(
    () =>
      new Promise<{ text?: { models: unknown[]; classifiers: unknown[]; embeddings: unknown[] }; explanation?: unknown } | null>(
        (resolve) => {
          const open = indexedDB.open('reclens-datasets');
          open.onerror = () => resolve(null);
          open.onsuccess = () => {
            const get = open.result.transaction('session', 'readonly').objectStore('session').get('current');
            get.onsuccess = () => {
              resolve(get.result ?? null);
              open.result.close();
            };
            get.onerror = () => resolve(null);
          };
        },
      ),
  );

const snapshot = (page: Page) =>
  page.evaluate(() => {
    const s = window.__reclens!.state();
    const active = s.activeDatasetId!;
    return {
      textModels: s.textModels.map((m) => ({ source: m.source, layers: m.layers, hidden: m.hidden, labels: m.labels })),
      embedded: s.itemEmbeddings[active] ? { items: s.itemEmbeddings[active].items, dim: s.itemEmbeddings[active].dim } : null,
      embeddedBy: s.textModels.find((m) => m.id === s.itemEmbeddings[active]?.textModelId)?.source ?? null,
      classifiers: s.behaviorClassifiers.map((c) => ({
        source: c.textModel.source,
        outcome: c.outcome,
        acc: c.valAccuracy,
        examples: c.examples,
        onActive: c.datasetId === active,
      })),
      explanation: s.lastExplanation && {
        onModel: s.trainedModels.find((m) => m.id === s.lastExplanation!.modelId)?.name ?? null,
        user: s.lastExplanation.user,
        items: s.lastExplanation.result.rows.map((r) => r.item),
        reasons: s.lastExplanation.result.rows.map((r) => r.reason.en),
      },
    };
  });

test('text model, item embeddings, behavior classifier and the last explanation survive a reload', async ({ page }) => {
  const app = new RecLensApp(page);
  await app.open();
  await page.getByRole('button', { name: /Model/ }).click();
  await page.getByTestId('load-hosted').click();
  const list = page.getByTestId('text-model-list').locator('tbody tr');
  await expect(list).toHaveCount(1);
  await list.first().getByTestId('embed-items').click();
  await expect(page.getByTestId('embedded')).toContainText('300 items embedded (32 dimensions)');

  const panel = page.getByTestId('behavior-classifier');
  await panel.getByTestId('behavior-epochs').fill('1');
  await panel.getByTestId('behavior-users').fill('200');
  await panel.getByTestId('behavior-train').click();
  await expect(panel.getByTestId('behavior-list').locator('li')).toHaveCount(1, { timeout: 120_000 });

  await app.trainModel('itemknn');
  await page.getByRole('button', { name: /Explain/ }).click();
  await page.getByTestId('explain').click();
  await expect(page.getByTestId('reason').first()).toBeVisible({ timeout: 60_000 });
  await page.waitForFunction(() => window.__reclens!.idle());

  const before = await snapshot(page);
  expect(before.textModels).toHaveLength(2);
  expect(before.classifiers).toEqual([expect.objectContaining({ outcome: 'purchase', onActive: true })]);
  expect(before.classifiers[0].acc).toBeGreaterThanOrEqual(0);
  expect(before.explanation?.onModel).toBe('itemknn');
  // The record names the models and where they re-open from; it holds no weights.
  await expect
    .poll(async () => {
      const r = await savedRecord(page);
      return [r?.text?.models.length, r?.text?.classifiers.length, r?.text?.embeddings.length, !!r?.explanation];
    })
    .toEqual([1, 1, 1, true]);
  const record = await savedRecord(page);
  expect(JSON.stringify(record!.text).length).toBeLessThan(5000);

  await page.reload();
  await app.waitIdle();
  await page.waitForFunction(
    () => {
      const s = window.__reclens!.state();
      return s.behaviorClassifiers.length === 1 && s.lastExplanation !== null && !s.workspaceBusy && window.__reclens!.idle();
    },
    null,
    { timeout: 120_000 },
  );
  expect(await app.state('workspaceError')).toBeNull();
  expect(await snapshot(page)).toEqual(before);

  // The analyst was on the Explain view: the explanation is on screen again, for the same user and model.
  await expect(page.getByTestId('view-explain')).toBeVisible();
  await expect(page.getByTestId('reason-text').first()).toHaveText(before.explanation!.reasons[0]);

  await page.screenshot({ path: test.info().outputPath('explain-after-reload-en.png'), fullPage: true });

  // The classifier is usable: it explains a user again (its weights came back from this browser, not the network).
  const explain = page.getByTestId('behavior-explain');
  await explain.getByTestId('behavior-run').click();
  await expect(explain.getByTestId('token-row')).toHaveCount(2, { timeout: 60_000 });
  await expect(explain.getByTestId('behavior-prediction')).toContainText(/Predicted “will (not )?buy”/);

  // The report shows the explanation again, and names the classifier and the text model.
  await page.getByTestId('report-open').click();
  const reportDownload = page.waitForEvent('download');
  await page.getByTestId('report-download').click();
  const html = await readFile((await (await reportDownload).path())!, 'utf8');
  const viewer = await page.context().newPage();
  await viewer.setContent(html);
  await expect(viewer.locator('#recommendations table tbody tr')).toHaveCount(before.explanation!.items.length);
  await expect(viewer.locator('#recommendations')).toContainText(before.explanation!.reasons[0]);
  await expect(viewer.locator('[data-classifier]')).toHaveCount(1);
  await viewer.close();
  await page.keyboard.press('Escape');

  // The Model view lists both text models and the classifier with its validation accuracy.
  await page.getByRole('button', { name: /Model/ }).click();
  await expect(page.getByTestId('text-model-list').locator('tbody tr')).toHaveCount(2);
  await expect(panel.getByTestId('behavior-list')).toContainText(/validation accuracy (0?\.\d+|1)/);
  await expect(page.getByTestId('embedded')).toContainText('300 items embedded (32 dimensions)');
  await page.screenshot({ path: test.info().outputPath('model-after-reload-en.png'), fullPage: true });
  await page.getByTestId('lang-toggle').click();
  await page.screenshot({ path: test.info().outputPath('model-after-reload-zh.png'), fullPage: true });
});

const classifierDir = resolve(import.meta.dirname, '../tests/fixtures/tiny-bert-classifier');

test('a model from picked files and its fine-tuned classifier come back from this browser, and move in a workspace file', async ({
  page,
  browser,
}, info) => {
  test.setTimeout(240_000);
  const app = new RecLensApp(page);
  await app.open();
  await page.getByRole('button', { name: /Model/ }).click();
  await page.getByTestId('model-folder').setInputFiles(classifierDir);
  const list = page.getByTestId('text-model-list').locator('tbody tr');
  await expect(list).toHaveCount(1);
  const panel = page.getByTestId('behavior-classifier');
  await panel.getByTestId('behavior-epochs').fill('1');
  await panel.getByTestId('behavior-users').fill('200');
  await panel.getByTestId('behavior-train').click();
  await expect(panel.getByTestId('behavior-list').locator('li')).toHaveCount(1, { timeout: 120_000 });
  await page.waitForFunction(() => window.__reclens!.idle());
  const before = await snapshot(page);
  expect(before.textModels.map((m) => m.labels)).toEqual([
    ['not_buy', 'buy'],
    ['will not buy', 'will buy'],
  ]);
  // Both folders are kept in this browser (the picked files cannot be read again after a reload).
  await expect
    .poll(async () => {
      const r = await savedRecord(page);
      return [r?.text?.models.length, r?.text?.classifiers.length];
    })
    .toEqual([1, 1]);

  await page.reload();
  await app.waitIdle();
  await page.waitForFunction(() => window.__reclens!.state().behaviorClassifiers.length === 1 && window.__reclens!.idle(), null, {
    timeout: 60_000,
  });
  expect(await app.state('workspaceError')).toBeNull();
  expect(await snapshot(page)).toEqual(before);

  // The workspace file carries both folders: a browser that never saw them imports them and uses the classifier.
  await page.getByRole('button', { name: /Data/ }).first().click();
  const download = page.waitForEvent('download');
  await page.getByTestId('workspace-export').click();
  const file = info.outputPath('workspace.json');
  await (await download).saveAs(file);
  const other = await browser.newContext();
  const fresh = await other.newPage();
  const freshApp = new RecLensApp(fresh);
  await fresh.goto(page.url());
  await freshApp.waitIdle();
  expect(await freshApp.state<unknown[]>('textModels')).toEqual([]);
  await fresh.getByTestId('workspace-import-file').setInputFiles(file);
  await fresh.waitForFunction(() => window.__reclens!.state().behaviorClassifiers.length === 1 && window.__reclens!.idle(), null, {
    timeout: 60_000,
  });
  await expect(fresh.getByTestId('workspace-error')).toHaveCount(0);
  expect(await snapshot(fresh)).toEqual(before);
  await fresh.getByRole('button', { name: /Explain/ }).click();
  const explain = fresh.getByTestId('behavior-explain');
  await explain.getByTestId('behavior-run').click();
  await expect(explain.getByTestId('token-row')).toHaveCount(2, { timeout: 60_000 });
  await other.close();
});
