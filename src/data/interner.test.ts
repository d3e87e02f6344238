import { describe, expect, it } from 'vitest';
import { createRng } from '../lib/rng';
import { hashRange, longHash, ownCopy, packedHash, StringInterner } from './interner';

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

  it('keeps decimal ids (8–15 digits, packed as their value) apart from each other and from every other id', () => {
    // Digit strings of 1–18 units, some with a leading zero or a letter, against a Map: the packed decimals (8–15
    // digits, no leading zero), short ids, leading-zero and over-long decimals in the pool must never meet.
    const rng = createRng(5);
    const interner = new StringInterner();
    const reference = new Map<string, number>();
    const check = (s: string) => {
      if (!reference.has(s)) reference.set(s, reference.size);
      expect(interner.idOfRange(` ${s};`, 1, 1 + s.length), s).toBe(reference.get(s));
    };
    for (let n = 0; n < 60_000; n++) {
      const len = 1 + rng.int(18);
      let s = '';
      for (let k = 0; k < len; k++) s += String(rng.int(n % 4 === 0 ? 3 : 10));
      if (n % 50 === 0) s = s.slice(0, -1) + 'x';
      check(s);
    }
    // Values on either side of 2^32 and at the 15-digit limit, each with its leading-zero twin.
    for (const s of ['4294967295', '4294967296', '4294967297', '999999999999999', '1000000000000000', '10000000', '99999999']) {
      check(s);
      check(`0${s}`);
      check(s.slice(1));
    }
    expect(interner.values).toEqual([...reference.keys()]);
    expect(interner.id('012345678')).not.toBe(interner.id('12345678'));
  });

  it('copies an id out of its chunk unit for unit, whatever its length', () => {
    const rng = createRng(3);
    const units = ['a', '9', '-', 'é', '中', '😀'];
    let text = '';
    while (text.length < 30_000) text += units[rng.int(units.length)];
    for (const [from, len] of [
      [0, 0],
      [5, 12],
      [5, 13],
      [1, 256],
      [2, 257],
      [3, 8192],
      [4, 8193],
      [0, 20_000],
    ]) {
      expect(ownCopy(text, from, from + len)).toBe(text.substring(from, from + len));
    }
    expect(ownCopy(text, 0, text.length)).toBe(text);
  });

  it('hashes a range like FNV-1a over code units', () => {
    // FNV-1a of "a" (one unit, 0x61): (0x811c9dc5 ^ 0x61) * 16777619 mod 2^32 = 0xe40c292c.
    expect(hashRange('xay', 1, 2) >>> 0).toBe(0xe40c292c);
  });

  it('spreads short ids over the table as a random function would, whichever of their units differ', () => {
    // A short id's slot comes from its packed words (units 0–3 in the first, 4–6 and the length in the second). A
    // hash that let either word, or any unit, go unmixed would crowd ids that differ only there into few slots.
    const pack = (s: string | number): [number, number] => {
      // A decimal id is packed as its value (under a tag in the second word's top byte), any other as its units.
      if (typeof s === 'number') return [s | 0, (0x10 << 24) | Math.floor(s / 2 ** 32)];
      let low = 0,
        high = s.length << 24;
      for (let i = 0; i < s.length; i++) {
        if (i < 4) low |= s.charCodeAt(i) << (i << 3);
        else high |= s.charCodeAt(i) << ((i - 4) << 3);
      }
      return [low, high];
    };
    const slotsUsed = (ids: (string | number)[], slots: number) => new Set(ids.map((s) => packedHash(...pack(s)) & (slots - 1))).size;
    // n ids thrown at m slots at random fill m·(1 − e^(−n/m)) of them on average; allow 3% below that.
    const expected = (n: number, m: number) => m * (1 - Math.exp(-n / m));
    const cases: [string, (string | number)[], number][] = [
      ['u0 … u99999 (bench:ingest users)', Array.from({ length: 100_000 }, (_, i) => `u${i}`), 1 << 18],
      ['1 … 100000 (numeric ids)', Array.from({ length: 100_000 }, (_, i) => String(i + 1)), 1 << 18],
      ['512000000 + 37·i (9-digit decimals, as REES46 users)', Array.from({ length: 100_000 }, (_, i) => 512_000_000 + 37 * i), 1 << 18],
      [
        'abcd000 … abcd999 (only the second word differs)',
        Array.from({ length: 1000 }, (_, i) => `abcd${String(i).padStart(3, '0')}`),
        1 << 11,
      ],
      [
        '000xyz … 999xyz (only the first word differs)',
        Array.from({ length: 1000 }, (_, i) => `${String(i).padStart(3, '0')}xyz`),
        1 << 11,
      ],
      ['x, xx … (only the length differs)', Array.from({ length: 7 }, (_, i) => 'x'.repeat(i + 1)), 1 << 10],
    ];
    // Pooled ids (longer than a slot holds) are hashed from their units: session ids, ids that differ in one unit, and
    // pairs whose differences two unmixed multiply steps would cancel.
    const hex = (n: number, w: number) => n.toString(16).padStart(w, '0');
    const pooled: [string, string[], number][] = [
      [
        'UUID-shaped session ids',
        Array.from({ length: 50_000 }, (_, i) => `${hex((i * 2654435761) >>> 0, 8)}-8bb3-4e00-8c23-a032dfed738c`),
        1 << 17,
      ],
      [
        'ids differing in one unit of 36',
        Array.from({ length: 2000 }, (_, i) => `session-0000-0000-0000-${String.fromCharCode(0x4e00 + i)}00000000000`),
        1 << 12,
      ],
      // Pairs equal but for the top bit of units 1 and 5, which one chain reads in two consecutive steps: without
      // each step's mixing the two changes cancel and every pair shares a slot.
      [
        'pairs differing only in the top bits of two steps',
        Array.from({ length: 2000 }, (_, i) => {
          const flip = (u: number) => String.fromCharCode(i & 1 ? u ^ 0x8000 : u);
          return `k${flip(0x4e00 + ((i >> 1) & 0xff))}abc${flip(0x4e00 + (i >> 9))}-rest-of-the-id`;
        }),
        1 << 12,
      ],
    ];
    for (const [name, ids, slots] of pooled) {
      expect(new Set(ids).size, name).toBe(ids.length);
      const used = new Set(ids.map((s) => longHash(s, 0, s.length) & (slots - 1))).size;
      expect(used, name).toBeGreaterThanOrEqual(0.97 * expected(ids.length, slots));
    }
    for (const [name, ids, slots] of cases) {
      expect(new Set(ids).size, name).toBe(ids.length);
      expect(slotsUsed(ids, slots), name).toBeGreaterThanOrEqual(0.97 * expected(ids.length, slots));
    }
  });

  it('keeps the ids of strings appended unindexed (appendNew) when lookups follow, through several table doublings', () => {
    const interner = new StringInterner();
    const mine = new Map<string, number>();
    const seen = (v: string) => {
      if (!mine.has(v)) mine.set(v, mine.size);
      return mine.get(v)!;
    };
    // 3,000 appended (decimals, short ids, long ids), then lookups of old and new strings, then more appended.
    const values = (from: number, to: number) =>
      Array.from(
        { length: to - from },
        (_, k) => [`${100_000_000 + from + k}`, `u${from + k}`, `a long id number ${from + k}`][(from + k) % 3],
      );
    for (const v of values(0, 3000)) {
      seen(v);
      interner.appendNew(v);
    }
    for (const v of [...values(1000, 4000), ...values(0, 10)]) expect(interner.id(v)).toBe(seen(v));
    for (const v of values(4000, 5000)) {
      seen(v);
      interner.appendNew(v);
    }
    expect(interner.size).toBe(5000);
    for (const v of values(0, 6000)) expect(interner.idOfRange(`>${v}<`, 1, v.length + 1)).toBe(seen(v));
    expect(interner.values).toEqual([...mine.keys()]);
  });
});
