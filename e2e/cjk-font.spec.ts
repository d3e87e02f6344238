// Chinese on a machine without CJK fonts (this one: headless Chromium drew "▯▯"): the bundled Noto Sans SC subset is
// fetched from the app's own origin, precached by the service worker, and draws real glyphs, online and offline.
import { expect, test } from '@playwright/test';
import { RecLensApp } from './app';
import { serveDist } from './staticServer';
import { bundledFaceStatus, drawsGlyphs, fontsOf } from './fontChecks';

const PREFIX = '/some/sub/path/';
const FONT = 'fonts/noto-sans-sc-ui.woff2';

test('Chinese renders with the bundled CJK font from the app origin, and still does offline', async ({ page, context }, info) => {
  const server = await serveDist({ prefix: PREFIX, isolation: false, root: process.env.RECLENS_E2E_DIST });
  try {
    const app = new RecLensApp(page);
    await app.open(server.url);
    // On the English page the only Chinese is the language button: drawn with the bundled face, not a fallback box.
    expect(await fontsOf(page, '[data-testid=lang-toggle]')).toEqual([{ family: 'Noto Sans SC Thin', custom: true }]);
    await page.getByTestId('lang-toggle').click();
    await expect(page.getByRole('navigation')).toContainText('数据');
    expect(await bundledFaceStatus(page)).toEqual(['loaded']);
    expect(server.requests).toContain(`${PREFIX}${FONT}`);
    expect(await drawsGlyphs(page, '数据模型中文')).toEqual([true, true, true, true, true, true]);
    await info.attach('zh-online.png', { body: await page.screenshot(), contentType: 'image/png' });

    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 60_000 });
    const precached = await page.evaluate(async () =>
      (await Promise.all((await caches.keys()).map(async (n) => (await (await caches.open(n)).keys()).map((r) => r.url)))).flat(),
    );
    expect(precached.some((u) => u.includes(`/${FONT}`))).toBe(true);

    // Offline, and the server gone: the font has to come from the service worker's cache.
    await context.setOffline(true);
    await server.close();
    await page.reload();
    await app.waitIdle();
    await expect(page.getByRole('navigation')).toContainText('数据');
    expect(await bundledFaceStatus(page)).toEqual(['loaded']);
    expect(await drawsGlyphs(page, '数据模型中文')).toEqual([true, true, true, true, true, true]);
    await info.attach('zh-offline.png', { body: await page.screenshot(), contentType: 'image/png' });
  } finally {
    await context.setOffline(false);
    await server.close().catch(() => undefined);
  }
});
