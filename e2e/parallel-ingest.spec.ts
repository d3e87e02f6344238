// A large unquoted file parsed by two workers at once: same counts as one worker, rejected rows keep true line numbers.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { RecLensApp } from './app';

const ROWS = 600_000; // ≈ 20 MB: above the 16 MB below which one worker is used anyway
const BAD_LINES = [3, 350_001, 599_999]; // physical lines (header = line 1) with a broken timestamp

function bigLog(): string {
  const lines = ['user_id,item_id,event_type,timestamp'];
  const types = ['view', 'click', 'cart', 'purchase'];
  for (let i = 0; i < ROWS; i++)
    lines.push(
      `user${(i * 7919) % 20000},item${(i * 104729) % 3000},${types[i % 4]},${BAD_LINES.includes(i + 2) ? 'never' : 1_700_000_000 + i}`,
    );
  const path = join(mkdtempSync(join(tmpdir(), 'reclens-')), 'big-events.csv');
  writeFileSync(path, lines.join('\n') + '\n');
  return path;
}

test('two parse workers give the right counts and line numbers', async ({ page }) => {
  const file = bigLog();
  await page.addInitScript(() => localStorage.setItem('reclens.parseWorkers', '2'));
  const app = new RecLensApp(page);
  await app.open();
  await app.chooseFiles([file]);
  await page.getByTestId('import-load').click();
  await page.waitForFunction(() => window.__reclens!.idle() && window.__reclens!.state().datasets.length > 1, null, { timeout: 120_000 });
  expect(await app.state<number>('lastLoad.reports.0.parts')).toBe(2);
  await expect(page.getByTestId('load-report')).toContainText(
    `${ROWS.toLocaleString('en-US')} rows: ${(ROWS - 3).toLocaleString('en-US')} accepted, 3 rejected`,
  );
  const lines = await page.getByTestId('rejected-rows').locator('tbody tr td:nth-child(2)').allTextContents();
  expect(lines.map(Number)).toEqual(BAD_LINES);
  await expect(page.getByTestId('count-users')).toHaveText('20,000');
});
