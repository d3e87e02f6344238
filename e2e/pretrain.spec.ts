// Domain-adaptive pretraining and random-weight honesty: tiny-bert is marked as random weights, item vectors from it
// carry a warning wherever they are used, and pretraining it on the demo's texts gives a new model with its figures.
import { expect, test } from '@playwright/test';
import { RecLensApp } from './app';

test('tiny-bert is marked random; its vectors are flagged; pretraining on the demo texts adds an adapted model', async ({ page }) => {
  const app = new RecLensApp(page);
  await app.open();
  await page.getByRole('button', { name: /Model/ }).click();
  await expect(page.getByTestId('recommended-models').getByRole('button')).toHaveCount(3);
  await page.getByTestId('load-hosted').click();
  const list = page.getByTestId('text-model-list').locator('tbody tr');
  await expect(list).toHaveCount(1);
  await expect(list.first().getByTestId('random-weights-badge')).toBeVisible();

  await list.first().getByTestId('embed-items').click();
  await expect(page.getByTestId('embedded')).toBeVisible();
  await expect(page.getByTestId('text-models').getByTestId('random-weights-note')).toContainText('random weights');
  await page.getByTestId('model-select').selectOption('content');
  await expect(page.getByTestId('random-weights-note')).toHaveCount(2);

  await page.getByTestId('pretrain').locator('input[type="number"]').fill('1');
  await page.getByTestId('pretrain-run').click();
  const result = page.getByTestId('pretrain-result');
  await expect(result).toBeVisible({ timeout: 120_000 });
  const text = (await result.textContent()) ?? '';
  // "t-2: N texts (C from the catalog, B behavior descriptions), S steps. Masked-token loss F … L …; A% …"
  const m =
    /(\d[\d,]*) texts \((\d[\d,]*) from the catalog, (\d[\d,]*) behavior descriptions\), (\d+) steps\. Masked-token loss ([\d.]+) in the first epoch, ([\d.]+) in the last; (\d+)%/.exec(
      text,
    );
  expect(m, text).not.toBeNull();
  const n = (s: string) => Number(s.replace(/,/g, ''));
  expect(n(m![1])).toBe(n(m![2]) + n(m![3]));
  expect(n(m![4])).toBe(Math.ceil(n(m![1]) / 16));
  await expect(list).toHaveCount(2);
  await expect(list.nth(1)).toContainText('adapted to');
  // Made from tiny-bert: still random at heart, and marked so.
  await expect(list.nth(1).getByTestId('random-weights-badge')).toBeVisible();
});
