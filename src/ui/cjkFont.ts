// The bundled CJK face (public/fonts, declared in styles.css as 'RecLens CJK') is fetched before the first render.
// Why: Chromium kept the fallback boxes for CJK text it had laid out while the face was still on its way (the English
// page's "中文" button stayed "▯▯" after the font arrived); text laid out after the face loaded draws real glyphs.
import { toBase64 } from '../lib/base64';

/** The CSS family name of the bundled subset; keep in step with the @font-face in styles.css. */
export const CJK_FAMILY = 'RecLens CJK';

/** Resolves once the bundled CJK face has loaded, failed, or `waitMs` passed: a slow network never holds the app back. */
export function cjkFontReady(waitMs = 1500): Promise<void> {
  if (typeof document === 'undefined' || !('fonts' in document)) return Promise.resolve();
  const loaded = document.fonts.load(`1em '${CJK_FAMILY}'`, '中文').then(
    () => undefined,
    () => undefined,
  );
  return Promise.race([loaded, new Promise<void>((resolve) => setTimeout(resolve, waitMs))]);
}

// Exports (the HTML report, SVG and PNG charts) leave the page, and with it styles.css's @font-face: a PNG is drawn from
// the SVG as an isolated image, and a downloaded file is opened on machines without CJK fonts. So an export that holds
// CJK text carries the face itself, base64 in a <style>; one without (an English export) stays small.

/** The code points the bundled face covers; keep in step with the unicode-range in styles.css and CJK in the script. */
export const CJK_UNICODE_RANGE = 'U+2E80-9FFF, U+F900-FAFF, U+FE30-FE4F, U+FF00-FFEF';
/** One CJK character: the same class as CJK in scripts/cjk-font-subset.py (the coverage test checks they agree). */
export const CJK_CHARACTER = /[\u2e80-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef]/u;

/** Whether `text` has a character the bundled face is for (and an export of it therefore needs the face). */
export const hasCjk = (text: string): boolean => CJK_CHARACTER.test(text);

/** An @font-face rule for the bundled face from its WOFF2 bytes (base64): a data: URL, nothing fetched from anywhere. */
export function cjkFontFaceCss(woff2Base64: string): string {
  return `@font-face { font-family: '${CJK_FAMILY}'; src: url(data:font/woff2;base64,${woff2Base64}) format('woff2'); font-weight: 400; unicode-range: ${CJK_UNICODE_RANGE}; }`;
}

/** Where the app serves the subset: under its base path (relative in the build, so any sub-path works). */
export const CJK_FONT_PATH = 'fonts/noto-sans-sc-ui.woff2';

let fontBase64: Promise<string | null> | null = null;

/** The bundled face's bytes as base64, fetched once (from the service worker's cache when offline); null if unavailable. */
export function cjkFontBase64(): Promise<string | null> {
  fontBase64 ??= (async () => {
    try {
      const base = (import.meta as { env?: { BASE_URL?: string } }).env?.BASE_URL ?? '/';
      const response = await fetch(new URL(`${base}${CJK_FONT_PATH}`, document.baseURI));
      if (!response.ok) return null;
      return toBase64(new Uint8Array(await response.arrayBuffer()));
    } catch {
      return null;
    }
  })();
  // A failed fetch is tried again next time rather than remembered.
  void fontBase64.then((b) => {
    if (b === null) fontBase64 = null;
  });
  return fontBase64;
}

/** The @font-face rule an export of `text` needs: '' when it has no CJK (or the face cannot be had, then system fonts). */
export async function cjkFontFaceFor(text: string): Promise<string> {
  if (!hasCjk(text)) return '';
  const base64 = await cjkFontBase64();
  return base64 ? cjkFontFaceCss(base64) : '';
}
