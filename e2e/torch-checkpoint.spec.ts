// A model trained on PyTorch (python -m reclens_torch train) opens in the app: with ml-100k loaded, its checkpoint
// folder picked through "Open a checkpoint folder…" becomes a sequence model that recommends like one trained here.
// Skipped without ml-100k, and (outside CI) without a python that has torch.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect, test } from '@playwright/test';
import { findTorchPython } from '../bench/lib/python';
import { ML100K, RecLensApp, skipUnlessMl100k } from './app';

const ROOT = resolve(import.meta.dirname, '..');
const PYTHON = findTorchPython();

skipUnlessMl100k();
test.skip(!PYTHON && !process.env.CI, 'no python with torch and pandas (RECLENS_PYTHON, python3, /usr/bin/python3)');
test.use({ viewport: { width: 1280, height: 720 } });

test('a SASRec trained by reclens_torch on ml-100k opens for ml-100k and recommends', async ({ page }) => {
  test.setTimeout(300_000);
  if (!PYTHON) throw new Error('no python with torch and pandas: .ci/run installs python3-torch');
  const out = mkdtempSync(join(tmpdir(), 'reclens-torch-e2e-'));
  const params = 'hidden=16,layers=1,heads=1,intermediate=32,maxLen=20';
  execFileSync(
    PYTHON,
    ['-m', 'reclens_torch', 'train', '--data', ML100K.data, '--model', 'sasrec', '--out', out, '--epochs', '2', '--params', params],
    {
      cwd: ROOT,
      env: { ...process.env, PYTHONPATH: join(ROOT, 'python') },
      stdio: 'pipe',
    },
  );
  const files = readdirSync(out).map((f) => join(out, f));

  const app = new RecLensApp(page);
  await app.open();
  await app.loadMl100k();
  await page.getByRole('button', { name: /Model/ }).click();
  await page.getByTestId('checkpoint-folder').setInputFiles(files);
  await page.waitForFunction(() => window.__reclens!.state().trainedModels.length === 1 && window.__reclens!.idle(), null, {
    timeout: 120_000,
  });
  const info = await app.state<{ name: string; settings: Record<string, unknown> }>('trainedModels.0');
  expect(info.name).toBe('sasrec');
  expect(info.settings).toMatchObject({ hidden: 16, layers: 1, maxLen: 20, numItems: 1682, epochsTrained: 2 });
  await expect(page.getByTestId('saved-model')).toHaveCount(1);
  await page.getByTestId('saved-model').scrollIntoViewIfNeeded();
  // The checkpoint's backend is shown as where it was trained.
  await expect(page.getByText('trained on pytorch-cpu')).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('torch-model.png') });

  await page
    .getByRole('navigation', { name: 'Steps' })
    .getByRole('button', { name: /Recommend/ })
    .click();
  await expect(page.getByTestId('recommendations').locator('li')).toHaveCount(10, { timeout: 60_000 });
  await page.screenshot({ path: test.info().outputPath('torch-recommend.png') });
  await page.getByTestId('lang-toggle').click();
  await page.screenshot({ path: test.info().outputPath('torch-recommend-zh.png') });
});
