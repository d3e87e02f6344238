// Datasets go straight from the core worker to the ML worker (#17): the page claims the hand-over instead of copying
// the log again, and a loaded file is saved from the ML worker (it comes back after a reload).
import { resolve } from 'node:path';
import { expect, test } from '@playwright/test';
import { RecLensApp } from './app';

type Api = {
  state: () => { datasets: { id: string; name: string }[] };
  ml: () => { claimDataset(id: string, ms: number): Promise<boolean> };
};
const claim = (id: string) => (window as unknown as { __reclens: Api }).__reclens.ml().claimDataset(id, 5_000);
const ids = () => (window as unknown as { __reclens: Api }).__reclens.state().datasets.map((d) => d.id);

test('the demo and a loaded file reach the ML worker from the core worker, and the file is saved from there', async ({ page }) => {
  const app = new RecLensApp(page);
  await app.open();
  const [demo] = await page.evaluate(ids);
  expect(await page.evaluate(claim, demo)).toBe(true);

  await app.chooseFiles([resolve(import.meta.dirname, 'fixtures', 'shop-events.csv')]);
  await app.confirmImport();
  await expect(page.getByTestId('count-events')).toHaveText('10');
  const file = (await page.evaluate(ids)).at(-1)!;
  expect(await page.evaluate(claim, file)).toBe(true);
  await expect(page.getByTestId('stored-dataset').filter({ hasText: 'shop-events.csv' })).toContainText(/saved \(/);

  await page.reload();
  await app.waitIdle();
  await expect(page.getByTestId('dataset-overview')).toContainText('shop-events.csv');
});
