// Static hosting and offline use: dist/ from a sub-path of a plain static server (with and without cross-origin
// isolation headers), the service worker carrying the app through a reload with the network off, and a whole
// journey that never contacts a host other than the app's own.
import { expect, test, type Page } from '@playwright/test';
import { RecLensApp } from './app';
import { serveDist, type StaticServer } from './staticServer';

const PREFIX = '/some/sub/path/';

async function trainPopAndRecommend(page: Page) {
  await page.getByRole('button', { name: /Model/ }).click();
  await page.getByTestId('model-select').selectOption('pop');
  await page.getByTestId('train').click();
  await page.waitForFunction(() => window.__reclens!.state().trainedModels.length >= 1 && window.__reclens!.idle(), null, {
    timeout: 120_000,
  });
  await page.getByRole('button', { name: /Recommend/ }).click();
  await expect(page.getByTestId('recommendations').locator('li .title')).toHaveCount(10);
}

/** TF.js's wasm backend has to find its binaries beside the page: forcing it proves they were served (or cached). */
async function useWasmBackend(page: Page) {
  await page.waitForFunction(() => window.__reclens!.state().backend !== null, null, { timeout: 60_000 });
  await page.getByTestId('backend-select').selectOption('wasm');
  await expect(page.getByTestId('backend-summary')).toContainText(/^wasm/, { timeout: 60_000 });
}

function failedResponses(page: Page): string[] {
  const failed: string[] = [];
  page.on('response', (r) => {
    if (r.status() >= 400) failed.push(`${r.status()} ${r.url()}`);
  });
  page.on('requestfailed', (r) => failed.push(`failed ${r.url()} ${r.failure()?.errorText ?? ''}`));
  return failed;
}

/**
 * The journey on the demo: train item-kNN → recommend → explain → causal graph → evaluate → download the report.
 * `shot` is called after each view is filled (screenshots for the test output).
 */
async function journey(page: Page, shot: (name: string) => Promise<unknown> = async () => undefined) {
  await shot('1-data');
  await page.getByRole('button', { name: /Model/ }).click();
  await page.getByTestId('model-select').selectOption('itemknn');
  await page.getByTestId('train').click();
  await page.waitForFunction(
    () => window.__reclens!.state().trainedModels.some((m) => m.name === 'itemknn') && window.__reclens!.idle(),
    null,
    { timeout: 120_000 },
  );
  await shot('2-model');

  await page.getByRole('button', { name: /Recommend/ }).click();
  await expect(page.getByTestId('recommendations').locator('li .title')).toHaveCount(10);
  await shot('3-recommend');

  await page.getByRole('button', { name: /Explain/ }).click();
  await page.getByTestId('method').selectOption('occlusion');
  await page.getByTestId('explain').click();
  await expect(page.getByTestId('attributions')).toBeVisible({ timeout: 120_000 });
  await shot('4-explain');

  await page.getByRole('button', { name: /Causal/ }).click();
  await expect(page.getByText('3,000 rows', { exact: true })).toBeVisible({ timeout: 60_000 });
  await page.getByTestId('discover').click();
  await page.waitForFunction(() => window.__reclens!.idle(), null, { timeout: 120_000 });
  expect(await page.getByTestId('dag-edge').count()).toBeGreaterThan(0);
  await shot('5-causal');

  await page.getByRole('button', { name: /Evaluate/ }).click();
  await page.getByTestId('evaluate').click();
  await page.waitForFunction(() => window.__reclens!.state().evaluations.length >= 1 && window.__reclens!.idle(), null, {
    timeout: 120_000,
  });
  await expect(page.getByTestId('metrics-table')).toContainText('NDCG@10');
  await shot('6-evaluate');

  await page.getByTestId('report-open').click();
  const report = page.waitForEvent('download');
  await page.getByTestId('report-download').click();
  expect((await report).suggestedFilename()).toMatch(/\.html$/);
}

for (const isolation of [false, true]) {
  test(`dist/ runs from ${PREFIX} of a plain static server (COOP/COEP headers: ${isolation ? 'yes' : 'no'})`, async ({ page }) => {
    let server: StaticServer | undefined;
    try {
      server = await serveDist({ prefix: PREFIX, isolation });
      const failed = failedResponses(page);
      const app = new RecLensApp(page);
      await app.open(server.url);
      // Without the headers the page is not cross-origin isolated (no SharedArrayBuffer) and everything still runs.
      expect(await page.evaluate(() => globalThis.crossOriginIsolated)).toBe(isolation);
      await useWasmBackend(page);
      await trainPopAndRecommend(page);
      expect(failed).toEqual([]);
      expect(server.requests.filter((p) => !p.startsWith(PREFIX))).toEqual([]);
      expect(server.requests).toContain(`${PREFIX}tfjs-wasm/tfjs-backend-wasm-simd.wasm`);
    } finally {
      await server?.close();
    }
  });
}

test('after one visit the app opens and runs the whole journey with the network off (service worker)', async ({ page, context }) => {
  const server = await serveDist({ prefix: PREFIX, isolation: false });
  try {
    const app = new RecLensApp(page);
    await app.open(server.url);
    // Controlled = the service worker finished precaching, activated and claimed this page.
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 60_000 });
    const precached = await page.evaluate(async () => {
      const names = await caches.keys();
      const urls = (await Promise.all(names.map(async (n) => (await (await caches.open(n)).keys()).map((r) => r.url)))).flat();
      return urls;
    });
    expect(precached.some((u) => u.includes('/tfjs-wasm/tfjs-backend-wasm-simd.wasm'))).toBe(true);
    expect(precached.some((u) => u.endsWith('/index.html') || u.includes('/index.html?'))).toBe(true);

    // Offline for the page and its workers; and since Chromium's offline emulation does not cover the browser's own
    // service-worker update check, the server goes away too: everything below has to come from the cache.
    await context.setOffline(true);
    await server.close();
    await page.reload();
    await app.waitIdle();
    expect(await page.evaluate(() => navigator.onLine)).toBe(false);
    await useWasmBackend(page);
    await trainPopAndRecommend(page);
    await journey(page);
    // The bundled text model was precached too: it loads and its tokenizer runs offline.
    await page.getByRole('button', { name: /Model/ }).click();
    await page.getByTestId('load-hosted').click();
    await expect(page.getByTestId('text-model-list').locator('tbody tr')).toHaveCount(1);
    await page.getByTestId('text-model-list').locator('tbody tr').first().getByTestId('embed-items').click();
    await expect(page.getByTestId('embedded')).toContainText('300 items embedded');
  } finally {
    await context.setOffline(false);
    await server.close().catch(() => undefined);
  }
});

test("the whole journey on the demo, down to the report, sends no request to any host but the app's own", async ({
  page,
  context,
  baseURL,
}, info) => {
  const origin = new URL(baseURL!).origin;
  const requests: string[] = [];
  // Context-level: pages, their workers and the service worker.
  context.on('request', (r) => requests.push(r.url()));
  const cspViolations: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) cspViolations.push(m.text());
  });
  const shot = async (name: string) =>
    info.attach(`${name}.png`, { body: await page.screenshot({ fullPage: true }), contentType: 'image/png' });
  const app = new RecLensApp(page);
  await app.open();
  await page.waitForFunction(() => window.__reclens!.state().backend !== null, null, { timeout: 60_000 });
  await journey(page, shot);

  expect(requests.length).toBeGreaterThan(5);
  const foreign = requests.filter((u) => !u.startsWith(`${origin}/`) && !u.startsWith('data:') && !u.startsWith('blob:'));
  expect(foreign).toEqual([]);
  expect(cspViolations).toEqual([]);
});
