// Whether an export needs the bundled CJK face, and the @font-face it then carries (the face's own bytes, no URL).
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CJK_FONT_PATH, CJK_UNICODE_RANGE, cjkFontFaceCss, cjkFontFaceFor, hasCjk } from './cjkFont';

const FONT = readFileSync(new URL(`../../public/${CJK_FONT_PATH}`, import.meta.url));

afterEach(() => vi.unstubAllGlobals());

/** The module without the bytes an earlier test cached. */
const freshModule = async () => {
  vi.resetModules();
  return import('./cjkFont');
};

describe('hasCjk', () => {
  it('is true for Han characters and CJK or fullwidth punctuation, false for Latin text and typographic quotes', () => {
    expect(hasCjk('NDCG@10 数据')).toBe(true);
    expect(hasCjk('a，b')).toBe(true); // U+FF0C fullwidth comma
    expect(hasCjk('「x」')).toBe(true); // U+300C
    expect(hasCjk('Recommended because you viewed “Tea” – ½ · Oct 01')).toBe(false);
    expect(hasCjk('')).toBe(false);
  });
});

describe('cjkFontFaceCss', () => {
  it('declares the app family from a data: URL with the same unicode-range as styles.css', () => {
    const css = cjkFontFaceCss('d09GMg==');
    expect(css).toBe(
      `@font-face { font-family: 'RecLens CJK'; src: url(data:font/woff2;base64,d09GMg==) format('woff2'); font-weight: 400; unicode-range: ${CJK_UNICODE_RANGE}; }`,
    );
    const stylesheet = readFileSync(new URL('./styles.css', import.meta.url), 'utf8');
    expect(stylesheet).toContain(`unicode-range: ${CJK_UNICODE_RANGE};`);
  });
});

describe('cjkFontFaceFor', () => {
  it('embeds nothing, and fetches nothing, for text without CJK', async () => {
    const fetch = vi.fn();
    vi.stubGlobal('fetch', fetch);
    expect(await cjkFontFaceFor('Events per type 2019-10-01')).toBe('');
    expect(fetch).not.toHaveBeenCalled();
  });

  it('embeds the served subset, byte for byte, for Chinese text, fetched once', async () => {
    vi.stubGlobal('document', { baseURI: 'http://localhost:4383/some/sub/path/' });
    const fetch = vi.fn(async () => new Response(FONT));
    vi.stubGlobal('fetch', fetch);
    const { cjkFontFaceFor } = await freshModule();
    const css = await cjkFontFaceFor('各类型事件数');
    expect(String(fetch.mock.calls[0]?.[0 as never])).toBe(`http://localhost:4383/${CJK_FONT_PATH}`);
    const base64 = /base64,([A-Za-z0-9+/=]+)\)/.exec(css)?.[1] ?? '';
    expect(Buffer.from(base64, 'base64').equals(FONT)).toBe(true);
    // Fetched once: a second export reuses the bytes.
    await cjkFontFaceFor('中文');
    expect(fetch).toHaveBeenCalledTimes(1);
  });

  it('embeds nothing (system fonts only) when the font cannot be had, and tries again next time', async () => {
    vi.stubGlobal('document', { baseURI: 'http://localhost:4383/' });
    const fetch = vi.fn(async () => new Response('not found', { status: 404 }));
    vi.stubGlobal('fetch', fetch);
    const { cjkFontFaceFor } = await freshModule();
    expect(await cjkFontFaceFor('中文')).toBe('');
    expect(await cjkFontFaceFor('中文')).toBe('');
    expect(fetch).toHaveBeenCalledTimes(2);
  });
});
