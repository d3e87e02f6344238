// Text models: the one served with the app and a folder picked from disk load; item texts embed; content model trains.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, test } from '@playwright/test';
import { unzipSync, strFromU8 } from 'fflate';
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

  // Export (Hugging Face folder): one .zip holding the folder the model was loaded from, weights rewritten.
  const downloading = page.waitForEvent('download');
  await list.nth(1).locator('[data-testid^="export-text-model-"]').click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe('tiny-bert-classifier.zip');
  const files = unzipSync(new Uint8Array(readFileSync(await download.path())));
  expect(
    Object.keys(files)
      .filter((p) => !p.endsWith('/'))
      .sort(),
  ).toEqual(
    ['config.json', 'model.safetensors', 'tokenizer.json', 'tokenizer_config.json', 'vocab.txt'].map((n) => `tiny-bert-classifier/${n}`),
  );
  expect(JSON.parse(strFromU8(files['tiny-bert-classifier/config.json'])).architectures).toEqual(['BertForSequenceClassification']);
  expect(strFromU8(files['tiny-bert-classifier/vocab.txt'])).toBe(readFileSync(`${classifierDir}/vocab.txt`, 'utf8'));

  await list.first().getByTestId('embed-items').click();
  await expect(page.getByTestId('embedded')).toContainText('300 items embedded (32 dimensions)');
  await page.getByTestId('model-select').selectOption('content');
  await page.getByTestId('train').click();
  await page.waitForFunction(
    () => window.__reclens!.state().trainedModels.some((m) => m.name === 'content') && window.__reclens!.idle(),
    null,
    { timeout: 60_000 },
  );
  await expect(page.getByTestId('trained-models')).toContainText('content');
  const origin = new URL(page.url()).origin;
  expect(requests.filter((u) => !u.startsWith(origin) && !u.startsWith('data:') && !u.startsWith('blob:'))).toEqual([]);
});
