// Bytes to and from base64 (the workspace file's binary columns, the embedded CJK font, and the WebAssembly modules
// that `npm run wasm` writes as base64 text).

/** Bytes as base64, in chunks: String.fromCharCode(...all) overflows the call stack on large arrays. */
export function toBase64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

/** The bytes of a base64 string, in a fresh buffer starting at offset 0 (aligned for any element size). */
export function fromBase64(b64: string): Uint8Array<ArrayBuffer> {
  const s = atob(b64);
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}
