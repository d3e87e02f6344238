// Many strings as one buffer, so a worker can hand 100,000s of ids to the page without the page deserialising them
// one by one (structured clone of a large string array costs the receiving thread ~1 µs per string, in one task).
export interface PackedStrings {
  /** UTF-8 of all strings concatenated. */
  bytes: Uint8Array;
  /** End of each string in the decoded text (UTF-16 units). */
  ends: Uint32Array;
}

export function packStrings(values: readonly string[]): PackedStrings {
  const ends = new Uint32Array(values.length);
  let at = 0;
  values.forEach((v, i) => (ends[i] = at += v.length));
  return { bytes: new TextEncoder().encode(values.join('')), ends };
}

export function unpackStrings(packed: PackedStrings): string[] {
  const text = new TextDecoder().decode(packed.bytes);
  const out = new Array<string>(packed.ends.length);
  let start = 0;
  for (let i = 0; i < out.length; i++) {
    out[i] = text.slice(start, packed.ends[i]);
    start = packed.ends[i];
  }
  return out;
}
