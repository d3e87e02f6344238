// Sharing: recommendations with reasons as CSV (formula cells defused), charts as SVG and PNG, and the self-contained
// HTML report — downloaded, then opened on its own to check it shows the data and runs nothing from hostile titles.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { expect, test, type Download, type Page } from '@playwright/test';
import { RecLensApp } from './app';

const HOSTILE_TITLES = [
  '=HYPERLINK("http://evil.example","click")',
  '<script>window.__pwned=1</script>',
  '@SUM(1+1)',
  '+cmd|calc',
  '-2+3',
  'Blue mug',
  'Green tea',
  'Desk lamp',
  'Notebook',
  'Pen',
  'Chair',
  'Kettle',
];

/** A small events log whose item titles are spreadsheet formulas and markup (titles ride along on each row). */
function hostileLog(): string {
  const rows = ['user,item,event,time,title'];
  let t = 1_700_000_000;
  for (let u = 0; u < 40; u++) {
    for (let k = 0; k < 4; k++) {
      // u0 saw only harmless items (5–8), so at least two of its five recommendations carry a hostile title.
      const item = u === 0 ? 5 + k : (u + k * 5) % HOSTILE_TITLES.length;
      const title = `"${HOSTILE_TITLES[item].replace(/"/g, '""')}"`;
      rows.push(`u${u},i${item},view,${(t += 60)},${title}`);
    }
  }
  return rows.join('\n') + '\n';
}

async function text(download: Download): Promise<string> {
  return readFile((await download.path())!, 'utf8');
}

async function trainAndExplain(page: Page) {
  await new RecLensApp(page).trainModel('itemknn');
  await page.getByRole('button', { name: /Evaluate/ }).click();
  await page.getByTestId('evaluate').click();
  await page.waitForFunction(() => window.__reclens!.state().evaluations.length >= 1 && window.__reclens!.idle(), null, {
    timeout: 120_000,
  });
  await page.getByRole('button', { name: /Explain/ }).click();
  await page.getByTestId('method').selectOption('occlusion');
  await page.getByTestId('explain').click();
  await expect(page.getByTestId('attributions')).toBeVisible({ timeout: 120_000 });
}

test('CSV of recommendations with reasons defuses formulas; the report escapes hostile titles and opens on its own', async ({
  page,
  context,
}, info) => {
  const app = new RecLensApp(page);
  await app.open();
  // A file name is markup too once it is shown (no '/' in it: that would be a folder).
  const file = info.outputPath('<img src=x onerror=alert(1)> shop.csv');
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, hostileLog());
  await app.chooseFiles([file]);
  await app.confirmImport();
  await expect(page.getByTestId('dataset-overview')).toContainText('<img src=x onerror=alert(1)> shop.csv');
  await trainAndExplain(page);

  const csvDownload = page.waitForEvent('download');
  await page.getByTestId('export-csv').click();
  const csv = (await text(await csvDownload)).replace(/^\uFEFF/, '');
  const lines = csv.trimEnd().split('\r\n');
  expect(lines[0]).toBe('user,model,rank,item_id,title,category,score,method,reason_en,reason_zh,reason_share');
  expect(lines).toHaveLength(6);
  // Every title cell that a spreadsheet would run starts with an apostrophe; no raw formula cell remains.
  const cells = lines.slice(1).flatMap((l) => l.match(/("(?:[^"]|"")*"|[^,]*)(?=,|$)/g) ?? []);
  expect(cells.filter((c) => /^"?'[=@+-]/.test(c)).length).toBeGreaterThanOrEqual(2);
  expect(cells.filter((c) => /^"?[=@+-]/.test(c) && !/^-?\d/.test(c))).toEqual([]);

  await page.getByTestId('report-open').click();
  await page.getByTestId('report-title').fill('<script>window.__pwned=2</script> Q4 review');
  const reportDownload = page.waitForEvent('download');
  await page.getByTestId('report-download').click();
  const download = await reportDownload;
  expect(download.suggestedFilename()).toMatch(/^reclens-report-\d{4}-\d{2}-\d{2}\.html$/);
  const html = await text(download);
  await info.attach('report.html', { body: html, contentType: 'text/html' });
  expect(html).not.toMatch(/<script/i);
  expect(html).toContain('&lt;script&gt;window.__pwned=2&lt;/script&gt; Q4 review');
  expect(html).toContain('&lt;img src=x onerror=alert(1)&gt; shop.csv');
  expect(html).not.toMatch(/<img/i);
  expect(html).toMatch(/<code data-fingerprint>[0-9a-f]{64}<\/code>/);

  // Opened on its own, with the network cut: it shows everything and runs nothing.
  const viewer = await context.newPage();
  const dialogs: string[] = [];
  viewer.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  const requests: string[] = [];
  viewer.on('request', (r) => requests.push(r.url()));
  await viewer.setContent(html);
  await expect(viewer.locator('h1')).toHaveText('<script>window.__pwned=2</script> Q4 review');
  await expect(viewer.locator('#models article')).toHaveCount(1);
  await expect(viewer.locator('#models')).toContainText('itemknn');
  await expect(viewer.locator('#models')).toContainText('NDCG@10');
  await expect(viewer.locator('#recommendations tbody tr')).toHaveCount(5);
  expect(await viewer.locator('#charts svg').count()).toBeGreaterThanOrEqual(3);
  await expect(viewer.locator('#charts svg rect').first()).toBeVisible();
  expect(await viewer.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  expect(dialogs).toEqual([]);
  expect(requests.filter((u) => !u.startsWith('about:') && !u.startsWith('data:'))).toEqual([]);
  await viewer.close();
});

test('charts download as SVG with their look inlined and as PNG', async ({ page }) => {
  const app = new RecLensApp(page);
  await app.open();
  const chart = page.getByTestId('dataset-overview').locator('figure').first();
  const svgDownload = page.waitForEvent('download');
  await chart.getByTestId('chart-svg').click();
  const svgFile = await svgDownload;
  expect(svgFile.suggestedFilename()).toBe('events-per-type.svg');
  const svg = await text(svgFile);
  expect(svg.startsWith('<svg')).toBe(true);
  expect(svg).toContain('xmlns="http://www.w3.org/2000/svg"');
  expect(svg).toMatch(/<text[^>]*style="[^"]*fill:/);
  expect(svg).toContain('purchase');

  const pngDownload = page.waitForEvent('download');
  await chart.getByTestId('chart-png').click();
  const pngFile = await pngDownload;
  expect(pngFile.suggestedFilename()).toBe('events-per-type.png');
  const png = await readFile((await pngFile.path())!);
  expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  expect(png.length).toBeGreaterThan(2000);
});
