// Checks that Chinese text is drawn with real glyphs on a machine without CJK fonts (this one: headless Chromium drew
// "▯▯"), shared by the app's font spec and the exports' spec.
import type { Page } from '@playwright/test';

/** The state of the bundled face once the page's fonts settled: 'loaded' only if the page used it and it arrived. */
export const bundledFaceStatus = (page: Page) =>
  page.evaluate(async () => {
    await document.fonts.ready;
    return [...document.fonts].filter((f) => f.family.replace(/["']/g, '') === 'RecLens CJK').map((f) => f.status);
  });

/**
 * Whether `text` in the font stack of `selector` draws differently from a character no font has (a private-use code
 * point, drawn as the fallback box): with no CJK glyph anywhere, "中" and U+E000 would both be the same box.
 */
export const drawsGlyphs = (page: Page, text: string, selector = 'html') =>
  page.evaluate(
    async ([t, sel]) => {
      const family = getComputedStyle(document.querySelector(sel)!).fontFamily;
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
    },
    [text, selector] as const,
  );

/** The fonts Chromium actually drew an element's text with (DevTools protocol), e.g. DejaVu Sans for a box. */
export async function fontsOf(page: Page, selector: string) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('DOM.enable');
  await cdp.send('CSS.enable');
  const { root } = await cdp.send('DOM.getDocument', {});
  const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector });
  const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
  await cdp.detach();
  return fonts.map((f) => ({ family: f.familyName, custom: f.isCustomFont }));
}
