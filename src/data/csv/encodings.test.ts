// Files in an encoding RecLens does not read are refused with a message that names it.
import { describe, expect, it } from 'vitest';
import { loadEvents } from './load';
import { bytesSource } from './source';

const utf16 = (text: string, bigEndian: boolean) => {
  const out = new Uint8Array(2 + 2 * text.length);
  out.set(bigEndian ? [0xfe, 0xff] : [0xff, 0xfe]);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    out[2 + 2 * i + (bigEndian ? 1 : 0)] = c & 0xff;
    out[2 + 2 * i + (bigEndian ? 0 : 1)] = c >> 8;
  }
  return out;
};

describe('encodings', () => {
  it('names UTF-16 files (either byte order) instead of calling them binary', async () => {
    for (const bigEndian of [false, true]) {
      const r = await loadEvents(bytesSource('excel.csv', utf16('user,item\nu1,i1\n', bigEndian)));
      expect(r).toEqual({ ok: false, reason: 'excel.csv is UTF-16 text; save it as UTF-8 (e.g. "CSV UTF-8") and load it again' });
    }
  });
});
