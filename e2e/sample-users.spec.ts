// Beyond what fits: the import panel estimates the memory a file needs, and over the budget proposes (and loads) a
// sample of users, each with all their events — the same users in one worker or two.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { RecLensApp } from './app';

const ROWS = 600_000; // ≈ 20 MB, so two parse workers can split it
const USERS = 20_000;

function bigLog(): string {
  const lines = ['user_id,item_id,event_type,timestamp'];
  for (let i = 0; i < ROWS; i++) lines.push(`user${(i * 7919) % USERS},item${(i * 104729) % 3000},view,${1_700_000_000 + i}`);
  const path = join(mkdtempSync(join(tmpdir(), 'reclens-')), 'sample-events.csv');
  writeFileSync(path, lines.join('\n') + '\n');
  return path;
}

for (const workers of [1, 2]) {
  test(`over the memory budget, a sample of users is proposed and loaded (${workers} parse worker${workers > 1 ? 's' : ''})`, async ({
    page,
  }) => {
    const file = bigLog();
    // 10 MB budget: 600,000 rows need ≈ 50 MB at the peak, so about a tenth of the users fit.
    await page.addInitScript((n) => {
      localStorage.setItem('reclens.memoryBudgetMB', '10');
      localStorage.setItem('reclens.parseWorkers', String(n));
    }, workers);
    const app = new RecLensApp(page);
    await app.open();
    await app.chooseFiles([file]);
    const estimate = page.getByTestId('load-estimate');
    await expect(estimate).toContainText(/About (59\d|60\d),\d{3} rows/);
    await expect(estimate).toContainText('more than fits');
    await expect(page.getByTestId('sample-users')).toBeChecked();
    await page.getByTestId('sample-percent').fill('10');
    await page.getByTestId('import-load').click();
    await page.waitForFunction(() => window.__reclens!.idle() && window.__reclens!.state().datasets.length > 1, null, { timeout: 120_000 });
    const report = await app.state<{ rows: number; accepted: number; rejected: number; sample: { fraction: number; sampledOut: number } }>(
      'lastLoad.reports.0',
    );
    expect(report.sample.fraction).toBe(0.1);
    expect(report.rows).toBe(ROWS);
    expect(report.accepted + report.rejected + report.sample.sampledOut).toBe(ROWS);
    // Every user has 30 events here; a sampled user keeps all of them.
    const users = Number((await page.getByTestId('count-users').textContent())!.replace(/,/g, ''));
    expect(users).toBeGreaterThan(USERS * 0.08);
    expect(users).toBeLessThan(USERS * 0.12);
    expect(report.accepted).toBe(users * (ROWS / USERS));
  });
}
