// Text decoding for uploaded logs: UTF-8 versus Latin-1 by the share of valid UTF-8, streaming chunks, and where
// the invalid UTF-8 sequences lie (so the rows holding them can be rejected rather than the whole file re-read).
export type TextEncodingName = 'utf-8' | 'iso-8859-1';

/**
 * Walks UTF-8 bytes exactly as the WHATWG decoder (TextDecoder without `fatal`) does, calling `onInvalid` for each
 * U+FFFD it emits for invalid input (not for a genuine U+FFFD, bytes EF BF BD) with the output's UTF-16 unit index
 * and the byte offset where the invalid sequence starts. Returns the units emitted, and the multi-byte code points
 * read (the evidence for UTF-8). An incomplete sequence at the end is an error only when `final`.
 */
export function walkUtf8(
  bytes: Uint8Array,
  final: boolean,
  onInvalid?: (unit: number, byte: number) => void,
): { units: number; multiByte: number; invalid: number } {
  let units = 0,
    multiByte = 0,
    invalid = 0;
  let needed = 0,
    seen = 0,
    lower = 0x80,
    upper = 0xbf,
    start = 0;
  const error = (at: number) => {
    onInvalid?.(units, at);
    units++;
    invalid++;
  };
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if (needed === 0) {
      if (b < 0x80) units++;
      else if (b >= 0xc2 && b <= 0xdf) [needed, start] = [1, i];
      else if (b >= 0xe0 && b <= 0xef) {
        if (b === 0xe0) lower = 0xa0;
        if (b === 0xed) upper = 0x9f;
        [needed, start] = [2, i];
      } else if (b >= 0xf0 && b <= 0xf4) {
        if (b === 0xf0) lower = 0x90;
        if (b === 0xf4) upper = 0x8f;
        [needed, start] = [3, i];
      } else error(i);
      continue;
    }
    if (b < lower || b > upper) {
      // The sequence so far becomes one U+FFFD and this byte is read again as the start of the next one.
      needed = seen = 0;
      lower = 0x80;
      upper = 0xbf;
      error(start);
      i--;
      continue;
    }
    lower = 0x80;
    upper = 0xbf;
    if (++seen === needed) {
      units += needed === 3 ? 2 : 1; // four-byte sequences are surrogate pairs in UTF-16
      multiByte++;
      needed = seen = 0;
    }
  }
  if (needed !== 0 && final) error(start);
  return { units, multiByte, invalid };
}

/** The bytes at the end of `bytes` that start a valid but incomplete UTF-8 sequence (a streaming decoder holds them). */
export function pendingUtf8(bytes: Uint8Array): number {
  for (let k = 1; k <= 3 && k <= bytes.length; k++) {
    const b = bytes[bytes.length - k];
    if (b >= 0x80 && b <= 0xbf) continue;
    if (b < 0xc2 || b > 0xf4) return 0;
    const length = b <= 0xdf ? 2 : b <= 0xef ? 3 : 4;
    if (k >= length) return 0;
    // Each byte after the lead must be a continuation in the range the lead allows.
    const second = bytes[bytes.length - k + 1];
    if (
      k > 1 &&
      ((b === 0xe0 && second < 0xa0) || (b === 0xed && second > 0x9f) || (b === 0xf0 && second < 0x90) || (b === 0xf4 && second > 0x8f))
    )
      return 0;
    return k;
  }
  return 0;
}

/** Share of the non-ASCII sequences in a sample that are valid UTF-8 (1 when there are none). */
export function utf8Share(sample: Uint8Array): number {
  // An incomplete sequence cut off at the end of the sample is not held against UTF-8.
  const { multiByte, invalid } = walkUtf8(sample, false);
  return multiByte + invalid === 0 ? 1 : multiByte / (multiByte + invalid);
}

/** At least this share of valid sequences keeps a file UTF-8; its invalid sequences then reject their rows. */
export const UTF8_MIN_SHARE = 0.5;

/**
 * Picks the encoding from the first bytes of a file by the share of valid UTF-8 among its non-ASCII sequences: a
 * file that is mostly UTF-8 stays UTF-8 (one stray byte must not garble every other id), while a file where invalid
 * sequences are common is a legacy 8-bit encoding (MovieLens u.item is ISO-8859-1: none of its accents is UTF-8).
 */
export function detectEncoding(sample: Uint8Array): TextEncodingName {
  return utf8Share(sample) >= UTF8_MIN_SHARE ? 'utf-8' : 'iso-8859-1';
}

/**
 * Streaming decoder that strips a UTF-8 BOM at the start of its stream and never splits a multi-byte character
 * across chunks. For UTF-8 it can also say where invalid sequences turned into U+FFFD; that costs a walk over the
 * chunk only when its text holds a U+FFFD at all.
 *
 * A chunk that neither ends inside a character nor follows one that did is decoded in one call without `stream`:
 * Node's TextDecoder takes a slow path for streamed UTF-8 (on bench:ingest's 74 MB file in 64 KiB slices, ~110–190 ms
 * streamed against ~10–30 ms not), and the output is the same, as such a chunk leaves no decoder state behind. Only the
 * bytes of a character cut at a chunk's end go through a streaming decoder, which then also reads the next chunk.
 */
export class ChunkDecoder {
  /** The stream's start, where a BOM is a mark and not content (unless ignoreBOM); used until that start is decoded. */
  private readonly first: TextDecoder;
  /** Past the start: a streaming decoder for characters cut between chunks, and a one-call decoder for the rest. */
  private readonly mid: TextDecoder;
  private readonly whole: TextDecoder;
  /** The decoder holding the start of a character cut at the end of the last chunk, or null. */
  private holding: TextDecoder | null = null;
  /** The last bytes fed (up to 3): an incomplete sequence among them is completed by the next chunk. */
  private tail = new Uint8Array(0);
  private fed = 0;

  /** `streamStart`: the byte offset of the first byte this decoder is fed, for the offsets of invalid sequences. */
  constructor(
    readonly encoding: TextEncodingName,
    private readonly streamStart = 0,
    private readonly ignoreBOM = false,
  ) {
    this.first = new TextDecoder(encoding, encoding === 'utf-8' ? { ignoreBOM } : {});
    this.mid = new TextDecoder(encoding, encoding === 'utf-8' ? { ignoreBOM: true } : {});
    this.whole = new TextDecoder(encoding, encoding === 'utf-8' ? { ignoreBOM: true } : {});
  }

  /** Decodes the next chunk; `onInvalid(unit, offset, byte)` hears of each U+FFFD that stands for invalid input. */
  decode(bytes: Uint8Array, last: boolean, onInvalid?: (unit: number, offset: number, byte: number) => void): string {
    const text = this.encoding === 'utf-8' ? this.decodeUtf8(bytes, last) : this.first.decode(bytes, { stream: true });
    if (onInvalid && this.encoding === 'utf-8' && text.indexOf('\ufffd') >= 0) {
      const pending = pendingUtf8(this.tail);
      let joined = bytes;
      if (pending) {
        joined = new Uint8Array(pending + bytes.length);
        joined.set(this.tail.subarray(this.tail.length - pending));
        joined.set(bytes, pending);
      }
      const base = this.streamStart + this.fed - pending;
      const bom = !this.ignoreBOM && this.fed - pending === 0 && joined[0] === 0xef && joined[1] === 0xbb && joined[2] === 0xbf ? 3 : 0;
      walkUtf8(joined.subarray(bom), last, (unit, at) => onInvalid(unit, base + bom + at, joined[bom + at]));
    }
    this.fed += bytes.length;
    const keep = Math.min(3, bytes.length + this.tail.length);
    const tail = new Uint8Array(keep);
    const fromBytes = Math.min(keep, bytes.length);
    tail.set(this.tail.subarray(this.tail.length - (keep - fromBytes)));
    tail.set(bytes.subarray(bytes.length - fromBytes), keep - fromBytes);
    this.tail = tail;
    return text;
  }

  private decodeUtf8(bytes: Uint8Array, last: boolean): string {
    // The stream's start (its BOM), or the rest of a character begun in the last chunk: the decoder that holds it.
    const streaming = this.holding ?? (this.fed === 0 && !this.ignoreBOM ? this.first : null);
    if (streaming) {
      const text = streaming.decode(bytes, { stream: !last });
      const pending = last ? 0 : pendingUtf8(this.tailAfter(bytes));
      // Still inside a character, or still before the end of a BOM the start decoder has not seen whole: keep it.
      this.holding = pending > 0 || (streaming === this.first && this.fed + bytes.length < 3) ? streaming : null;
      return text;
    }
    if (last) return this.whole.decode(bytes);
    const cut = pendingUtf8(bytes);
    if (cut === 0) return this.whole.decode(bytes);
    const text = this.whole.decode(bytes.subarray(0, bytes.length - cut));
    this.mid.decode(bytes.subarray(bytes.length - cut), { stream: true }); // '' : the start of a character, held
    this.holding = this.mid;
    return text;
  }

  /** The last bytes fed (up to 3) once `bytes` are fed too. */
  private tailAfter(bytes: Uint8Array): Uint8Array {
    if (bytes.length >= 3) return bytes.subarray(bytes.length - 3);
    const joined = new Uint8Array(this.tail.length + bytes.length);
    joined.set(this.tail);
    joined.set(bytes, this.tail.length);
    return joined.subarray(Math.max(0, joined.length - 3));
  }
}

/** Bytes that are neither text nor the usual whitespace: C0 controls but NUL (counted on its own), tab, LF, VT, FF and CR. */
const isControlByte = (b: number) => (b > 0 && b < 9) || (b > 13 && b < 32);

/**
 * True when a sample looks like a binary file, by shares rather than by one byte: more than 1 NUL in 1,024 bytes and
 * more than 3 in all (compressed and binary data hold about 4 in 1,024; text holds none, bar a few stray ones), or
 * over 10% other control bytes.
 */
export function looksBinary(sample: Uint8Array): boolean {
  const n = sample.length;
  if (n === 0) return false;
  let nul = 0,
    control = 0;
  for (let i = 0; i < n; i++) {
    const b = sample[i];
    if (b === 0) nul++;
    if (isControlByte(b)) control++;
  }
  return (nul > 3 && nul * 1024 > n) || control / n > 0.1;
}
