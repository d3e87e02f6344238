// The UTF-8 walk that locates invalid sequences must agree with TextDecoder exactly, however the bytes are chunked.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ChunkDecoder, detectEncoding, looksBinary, walkUtf8 } from './decode';

/** Bytes rich in what matters to a UTF-8 decoder: lead bytes, continuations, edges of the valid ranges, BOMs. */
const byte = fc.oneof(
  fc.integer({ min: 0, max: 255 }),
  fc.constantFrom(0x41, 0x0a, 0x80, 0x9f, 0xa0, 0xbf, 0xc0, 0xc1, 0xc2, 0xdf, 0xe0, 0xed, 0xef, 0xbb, 0xbd, 0xf0, 0xf4, 0xf5, 0xff),
);
const bytes = fc.oneof(
  fc.array(byte, { maxLength: 64 }).map((b) => Uint8Array.from(b)),
  fc
    .array(
      fc.oneof(
        fc.string({ unit: 'binary', maxLength: 4 }).map((s) => Array.from(new TextEncoder().encode(s))),
        fc.array(byte, { maxLength: 3 }),
      ),
      { maxLength: 16 },
    )
    .map((parts) => Uint8Array.from(parts.flat())),
);

describe('UTF-8 decoding', () => {
  it('walkUtf8 emits as many units as TextDecoder, and a U+FFFD exactly where it reports invalid input', () => {
    fc.assert(
      fc.property(bytes, (b) => {
        const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(b);
        const invalid: number[] = [];
        const walked = walkUtf8(b, true, (unit) => invalid.push(unit));
        expect(walked.units).toBe(text.length);
        for (const u of invalid) expect(text[u]).toBe('\uFFFD');
        // The other U+FFFD are genuine: the bytes EF BF BD.
        const genuine = [...text].filter((c) => c === '\uFFFD').length - invalid.length;
        let ef = 0;
        for (let i = 0; i + 2 < b.length; i++) if (b[i] === 0xef && b[i + 1] === 0xbf && b[i + 2] === 0xbd) ef++;
        expect(genuine).toBe(ef);
      }),
      { numRuns: 5000, seed: 16 },
    );
  });

  it('ChunkDecoder locates invalid sequences by unit and byte offset across any chunking, BOM included', () => {
    fc.assert(
      fc.property(bytes, fc.boolean(), fc.array(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 8 }), (body, bom, cuts) => {
        const b = bom ? Uint8Array.from([0xef, 0xbb, 0xbf, ...body]) : body;
        const whole: number[] = [];
        const wholeText = new TextDecoder().decode(b);
        const bomSkip = bom ? 3 : 0;
        walkUtf8(b.subarray(bomSkip), true, (unit, at) => whole.push(unit, at + bomSkip));
        const decoder = new ChunkDecoder('utf-8');
        const seen: number[] = [];
        let text = '';
        for (let at = 0, k = 0; at < b.length || (at === 0 && b.length === 0); k++) {
          const end = Math.min(b.length, at + cuts[k % cuts.length]);
          const base = text.length;
          text += decoder.decode(b.subarray(at, end), end === b.length, (unit, offset, value) => {
            seen.push(base + unit, offset);
            expect(value).toBe(b[offset]);
          });
          at = end;
          if (b.length === 0) break;
        }
        expect(text).toBe(wholeText);
        expect(seen).toEqual(whole);
      }),
      { numRuns: 3000, seed: 17 },
    );
  });

  it('a decoder started inside a file (a later part, a line after a skipped one) keeps a BOM as content, whatever the chunking', () => {
    // Chunks of 1–70 bytes: most end clean (read in one call) and some cut a character (held by a streaming decoder).
    fc.assert(
      fc.property(bytes, fc.array(fc.integer({ min: 1, max: 70 }), { minLength: 1, maxLength: 8 }), (body, cuts) => {
        const b = Uint8Array.from([0xef, 0xbb, 0xbf, ...body, 0xe4, 0xb8, 0xad, 0x41]);
        const expected: number[] = [];
        walkUtf8(b, true, (unit, at) => expected.push(unit, 1000 + at));
        const decoder = new ChunkDecoder('utf-8', 1000, true);
        const seen: number[] = [];
        let text = '';
        for (let at = 0, k = 0; at < b.length; k++) {
          const end = Math.min(b.length, at + cuts[k % cuts.length]);
          const base = text.length;
          text += decoder.decode(b.subarray(at, end), end === b.length, (unit, offset) => seen.push(base + unit, offset));
          at = end;
        }
        expect(text).toBe(new TextDecoder('utf-8', { ignoreBOM: true }).decode(b));
        expect(seen).toEqual(expected);
      }),
      { numRuns: 2000, seed: 23 },
    );
  });

  it('decodes windows-1252 alike in the last chunk and the others (Node 20 read a final chunk as ISO-8859-1)', () => {
    const bytes = Uint8Array.of(0xff, 0x75, 0x93, 0x94, 0x80);
    for (const last of [false, true]) expect(new ChunkDecoder('iso-8859-1').decode(bytes, last)).toBe('ÿu“”€');
  });

  it('chooses the encoding by the share of valid UTF-8, not by the first invalid byte', () => {
    const utf8 = new TextEncoder().encode('用户1,商品2\n'.repeat(50));
    const oneBad = Uint8Array.from([...utf8.subarray(0, 100), 0xff, ...utf8.subarray(100)]);
    expect(detectEncoding(oneBad)).toBe('utf-8');
    const latin1 = Uint8Array.from([...'1|Caf\xe9|x\n2|Na\xefve|y\n'].map((c) => c.charCodeAt(0)));
    expect(detectEncoding(latin1)).toBe('iso-8859-1');
    // A multi-byte character cut off at the end of the sample is not held against UTF-8.
    expect(detectEncoding(Uint8Array.from([0x61, 0xe4, 0xb8]))).toBe('utf-8');
  });

  it('calls a sample binary by the share of NUL and control bytes, not for one NUL', () => {
    const text = new TextEncoder().encode('user,item\n'.repeat(1000));
    text[50] = 0;
    expect(looksBinary(text)).toBe(false);
    const tiny = new TextEncoder().encode('u\u00001,i1\n');
    expect(looksBinary(tiny)).toBe(false);
    const utf16 = new Uint8Array(2000).map((_, i) => (i % 2 ? 0 : 0x61));
    expect(looksBinary(utf16)).toBe(true);
    expect(looksBinary(Uint8Array.from({ length: 1000 }, (_, i) => (i % 5 === 0 ? 1 : 0x61)))).toBe(true);
  });
});
