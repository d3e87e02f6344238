// The bundled CJK face (public/fonts, declared in styles.css as 'RecLens CJK') is fetched before the first render.
// Why: Chromium kept the fallback boxes for CJK text it had laid out while the face was still on its way (the English
// page's "中文" button stayed "▯▯" after the font arrived); text laid out after the face loaded draws real glyphs.

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
