// Recommend and Evaluate on ml-100k (#20): the history shows each event's rating and date as u.data has them (en and
// 中文), the metrics table fits 1280×720, the paired difference against a reference reads as its CI says, and the
// per-user table shows film titles (id on hover), sortable both ways. Skipped when ../shared/data/ml-100k is absent.
// RECLENS_SHOTS=<folder> saves screenshots of both views in both languages there.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { ML100K, RecLensApp, skipUnlessMl100k } from './app';

const SHOTS = process.env.RECLENS_SHOTS;

skipUnlessMl100k();
test.use({ viewport: { width: 1280, height: 720 } });

/** The first user of u.data and their first events in the log's order (by time, ties in file order). */
function firstUserEvents(n: number): { user: string; rating: number; time: number }[] {
  const rows = readFileSync(ML100K.data, 'utf8')
    .trim()
    .split('\n')
    .map((l) => l.split('\t'))
    .map(([user, , rating, time]) => ({ user, rating: Number(rating), time: Number(time) }));
  return rows
    .filter((r) => r.user === rows[0].user)
    .sort((a, b) => a.time - b.time)
    .slice(0, n);
}

const shot = async (page: Page, name: string, parts: string[] = []) => {
  if (!SHOTS) return;
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
  for (const part of parts) await page.getByTestId(part).screenshot({ path: join(SHOTS, `${name}-${part}.png`) });
};

const noSidewaysScroll = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth);

test('ml-100k: history ratings and dates, a fitting metrics table, paired differences with CIs, titled per-user table', async ({
  page,
}) => {
  test.setTimeout(300_000);
  const app = new RecLensApp(page);
  await app.open();
  await app.loadMl100k({ items: true });
  await app.trainModel('pop', 1);
  await app.trainModel('itemknn', 2);

  await page.getByRole('button', { name: /Recommend/ }).click();
  const history = page.getByTestId('history');
  await expect(page.getByTestId('recommendations').locator('li .title')).toHaveCount(10);
  const expected = firstUserEvents(5);
  const first = history.locator('li').first();
  await expect(first.getByTestId('event-value')).toHaveText(String(expected[0].rating));
  const values = (await history.getByTestId('event-value').allTextContents()).slice(0, 5).map(Number);
  expect(values).toEqual(expected.map((e) => e.rating));
  // Every event has a rating and a date: the log has both columns.
  const count = await history.locator('li').count();
  await expect(history.getByTestId('event-value')).toHaveCount(count);
  await expect(history.getByTestId('event-time')).toHaveCount(count);
  const times = await history.getByTestId('event-time').evaluateAll((els) => els.slice(0, 5).map((el) => el.getAttribute('datetime')));
  expect(times).toEqual(expected.map((e) => new Date(e.time * 1000).toISOString()));
  const when = new Date(expected[0].time * 1000);
  const en = `${when.toLocaleString('en-US', { month: 'short', timeZone: 'UTC' })} ${when.getUTCDate()}, ${when.getUTCFullYear()}, `;
  await expect(first.getByTestId('event-time')).toContainText(en);
  await expect(first.getByTestId('event-time')).toHaveText(/^[A-Z][a-z]{2} \d{1,2}, \d{4}, \d{2}:\d{2}$/);
  expect(await noSidewaysScroll(page)).toBe(true);
  await shot(page, 'recommend-en', ['history']);

  await page.getByTestId('lang-toggle').click();
  const zh = `${when.getUTCFullYear()}年${when.getUTCMonth() + 1}月${when.getUTCDate()}日 `;
  await expect(first.getByTestId('event-time')).toContainText(zh);
  await expect(first.getByTestId('event-time')).toHaveText(/^\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}$/);
  await shot(page, 'recommend-zh', ['history']);
  await page.getByTestId('lang-toggle').click();

  // An added what-if event has no logged rating or date, and says so.
  await page.getByRole('combobox', { name: 'Add event' }).fill('Star Wars (1977)');
  await page.getByRole('button', { name: 'Add event' }).click();
  await expect(history.locator('li').last().getByTestId('event-added')).toBeVisible();
  await expect(history.locator('li').last().getByTestId('event-time')).toHaveCount(0);

  await page.getByRole('button', { name: /Evaluate/ }).click();
  await page.getByTestId('evaluate').click();
  await page.waitForFunction(() => window.__reclens!.state().evaluations.length >= 2 && window.__reclens!.idle(), null, {
    timeout: 180_000,
  });
  const metrics = page.getByTestId('metrics-table');
  await expect(metrics.locator('tbody tr')).toHaveCount(2);
  await expect(metrics.locator('thead th')).toHaveText(['Model', 'HR@10', 'NDCG@10', 'MRR', 'Coverage@10', 'AvgPop@10', 'Users']);
  // AvgPop one decimal, rates three, each with its CI.
  await expect(metrics.locator('td[data-metric="AvgPop@10"]').first()).toHaveText(/^[\d,]+\.\d\[[\d,]+\.\d, [\d,]+\.\d\]$/);
  await expect(metrics.locator('td[data-metric="NDCG@10"]').first()).toHaveText(/^0\.\d{3}\[0\.\d{3}, 0\.\d{3}\]$/);
  const fits = () =>
    page.getByTestId('metrics-table').evaluate((t) => {
      const box = t.parentElement!;
      return box.scrollWidth <= box.clientWidth;
    });
  expect(await fits()).toBe(true);
  expect(await noSidewaysScroll(page)).toBe(true);
  await page.getByTestId('all-metrics').check();
  await expect(metrics.locator('thead th')).toHaveCount(2 + 10);
  expect(await noSidewaysScroll(page)).toBe(true);
  await page.getByTestId('all-metrics').uncheck();

  // Paired difference: itemknn − pop on NDCG@10 over the same 943 users, its reading as its interval says.
  const paired = page.getByTestId('paired-table');
  await expect(page.getByTestId('paired-metric')).toHaveValue('NDCG@10');
  const readRow = async () => {
    const row = paired.locator('tbody tr').first();
    const [d, lo, hi] = await Promise.all(['data-difference', 'data-lo', 'data-hi'].map(async (a) => Number(await row.getAttribute(a))));
    return { row, d, lo, hi, verdict: await row.getAttribute('data-verdict'), text: (await row.textContent()) ?? '' };
  };
  let r = await readRow();
  await expect(r.row.locator('th')).toHaveText('itemknn');
  expect(r.lo).toBeLessThanOrEqual(r.d);
  expect(r.d).toBeLessThanOrEqual(r.hi);
  expect(r.verdict).toBe(r.lo > 0 ? 'higher' : r.hi < 0 ? 'lower' : 'none');
  expect(r.text).toContain('943');
  expect(r.text).toContain(r.verdict === 'none' ? 'no difference shown' : `${r.verdict} than pop`);
  const first2 = r;
  // Against itemknn as the reference, pop's difference is the same figure negated (same users, same resamples).
  const itemknn = await page.getByTestId('paired-reference').locator('option', { hasText: 'itemknn' }).getAttribute('value');
  await page.getByTestId('paired-reference').selectOption(itemknn!);
  await expect(paired.locator('tbody tr th').first()).toHaveText('pop');
  r = await readRow();
  expect(r.d).toBeCloseTo(-first2.d, 12);
  expect(r.lo).toBeCloseTo(-first2.hi, 12);
  // A metric with a sure difference or none: MRR reads as its interval says too.
  await page.getByTestId('paired-metric').selectOption('MRR');
  r = await readRow();
  expect(r.verdict).toBe(r.lo > 0 ? 'higher' : r.hi < 0 ? 'lower' : 'none');

  // The per-user table: titles from u.item, ids on hover, sortable both ways.
  const items = page.getByTestId('drill-item');
  await expect(items.first()).toHaveText(/\(\d{4}\)$/);
  await expect(items.first()).toHaveAttribute('title', /\(\d{4}\) · id \d+$/);
  const ranks = async () =>
    (await page.getByTestId('drill').locator('tbody tr td:nth-child(3)').allTextContents()).map((s) => Number(s.replace(/,/g, '')));
  const best = await ranks();
  expect(best).toEqual([...best].sort((a, b) => a - b));
  await page.getByTestId('drill-sort-rank').click();
  const worst = await ranks();
  expect(worst).toEqual([...worst].sort((a, b) => b - a));
  expect(worst[0]).toBeGreaterThan(best[0]);
  await page.getByTestId('drill-sort-item').click();
  const titles = await items.allTextContents();
  expect(titles).toEqual([...titles].sort((a, b) => a.localeCompare(b, undefined, { numeric: true, sensitivity: 'base' })));
  await page.getByTestId('drill-sort-item').click();
  const reversed = await items.allTextContents();
  expect(reversed[0].localeCompare(titles[0], undefined, { sensitivity: 'base' })).toBeGreaterThan(0);
  await expect(page.getByTestId('drill').locator('th[aria-sort="descending"]')).toHaveCount(1);
  await page.getByTestId('paired-metric').selectOption('NDCG@10');
  await shot(page, 'evaluate-en', ['metrics-table', 'paired', 'drill']);
  await page.getByTestId('lang-toggle').click();
  await shot(page, 'evaluate-zh', ['metrics-table', 'paired', 'drill']);
});
