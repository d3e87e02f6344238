// SHA-256 of bytes or text (UTF-8) as lower-case hex, through Web Crypto: one code path for Node ≥ 20 and browsers.

/**
 * Null where there is no `crypto.subtle`: a page served over plain http from another machine is not a secure context,
 * and browsers leave Web Crypto's digest out there. Callers say what they could not check rather than fail.
 */
export async function sha256Hex(content: string | Uint8Array): Promise<string | null> {
  const subtle = globalThis.crypto?.subtle;
  if (!subtle) return null;
  const bytes = typeof content === 'string' ? new TextEncoder().encode(content) : content;
  const digest = new Uint8Array(await subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}
