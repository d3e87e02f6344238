// Issue #16 in the app: a stray quote costs one row (and the estimate it was shown holds), and a load far from the
// "About N rows" estimate says so in the load report, naming both figures.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { RecLensApp } from './app';

function file(name: string, text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'reclens-')), name);
  writeFileSync(path, text);
  return path;
}

const row = (i: number) => `u${i % 997},i${i % 501},${1_600_000_000 + i}`;

test('100,000 rows with an unterminated quote at row 11: 99,999 loaded, the row rejected, the estimate held', async ({ page }) => {
  // Before: "About 100,007 rows", then 11 rows loaded without a warning.
  const lines = ['user_id,item_id,timestamp'];
  for (let i = 0; i < 100_000; i++) lines.push(i === 10 ? `u1,"i1,${1_600_000_000 + i}` : row(i));
  const app = new RecLensApp(page);
  await app.open();
  await app.chooseFiles([file('quote-events.csv', lines.join('\n') + '\n')]);
  await expect(page.getByTestId('load-estimate')).toContainText(/About 10\d,\d{3} rows/);
  await app.confirmImport();
  const report = page.getByTestId('load-report');
  await expect(report).toContainText('100,000 rows: 99,999 accepted, 1 rejected');
  await expect(report).toContainText('unterminated quote: 1');
  await expect(page.getByTestId('rejected-rows').locator('tbody tr td').nth(1)).toHaveText('12');
  await expect(page.getByTestId('rejected-rows')).toContainText('quote opened in column 2 is not closed');
  await expect(report).not.toContainText('were expected');
});

test('a load far from its estimate is flagged in the load report with both figures', async ({ page }) => {
  // Short lines fill the first 256 kB; long rows follow: far fewer rows than the first bytes suggest.
  const lines = ['user_id,item_id,timestamp'];
  for (let i = 0; i < 30_000; i++) lines.push(row(i));
  for (let i = 0; i < 5_000; i++) lines.push(`${row(i)},${'n'.repeat(500)}`);
  const app = new RecLensApp(page);
  await app.open();
  await app.chooseFiles([file('uneven-events.csv', lines.join('\n') + '\n')]);
  const shown = (await page.getByTestId('load-estimate').textContent())!.match(/About ([\d,]+) rows/)![1];
  await app.confirmImport();
  await expect(page.getByTestId('load-report')).toContainText(
    `uneven-events.csv: 35,000 rows read, but about ${shown} were expected from the file's first bytes`,
  );
});
