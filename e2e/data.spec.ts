// The Data step in a real browser: the demo opens offline, files load through the picker, broken files are reported.
import { resolve } from 'node:path';
import { expect, test } from '@playwright/test';
import { RecLensApp } from './app';

const fixture = (name: string) => resolve(import.meta.dirname, 'fixtures', name);

test('opens on the built-in demo with counts and charts', async ({ page }) => {
  const app = new RecLensApp(page);
  await app.open();
  await expect(page.getByTestId('dataset-overview')).toContainText('Demo shop');
  await expect(page.getByTestId('count-users')).toHaveText('3,000');
  const events = await app.state<number>('datasets.0.summary.events');
  expect(events).toBeGreaterThan(10_000);
  await expect(page.getByTestId('count-events')).toHaveText(events.toLocaleString('en-US'));
  await expect(page.locator('svg.chart rect').first()).toBeVisible();
  await expect(
    page.getByRole('img', { name: 'Conversion funnel (users who took each step and every earlier one; % of the step before)' }),
  ).toBeVisible();
});

test('loads an events file chosen with the file picker and reports its rejected row', async ({ page }) => {
  const app = new RecLensApp(page);
  await app.open();
  await app.chooseFiles([fixture('shop-events.csv')]);
  await expect(page.getByTestId('role-0')).toHaveValue('user');
  await expect(page.getByTestId('role-3')).toHaveValue('time');
  await app.confirmImport();
  await expect(page.getByTestId('dataset-overview')).toContainText('shop-events.csv');
  await expect(page.getByTestId('count-events')).toHaveText('10');
  await expect(page.getByTestId('count-users')).toHaveText('3');
  await expect(page.getByTestId('count-items')).toHaveText('4');
  const report = page.getByTestId('load-report');
  await expect(report).toContainText('11 rows: 10 accepted, 1 rejected');
  await expect(page.getByTestId('rejected-rows')).toContainText('timestamp "not-a-time" is not a valid iso time');
  await expect(page.getByTestId('rejected-rows').locator('tbody tr td').nth(1)).toHaveText('12');
});

test('a broken file shows every rejected row and the data already open stays', async ({ page }) => {
  const app = new RecLensApp(page);
  await app.open();
  const before = await app.state<string>('activeDatasetId');
  await app.chooseFiles([fixture('broken-events.csv')]);
  await app.confirmImport();
  const report = page.getByTestId('load-report');
  await expect(report).toContainText('no row could be used');
  await expect(report).toContainText('3 rows: 0 accepted, 3 rejected');
  const rows = page.getByTestId('rejected-rows').locator('tbody tr');
  await expect(rows).toHaveCount(3);
  await expect(rows.nth(0)).toContainText('empty user id');
  await expect(rows.nth(1)).toContainText('expected 4 fields, found 2');
  await expect(rows.nth(2)).toContainText('timestamp "yesterday"');
  expect(await app.state<string>('activeDatasetId')).toBe(before);
  await expect(page.getByTestId('count-users')).toHaveText('3,000');
});
