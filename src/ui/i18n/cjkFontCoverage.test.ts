// The bundled CJK font (public/fonts/noto-sans-sc-ui.woff2) holds only the glyphs the UI's own strings use. This fails
// when shipped source gains a Chinese character the subset lacks, so the font cannot silently fall behind the strings:
// regenerate it with scripts/cjk-font-subset.py (see the script's header).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const ROOT = new URL('../../../', import.meta.url);
// Keep in step with CJK and shipped_sources() in scripts/cjk-font-subset.py.
const CJK_PATTERN = /[\u2e80-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef]/gu;

const cjkCodePoints = (text: string): number[] =>
  [...new Set([...text.matchAll(CJK_PATTERN)].map((match) => match[0].codePointAt(0) ?? 0))].sort((a, b) => a - b);

/** Source files whose strings reach the screen: src/ minus tests, test support and the CLI. */
const shippedSources = (folder: string): string[] =>
  readdirSync(new URL(folder, ROOT), { withFileTypes: true }).flatMap((entry) => {
    const path = `${folder}/${entry.name}`;
    if (entry.isDirectory()) return path === 'src/testSupport' || path === 'src/cli' ? [] : shippedSources(path);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [path] : [];
  });

const FONT = new URL('public/fonts/noto-sans-sc-ui.woff2', ROOT);
const coverage = JSON.parse(readFileSync(new URL('scripts/cjk-font-coverage.json', ROOT), 'utf8')) as { characters: string };
const covered = new Set(cjkCodePoints(coverage.characters));

describe('CJK font subset', () => {
  it('finds CJK characters and punctuation, once each, and nothing else', () => {
    expect(cjkCodePoints('a中文，b中 (x)。')).toEqual([0x3002, 0x4e2d, 0x6587, 0xff0c]);
    expect(cjkCodePoints('Oct 01 – ½')).toEqual([]);
  });

  it('covers every CJK character in the shipped source', () => {
    const files = shippedSources('src');
    expect(files).toContain('src/ui/i18n/zh.ts');
    const missing = files.flatMap((path) =>
      cjkCodePoints(readFileSync(new URL(path, ROOT), 'utf8'))
        .filter((cp) => !covered.has(cp))
        .map((cp) => `${String.fromCodePoint(cp)} U+${cp.toString(16).toUpperCase()} in ${path}`),
    );
    expect(missing).toEqual([]);
  });

  it('is a small WOFF2 file', () => {
    const bytes = readFileSync(FONT);
    expect(bytes.subarray(0, 4).toString('latin1')).toBe('wOF2');
    // A few hundred distinct characters: the whole regular weight is ~10 MB, the subset must stay far below.
    expect(statSync(FONT).size).toBeLessThan(300 * 1024);
  });
});
