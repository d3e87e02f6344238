// The bundled CJK font (public/fonts/noto-sans-sc-ui.woff2) holds only the glyphs the UI's own strings use. This fails
// when shipped source gains a Chinese character the subset lacks, so the font cannot silently fall behind the strings,
// and says what to run. It also checks that scripts/cjk-font-subset.py looks for the same characters in the same files.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CJK_CHARACTER } from '../cjkFont';

const ROOT = new URL('../../../', import.meta.url);
const CJK_PATTERN = new RegExp(CJK_CHARACTER.source, 'gu');
/** Folders whose strings never reach the screen; the script's EXCLUDED. */
const EXCLUDED = ['src/testSupport', 'src/cli'];
const SCRIPT = readFileSync(new URL('scripts/cjk-font-subset.py', ROOT), 'utf8');
const REGENERATE =
  'The CJK font subset lacks characters the UI now uses. Run `npm run font:cjk` (/usr/bin/python3 scripts/cjk-font-subset.py; ' +
  'needs npm and the Debian python3-fonttools and python3-brotli), then commit public/fonts/noto-sans-sc-ui.woff2 and ' +
  'scripts/cjk-font-coverage.json.';

const cjkCodePoints = (text: string): number[] =>
  [...new Set([...text.matchAll(CJK_PATTERN)].map((match) => match[0].codePointAt(0) ?? 0))].sort((a, b) => a - b);

/** Source files whose strings reach the screen: src/ minus tests and the excluded folders. */
const shippedSources = (folder: string): string[] =>
  readdirSync(new URL(folder, ROOT), { withFileTypes: true }).flatMap((entry) => {
    const path = `${folder}/${entry.name}`;
    if (entry.isDirectory()) return EXCLUDED.includes(path) ? [] : shippedSources(path);
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

  it('matches the script: the same character class, the same excluded folders, the same file names', () => {
    expect(/^CJK = re\.compile\('(.*)'\)$/m.exec(SCRIPT)?.[1]).toBe(CJK_CHARACTER.source);
    expect(/^EXCLUDED = \((.*)\)$/m.exec(SCRIPT)?.[1]).toBe(EXCLUDED.map((x) => `'${x}'`).join(', '));
    expect(SCRIPT).toContain(String.raw`if re.search(r'\.tsx?$', name) and not re.search(r'\.test\.tsx?$', name):`);
  });

  it('covers every CJK character in the shipped source', () => {
    const files = shippedSources('src');
    expect(files).toContain('src/ui/i18n/zh.ts');
    const missing = files.flatMap((path) =>
      cjkCodePoints(readFileSync(new URL(path, ROOT), 'utf8'))
        .filter((cp) => !covered.has(cp))
        .map((cp) => `${String.fromCodePoint(cp)} U+${cp.toString(16).toUpperCase()} in ${path}`),
    );
    expect(missing, REGENERATE).toEqual([]);
  });

  it('is a small WOFF2 file', () => {
    const bytes = readFileSync(FONT);
    expect(bytes.subarray(0, 4).toString('latin1')).toBe('wOF2');
    // A few hundred distinct characters: the whole regular weight is ~10 MB, the subset must stay far below.
    expect(statSync(FONT).size).toBeLessThan(300 * 1024);
  });
});
