// Text models: the one served with the app and a folder picked from disk load; item texts embed; content model trains.
import { resolve } from 'node:path';
import { expect, test } from '@playwright/test';
import { RecLensApp } from './app';

const classifierDir = resolve(import.meta.dirname, '../tests/fixtures/tiny-bert-classifier');

test('load BERT models from the app and from a folder, embed the demo items, train the content model', async ({ page }) => {
  const requests: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  const app = new RecLensApp(page);
  await app.open();
  await page.getByRole('button', { name: /Model/ }).click();
  await expect(page.getByTestId('hosted-select')).toHaveValue('tiny-bert');
  await page.getByTestId('load-hosted').click();
  const list = page.getByTestId('text-model-list').locator('tbody tr');
  await expect(list).toHaveCount(1);
  await expect(list.first()).toContainText('2 × 32 (4 heads)');

  await page.getByTestId('model-folder').setInputFiles(classifierDir);
  await expect(list).toHaveCount(2);
  await expect(list.nth(1)).toContainText('not_buy, buy');

  await list.first().getByTestId('embed-items').click();
  await expect(page.getByTestId('embedded')).toContainText('300 items embedded (32 dimensions)');
  await page.getByTestId('model-select').selectOption('content');
  await page.getByTestId('train').click();
  await page.waitForFunction(() => window.__reclens!.state().trainedModels.some((m) => m.name === 'content') && window.__reclens!.idle(), null, { timeout: 60_000 });
  await expect(page.getByTestId('trained-models')).toContainText('content');
  const origin = new URL(page.url()).origin;
  expect(requests.filter((u) => !u.startsWith(origin) && !u.startsWith('data:') && !u.startsWith('blob:'))).toEqual([]);
});
