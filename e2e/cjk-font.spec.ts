// Chinese on a machine without CJK fonts (this one: headless Chromium drew "▯▯"): the bundled Noto Sans SC subset is
// fetched from the app's own origin, precached by the service worker, and draws real glyphs, online and offline.
import { expect, test, type Page } from '@playwright/test';
import { RecLensApp } from './app';
import { serveDist } from './staticServer';

const PREFIX = '/some/sub/path/';
const FONT = 'fonts/noto-sans-sc-ui.woff2';

/** The state of the bundled face once the page's fonts settled: 'loaded' only if the page used it and it arrived. */
const bundledFaceStatus = (page: Page) =>
  page.evaluate(async () => {
    await document.fonts.ready;
    return [...document.fonts].filter((f) => f.family.replace(/["']/g, '') === 'RecLens CJK').map((f) => f.status);
  });

/**
 * Whether `text` in the page's own font stack draws differently from a character no font has (a private-use code point,
 * drawn as the fallback box): with no CJK glyph anywhere, "中" and U+E000 would both be the same box.
 */
const drawsGlyphs = (page: Page, text: string) =>
  page.evaluate(async (t) => {
    const family = getComputedStyle(document.documentElement).fontFamily;
    await document.fonts.load(`32px ${family}`, t);
    const pixels = (s: string) => {
      const canvas = document.createElement('canvas');
      canvas.width = canvas.height = 48;
      const ctx = canvas.getContext('2d')!;
      ctx.font = `32px ${family}`;
      ctx.fillText(s, 4, 38);
      return ctx.getImageData(0, 0, 48, 48).data.join(',');
    };
    return [...t].map((ch) => pixels(ch) !== pixels('\ue000'));
  }, text);

/** The fonts Chromium actually drew an element's text with (DevTools protocol), e.g. DejaVu Sans for a box. */
async function fontsOf(page: Page, selector: string) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('DOM.enable');
  await cdp.send('CSS.enable');
  const { root } = await cdp.send('DOM.getDocument', {});
  const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector });
  const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
  await cdp.detach();
  return fonts.map((f) => ({ family: f.familyName, custom: f.isCustomFont }));
}

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
