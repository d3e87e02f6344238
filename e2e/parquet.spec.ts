// Logs as warehouses write them (#22): ml-100k's u.data as Parquet and as gzip-compressed text, through the file picker,
// give the counts the CSV gives; a Parquet table with a null user id and a text rating shows the validation report,
// rejected rows named by row number. Skipped when ../shared/data/ml-100k is absent.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { gzipSync } from 'fflate';
import { ML100K, RecLensApp, skipUnlessMl100k } from './app';
import { splitDelimited, tableToParquet } from '../bench/lib/parquet';

const SHOTS = process.env.RECLENS_SHOTS;

skipUnlessMl100k();
test.use({ viewport: { width: 1280, height: 720 } });

function files() {
  const dir = mkdtempSync(join(tmpdir(), 'reclens-parquet-'));
  const text = readFileSync(ML100K.data, 'utf8');
  const { header, rows } = splitDelimited(text, '\t', ['user_id', 'item_id', 'rating', 'timestamp']);
  const parquet = join(dir, 'ratings.parquet');
  writeFileSync(parquet, tableToParquet(header, rows, { rowGroupSize: 30_000 }));
  const gz = join(dir, 'u.data.gz');
  writeFileSync(gz, gzipSync(new TextEncoder().encode(text)));
  const bad = join(dir, 'bad-ratings.parquet');
  const badRows = [
    ['1', '10', '4', '881250949'],
    ['', '11', '5', '881250950'],
    ['3', '12', 'five', '881250951'],
    ['4', '13', '3', '881250952'],
  ];
  writeFileSync(bad, tableToParquet(header, badRows));
  return { parquet, gz, bad };
}

async function counts(app: RecLensApp) {
  const text = async (id: string) => (await app.page.getByTestId(id).textContent())?.trim();
  return { events: await text('count-events'), users: await text('count-users'), items: await text('count-items') };
}

test('ml-100k as Parquet and as CSV.gz loads with the CSV’s counts; a bad Parquet table shows its validation report', async ({ page }) => {
  test.setTimeout(240_000);
  const { parquet, gz, bad } = files();
  const app = new RecLensApp(page);
  await app.open();

  await app.loadMl100k({ items: false });
  const fromCsv = await counts(app);
  expect(fromCsv).toEqual({ events: '100,000', users: '943', items: '1,682' });

  await app.chooseFiles([parquet]);
  await expect(page.getByTestId('import-panel')).toContainText('Parquet table: 100,000 rows');
  if (SHOTS) await page.screenshot({ path: join(SHOTS, 'parquet-import-en.png'), fullPage: true });
  await app.confirmImport();
  await expect(page.getByTestId('count-events')).toHaveText('100,000', { timeout: 60_000 });
  expect(await counts(app)).toEqual(fromCsv);
  await expect(page.getByTestId('report-counts').first()).toHaveText('100,000 rows: 100,000 accepted, 0 rejected');

  await app.chooseFiles([gz]);
  await app.confirmImport();
  await expect(page.getByTestId('load-report')).toContainText('u.data.gz: gzip-compressed');
  expect(await counts(app)).toEqual(fromCsv);

  await app.chooseFiles([bad]);
  await app.confirmImport();
  const report = page.getByTestId('load-report');
  await expect(report.getByTestId('report-counts').first()).toHaveText('4 rows: 2 accepted, 2 rejected');
  const table = page.getByTestId('rejected-rows');
  await expect(table.locator('thead th').nth(1)).toHaveText('Row');
  await expect(table.locator('tbody tr').nth(0)).toContainText('empty user id');
  await expect(table.locator('tbody tr').nth(0).locator('td').nth(1)).toHaveText('2');
  await expect(table.locator('tbody tr').nth(1)).toContainText('value "five" is not a finite number');
  await expect(table.locator('tbody tr').nth(1).locator('td').nth(1)).toHaveText('3');
  if (SHOTS) {
    await report.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SHOTS, 'parquet-report-en.png'), fullPage: true });
    await page.getByTestId('lang-toggle').click();
    await expect(table.locator('thead th').nth(1)).toHaveText('数据行序号');
    await page.screenshot({ path: join(SHOTS, 'parquet-report-zh.png'), fullPage: true });
  }
});
