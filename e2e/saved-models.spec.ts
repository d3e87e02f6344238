// Trained models survive a reload (IndexedDB), a run interrupted by a reload resumes from its last epoch, a cancelled
// run is listed at once and opens as it stands (its best validated epoch), and a checkpoint folder written by the CLI
// opens in the app for the same data file.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect, test } from '@playwright/test';
import { RecLensApp } from './app';

const smallShop = resolve(import.meta.dirname, 'fixtures', 'small-shop-events.csv');
const ROOT = resolve(import.meta.dirname, '..');

async function loadSmallShop(app: RecLensApp) {
  await app.page.getByRole('navigation', { name: 'Steps' }).getByRole('button', { name: /Data/ }).click();
  await app.chooseFiles([smallShop]);
  await app.confirmImport();
  await expect(app.page.getByTestId('count-users')).toHaveText('150');
  await app.page.getByRole('button', { name: /Model/ }).click();
}

const waitTrained = (app: RecLensApp, n: number, timeout: number) =>
  app.page.waitForFunction((count) => window.__reclens!.state().trainedModels.length === count && window.__reclens!.idle(), n, { timeout });

test('a trained model is still there after a reload and reopens with the same validation figures', async ({ page }) => {
  const app = new RecLensApp(page);
  await app.open();
  await page.getByRole('button', { name: /Model/ }).click();
  await page.getByTestId('model-select').selectOption('itemknn');
  await page.getByTestId('train').click();
  await waitTrained(app, 1, 60_000);
  const before = await app.state<{ validation: { ndcg10: number; hr10: number }; savedAs: string }>('trainedModels.0');
  expect(before.savedAs).toMatch(/itemknn/);
  await expect(page.getByTestId('saved-model')).toHaveCount(1);

  await page.reload();
  await app.waitIdle();
  // The workspace comes back by itself (workspace.spec.ts): the model is open again from its checkpoint.
  await waitTrained(app, 1, 60_000);
  const after = await app.state<{ name: string; validation: { ndcg10: number; hr10: number } }>('trainedModels.0');
  expect(after.name).toBe('itemknn');
  expect(after.validation).toEqual(before.validation);
  await page.getByRole('navigation', { name: 'Steps' }).getByRole('button', { name: /Model/ }).click();
  await expect(page.getByTestId('saved-model')).toHaveCount(1);
  await expect(page.getByTestId('saved-model')).toContainText('itemknn');
  // Open also works by hand: a second copy of the same checkpoint, with the same figures.
  await page.getByTestId('saved-open').click();
  await waitTrained(app, 2, 60_000);
  const opened = await app.state<{ name: string; validation: { ndcg10: number; hr10: number } }>('trainedModels.1');
  expect(opened.name).toBe('itemknn');
  expect(opened.validation).toEqual(before.validation);
});

test('training cut off by a reload is offered for resuming, and continues after its last saved epoch', async ({ page }) => {
  const app = new RecLensApp(page);
  await app.open();
  await loadSmallShop(app);
  await page.getByTestId('model-select').selectOption('sasrec');
  await app.setModelSettings(
    '{"maxEpochs": 20, "patience": 30, "evalEvery": 1, "hidden": 8, "layers": 1, "heads": 1, "batchSize": 64, "maxLen": 8}',
  );
  await page.getByTestId('train').click();
  // Two validated epochs, then the tab goes away mid-run; 20 epochs so that a busy machine's slow reload cannot let
  // the run finish first (with 6 it once did, under load).
  await page.waitForFunction(
    () => Object.values(window.__reclens!.state().tasks).some((t) => t.trail.filter((d) => d.valNdcg10 !== undefined).length >= 2),
    null,
    { timeout: 240_000 },
  );
  await page.reload();
  await app.waitIdle();
  await loadSmallShop(app);
  const row = page.getByTestId('saved-model').filter({ hasText: 'sasrec' });
  // Two validated epochs were saved, so the entry names its best one too.
  await expect(row).toContainText(/stopped at epoch \d+ of 20 \(best epoch \d+\)/);
  const epoch = Number((await row.textContent())!.match(/epoch (\d+) of 20/)![1]);
  expect(epoch).toBeGreaterThanOrEqual(1);
  await row.getByTestId('saved-resume').click();
  await waitTrained(app, 1, 240_000);
  const model = await app.state<{ name: string; curve: { epoch: number }[] }>('trainedModels.0');
  expect(model.name).toBe('sasrec');
  // The resumed run's epochs carry on from the checkpoint instead of starting at 1.
  expect(model.curve[0].epoch).toBe(epoch + 1);
  expect(model.curve.at(-1)!.epoch).toBe(20);
  await expect(page.getByTestId('saved-model').filter({ hasText: /interrupted|stopped at/ })).toHaveCount(0);
});

test('a cancelled run is listed at once and opens as it stands: its best validated epoch, which recommends', async ({ page }) => {
  const app = new RecLensApp(page);
  await app.open();
  await page.getByRole('button', { name: /Model/ }).click();
  await expect(page.getByTestId('saved-models')).toContainText('Nothing saved for this dataset yet');
  await page.getByTestId('model-select').selectOption('sasrec');
  await app.setModelSettings(
    '{"maxEpochs": 200, "patience": 300, "evalEvery": 1, "hidden": 8, "layers": 1, "heads": 1, "batchSize": 64, "maxLen": 8}',
  );
  await page.getByTestId('train').click();
  await page.waitForFunction(
    () => Object.values(window.__reclens!.state().tasks).some((t) => t.trail.filter((d) => d.valNdcg10 !== undefined).length >= 2),
    null,
    { timeout: 240_000 },
  );
  await page.getByTestId('task').getByRole('button', { name: 'Cancel' }).click();
  await page.waitForFunction(() => window.__reclens!.idle(), null, { timeout: 60_000 });
  // No view switch: the list shows the cancelled run as soon as the task ends, with its best epoch and its figure.
  const row = page.getByTestId('saved-model').filter({ hasText: 'sasrec' });
  await expect(row).toContainText(/stopped at epoch \d+ of 200 \(best epoch \d+\)/);
  const [, stopped, best] = (await row.textContent())!.match(/epoch (\d+) of 200 \(best epoch (\d+)\)/)!.map(Number);
  expect(best).toBeGreaterThanOrEqual(1);
  expect(best).toBeLessThanOrEqual(stopped);
  await expect(row.getByTestId('saved-validation')).toHaveText(/^0\.\d{4} early stopping$/);
  await expect(row.getByTestId('saved-resume')).toBeVisible();
  await page.getByTestId('saved-models').screenshot({ path: test.info().outputPath('saved-models.png') });

  await row.getByTestId('saved-open-as-is').click();
  await waitTrained(app, 1, 60_000);
  const model = await app.state<{ name: string; notices: string[]; validation: { ndcg10: number }; savedAs: string }>('trainedModels.0');
  expect(model.name).toBe('sasrec');
  expect(model.notices).toContain(`stopped at epoch ${stopped} of 200 (best epoch ${best})`);
  expect(Number.isFinite(model.validation.ndcg10)).toBe(true);
  // Kept as a finished model beside the run (which can still be resumed), with its validation figure.
  const kept = page.getByTestId('saved-model').filter({ hasText: 'finished' });
  await expect(kept).toHaveCount(1);
  await expect(kept.getByTestId('saved-validation')).toHaveText(/^\d\.\d{4}$/);
  await expect(page.getByTestId('saved-model').filter({ hasText: 'stopped at' })).toHaveCount(1);

  await page
    .getByRole('navigation', { name: 'Steps' })
    .getByRole('button', { name: /Recommend/ })
    .click();
  await expect(page.getByTestId('recommendations').locator('li').first()).toBeVisible({ timeout: 60_000 });
  await page.screenshot({ path: test.info().outputPath('recommend.png') });
});

test('a checkpoint folder written by `reclens train` opens for the same data file, and is refused for another', async ({ page }) => {
  const out = mkdtempSync(join(tmpdir(), 'reclens-ckpt-'));
  execFileSync('node', [join(ROOT, 'bin/reclens.mjs'), 'train', '--data', smallShop, '--model', 'pop', '--out', out, '--json'], {
    cwd: ROOT,
  });
  const files = readdirSync(out).map((f) => join(out, f));
  const app = new RecLensApp(page);
  await app.open();
  await page.getByRole('button', { name: /Model/ }).click();
  // The built-in demo is another dataset: refused, with the reason.
  await page.getByTestId('checkpoint-folder').setInputFiles(files);
  await expect(page.getByRole('alert').filter({ hasText: /trained on ".*small-shop-events.csv"/ })).toBeVisible();
  expect(await app.state<unknown[]>('trainedModels')).toHaveLength(0);

  await loadSmallShop(app);
  await page.getByTestId('checkpoint-folder').setInputFiles(files);
  await waitTrained(app, 1, 60_000);
  expect(await app.state<string>('trainedModels.0.name')).toBe('pop');
  await expect(page.getByTestId('saved-model')).toHaveCount(1);
});
