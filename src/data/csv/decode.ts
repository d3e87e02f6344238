// Text decoding for uploaded logs: detects UTF-8 (with or without BOM) versus Latin-1 and decodes in streaming chunks.
export type TextEncodingName = 'utf-8' | 'iso-8859-1';

/**
 * Picks the encoding from the first bytes of a file. Bytes that are not valid UTF-8 mean a legacy 8-bit encoding
 * (MovieLens u.item is ISO-8859-1); a multi-byte sequence cut off at the end of the sample is not held against UTF-8.
 */
export function detectEncoding(sample: Uint8Array): TextEncodingName {
  let end = sample.length;
  // Step back over an incomplete trailing UTF-8 sequence (at most 3 bytes).
  for (let k = 1; k <= 3 && end - k >= 0; k++) {
    const b = sample[end - k];
    if ((b & 0xc0) === 0x80) continue; // continuation byte
    if (b >= 0xc0) end -= k; // lead byte of a sequence that may be incomplete
    break;
  }
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(sample.subarray(0, end));
    return 'utf-8';
  } catch {
    return 'iso-8859-1';
  }
}

/** Streaming decoder that strips a UTF-8 BOM and never splits a multi-byte character across chunks. */
export class ChunkDecoder {
  private readonly decoder: TextDecoder;
  constructor(encoding: TextEncodingName) {
    // WHATWG maps the ISO-8859-1 label to windows-1252, a superset that also covers 0x80–0x9F punctuation.
    this.decoder = new TextDecoder(encoding, { ignoreBOM: false });
  }
  decode(bytes: Uint8Array, last: boolean): string {
    return this.decoder.decode(bytes, { stream: !last });
  }
}

/** True when a sample looks like a binary file (NUL bytes or many control characters), not text. */
export function looksBinary(sample: Uint8Array): boolean {
  const n = Math.min(sample.length, 8192);
  if (n === 0) return false;
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = sample[i];
    if (b === 0) return true;
    if (b < 9 || (b > 13 && b < 32)) control++;
  }
  return control / n > 0.1;
}
