// A worker that dies: the running task reports the failure, the worker is restarted, the data open stays, and the
// next task runs on the new worker. The crash is an uncaught error thrown inside the real worker.
import { resolve } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { RecLensApp } from './app';

/** Throws an uncaught error inside the worker whose script URL matches: the page's Worker gets an `error` event. */
async function crashWorker(page: Page, script: RegExp) {
  const worker = page.workers().find((w) => script.test(w.url()));
  expect(worker, `a running worker matching ${script}`).toBeDefined();
  await worker!.evaluate(() => {
    setTimeout(() => {
      throw new Error('injected crash');
    });
  });
}

test('the ML worker dies mid-training: the task fails with a reason, the data stays, a new worker trains', async ({ page }) => {
  const app = new RecLensApp(page);
  await app.open();
  const datasetsBefore = await app.state<{ id: string; name: string }[]>('datasets');
  const eventsBefore = await app.state<number>('datasets.0.summary.events');
  await page.getByRole('button', { name: /Model/ }).click();
  await page.getByTestId('model-select').selectOption('sasrec');
  await app.setModelSettings('{"maxEpochs": 50, "patience": 50, "hidden": 8, "layers": 1, "heads": 1, "maxLen": 8}');
  await page.getByTestId('train').click();
  await page.waitForFunction(() => Object.values(window.__reclens!.state().tasks).some((t) => t.progress !== null), null, {
    timeout: 120_000,
  });

  await crashWorker(page, /ml\.worker/);
  await page.waitForFunction(() => window.__reclens!.idle(), null, { timeout: 60_000 });
  expect(await app.state<string>('modelError')).toMatch(/The ML worker stopped \(.*injected crash.*\); it has been restarted/);
  expect(await app.state<unknown[]>('trainedModels')).toEqual([]);
  expect(await app.state<{ id: string; name: string }[]>('datasets')).toEqual(datasetsBefore);
  expect(await app.state<number>('datasets.0.summary.events')).toBe(eventsBefore);

  // The restarted worker gets the dataset again and trains.
  await page.getByTestId('model-select').selectOption('pop');
  await page.getByTestId('train').click();
  await page.waitForFunction(() => window.__reclens!.state().trainedModels.length === 1 && window.__reclens!.idle(), null, {
    timeout: 120_000,
  });
  expect(await app.state<string>('trainedModels.0.name')).toBe('pop');
});

test('the core worker dies: it is restarted on the next load, which works', async ({ page }) => {
  const app = new RecLensApp(page);
  await app.open();
  await crashWorker(page, /core\.worker/);
  await expect.poll(() => page.workers().filter((w) => /core\.worker/.test(w.url())).length).toBe(0);
  await app.chooseFiles([resolve(import.meta.dirname, 'fixtures', 'shop-events.csv')]);
  await app.confirmImport();
  await expect(page.getByTestId('dataset-overview')).toContainText('shop-events.csv');
  expect(await app.state<unknown[]>('datasets')).toHaveLength(2);
});
