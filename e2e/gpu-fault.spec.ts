// A GPU device lost mid-training: training continues on the next backend from the last epoch's checkpoint, and says so.
import { resolve } from 'node:path';
import { expect, test } from '@playwright/test';
import { RecLensApp } from './app';

// A 150-user demo shop (`reclens demo --users 150 --seed 7`): WebGPU here is SwiftShader, in software, so keep it small.
const smallShop = resolve(import.meta.dirname, 'fixtures', 'small-shop-events.csv');

test('losing the WebGPU device mid-training falls back to the next backend and resumes from the last epoch', async ({ page }) => {
  const app = new RecLensApp(page);
  await app.open();
  await app.chooseFiles([smallShop]);
  await app.confirmImport();
  await expect(page.getByTestId('count-users')).toHaveText('150');
  await page.getByTestId('backend-select').selectOption('webgpu');
  await page.waitForFunction(
    () => window.__reclens!.state().backend?.backend === 'webgpu' && !window.__reclens!.state().backendPending,
    null,
    { timeout: 60_000 },
  );
  await page.getByRole('button', { name: /Model/ }).click();
  await page.getByTestId('model-select').selectOption('sasrec');
  await app.setModelSettings('{"maxEpochs": 6, "patience": 10, "hidden": 8, "layers": 1, "heads": 1, "batchSize": 256, "maxLen": 8}');
  await page.getByTestId('train').click();
  // Wait for the first epoch's validation figure (the checkpoint), then pull the device out from under the run.
  await page.waitForFunction(
    () => Object.values(window.__reclens!.state().tasks).some((t) => t.trail.some((d) => d.valNdcg10 !== undefined)),
    null,
    { timeout: 240_000 },
  );
  // False only when WebGPU (SwiftShader here) already failed on its own and training had moved on: the same
  // fallback, reached without our help — then it restarted from scratch, which the notice must say.
  const injected = await page.evaluate(() => window.__reclens!.ml().simulateDeviceLoss());
  await page.waitForFunction(() => window.__reclens!.state().trainedModels.length === 1 && window.__reclens!.idle(), null, {
    timeout: 240_000,
  });
  const model = await app.state<{ backend: string; notices: string[]; curve: { epoch: number }[] }>('trainedModels.0');
  test.info().annotations.push({ type: 'fault', description: model.notices.join(' ') });
  expect(model.backend).not.toBe('webgpu');
  expect(model.notices.join(' ')).toMatch(
    /webgpu failed during training .* continued on \w+ from (the checkpoint after epoch \d|the start)/,
  );
  if (injected) expect(model.notices.join(' ')).toMatch(/from the checkpoint after epoch \d/);
  await expect(page.getByTestId('trained-models')).toContainText('continued on');
  await expect(page.getByTestId('backend-summary')).not.toContainText('webgpu');
});
