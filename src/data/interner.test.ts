import { describe, expect, it } from 'vitest';
import { createRng } from '../lib/rng';
import { hashRange, StringInterner } from './interner';

describe('StringInterner', () => {
  it('numbers strings in order of first sight, like a Map would, whether given whole or as a range', () => {
    const rng = createRng(7);
    const alphabet = ['a', 'b', 'é', '中', '😀', ',', ' ', '0', '1'];
    const interner = new StringInterner();
    const reference = new Map<string, number>();
    for (let n = 0; n < 20_000; n++) {
      const len = rng.int(6);
      let s = '';
      for (let k = 0; k < len; k++) s += alphabet[rng.int(alphabet.length)];
      if (!reference.has(s)) reference.set(s, reference.size);
      const padded = `xx${s}yy`;
      const id = n % 2 ? interner.id(s) : interner.idOfRange(padded, 2, 2 + s.length);
      expect(id).toBe(reference.get(s));
    }
    expect(interner.values).toEqual([...reference.keys()]);
    expect(interner.size).toBe(reference.size);
  });

  it('keeps strings with equal hashes apart', () => {
    // Same length, same hash bucket after masking is likely for some pair among many; force it by checking ids only.
    const interner = new StringInterner();
    const words = Array.from({ length: 5000 }, (_, i) => `w${i}`);
    const ids = words.map((w) => interner.id(w));
    expect(new Set(ids).size).toBe(words.length);
    expect(words.map((w) => interner.id(w))).toEqual(ids);
    expect(interner.id('')).toBe(5000);
  });

  it('keeps ids apart across the inline limit: lengths 0–10, NUL and Latin-1 units, wide units', () => {
    // Short ids are packed into their slot (zero-padded, length in the top byte), so "a" and "a\0" must still differ,
    // as must ids of 7 units (inline) and 8 (pooled) that share a prefix.
    const rng = createRng(11);
    const alphabet = ['\0', 'a', 'ÿ', '9', 'Ā', '中'];
    const interner = new StringInterner();
    const reference = new Map<string, number>();
    for (let n = 0; n < 30_000; n++) {
      const len = rng.int(11);
      let s = '';
      for (let k = 0; k < len; k++) s += alphabet[rng.int(n % 3 === 0 ? alphabet.length : 4)];
      if (!reference.has(s)) reference.set(s, reference.size);
      expect(interner.idOfRange(`,${s},`, 1, 1 + s.length)).toBe(reference.get(s));
    }
    expect(interner.values).toEqual([...reference.keys()]);
    expect(['a', 'a\0', 'a\0\0'].map((s) => interner.id(s))).toEqual(['a', 'a\0', 'a\0\0'].map((s) => reference.get(s)));
  });

  it('hashes a range like FNV-1a over code units', () => {
    // FNV-1a of "a" (one unit, 0x61): (0x811c9dc5 ^ 0x61) * 16777619 mod 2^32 = 0xe40c292c.
    expect(hashRange('xay', 1, 2) >>> 0).toBe(0xe40c292c);
  });
});
