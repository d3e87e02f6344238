// The workspace survives a reload (dataset, trained model, evaluation), and moves as one exported file: after
// "clear everything" an import brings the same dataset, model and figures back.
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { RecLensApp } from './app';

const smallShop = resolve(import.meta.dirname, 'fixtures', 'small-shop-events.csv');

interface Snapshot {
  active: string | undefined;
  users: number | undefined;
  datasets: string[];
  models: { name: string; validation: unknown; dataset: string | undefined }[];
  evaluations: { model: string | undefined; protocol: string; metrics: Record<string, number> }[];
}

/** What the analyst would see, independent of the ids this page load gave datasets and models. */
const snapshot = (page: Page) =>
  page.evaluate((): Snapshot => {
    const s = window.__reclens!.state();
    const name = (id: string) => s.datasets.find((d) => d.id === id)?.name;
    const active = s.datasets.find((d) => d.id === s.activeDatasetId);
    return {
      active: active?.name,
      users: active?.log.users.length,
      datasets: s.datasets.map((d) => d.name),
      models: s.trainedModels.map((m) => ({ name: m.name, validation: m.validation, dataset: name(m.datasetId) })),
      evaluations: s.evaluations.map((e) => ({
        model: s.trainedModels.find((m) => m.id === e.modelId)?.name,
        protocol: e.protocol,
        metrics: e.result.metrics,
      })),
    };
  });

const waitRestored = (page: Page) =>
  page.waitForFunction(
    () => {
      const s = window.__reclens!.state();
      return window.__reclens!.idle() && s.trainedModels.length === 1 && s.evaluations.length === 1;
    },
    null,
    { timeout: 120_000 },
  );

const tab = (page: Page, name: RegExp) => page.getByRole('navigation', { name: 'Steps' }).getByRole('button', { name });

test('reload restores dataset, model and evaluation; export, clear everything and import bring them back', async ({ page }, info) => {
  const app = new RecLensApp(page);
  await app.open();
  await app.chooseFiles([smallShop]);
  await app.confirmImport();
  await expect(page.getByTestId('count-users')).toHaveText('150');
  await expect(page.getByTestId('stored-dataset').filter({ hasText: 'small-shop-events.csv' })).toContainText(/saved \(/);

  await tab(page, /Model/).click();
  await page.getByTestId('model-select').selectOption('itemknn');
  await page.getByTestId('train').click();
  await page.waitForFunction(() => window.__reclens!.state().trainedModels.length === 1 && window.__reclens!.idle(), null, {
    timeout: 120_000,
  });
  await tab(page, /Evaluate/).click();
  await page.getByTestId('evaluate').click();
  await waitRestored(page);
  const before = await snapshot(page);
  expect(before.active).toBe('small-shop-events.csv');
  expect(before.models).toEqual([expect.objectContaining({ name: 'itemknn', dataset: 'small-shop-events.csv' })]);
  expect(before.evaluations[0].metrics['NDCG@10']).toBeGreaterThan(0);

  // Reload mid-workspace: the same dataset is active, the model is open again, its evaluation is shown.
  await page.reload();
  await app.waitIdle();
  await waitRestored(page);
  expect(await snapshot(page)).toEqual(before);
  // The analyst was on the Evaluate view: the reload opens it again.
  await expect(tab(page, /Evaluate/)).toHaveAttribute('aria-current', 'page');
  await expect(page.getByTestId('metrics-table')).toContainText('NDCG@10');
  await tab(page, /Data/).click();
  await expect(page.getByTestId('count-users')).toHaveText('150');
  await expect(page.getByTestId('storage-used')).toContainText('1 datasets');

  // Export the workspace as one file.
  const download = page.waitForEvent('download');
  await page.getByTestId('workspace-export').click();
  const file = info.outputPath((await download).suggestedFilename());
  expect(file).toMatch(/reclens-workspace-.*\.json$/);
  await (await download).saveAs(file);

  // Clear everything: nothing open, nothing saved, and a reload starts fresh on the demo.
  await page.getByTestId('workspace-clear').click();
  await page.getByTestId('workspace-clear-confirm').click();
  await page.waitForFunction(
    () =>
      window.__reclens!.idle() && window.__reclens!.state().datasets.length === 0 && window.__reclens!.state().trainedModels.length === 0,
  );
  await expect(page.getByTestId('storage-used')).toContainText('0 datasets');
  await expect(page.getByTestId('storage-used')).toContainText('0 models');
  await page.reload();
  await app.waitIdle();
  expect(await page.evaluate(() => window.__reclens!.state().datasets.map((d) => d.truth !== null))).toEqual([true]);
  expect((await snapshot(page)).models).toEqual([]);

  // Import the file: the dataset, the model and the evaluation are back (the open demo is reused, not doubled).
  await page.getByTestId('workspace-import-file').setInputFiles(file);
  await waitRestored(page);
  expect(await snapshot(page)).toEqual(before);
  await expect(page.getByTestId('workspace-error')).toHaveCount(0);
  // And it was saved again: one more reload keeps it.
  await page.reload();
  await app.waitIdle();
  await waitRestored(page);
  expect(await snapshot(page)).toEqual(before);
});

test('a file that is not a workspace is refused with a reason, and what is open stays', async ({ page }, info) => {
  const app = new RecLensApp(page);
  await app.open();
  const before = await snapshot(page);
  const bad = info.outputPath('not-a-workspace.json');
  writeFileSync(bad, JSON.stringify({ format: 'something-else' }));
  await page.getByTestId('workspace-import-file').setInputFiles(bad);
  await expect(page.getByTestId('workspace-error')).toContainText('not a RecLens workspace');
  expect(await snapshot(page)).toEqual(before);
});
