// A fingerprint of a loaded event log for reports: equal logs give equal hashes, and any changed event changes it.

import type { EventLog } from './eventLog';

export interface Fingerprint {
  algorithm: 'SHA-256' | 'FNV-1a-32';
  hex: string;
}

/** The bytes hashed: the id dictionaries as JSON, then each per-event column (ids, types, times, values, sessions). */
function logBytes(log: EventLog): Uint8Array[] {
  const dictionaries = new TextEncoder().encode(
    JSON.stringify([log.users, log.items, log.eventTypes, log.sessions, log.hasTime, log.length]),
  );
  const view = (a: ArrayBufferView) => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
  return [dictionaries, view(log.user), view(log.item), view(log.event), view(log.time), view(log.value), view(log.session)];
}

const hex = (bytes: Uint8Array) => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');

/**
 * SHA-256 through Web Crypto (browsers in a secure context, Node). A page served over plain http from another machine
 * has no `crypto.subtle`: there a 32-bit FNV-1a stands in, labelled as such — enough to tell logs apart, not to
 * resist tampering.
 */
export async function logFingerprint(log: EventLog): Promise<Fingerprint> {
  const parts = logBytes(log);
  const subtle = globalThis.crypto?.subtle;
  if (subtle) {
    const all = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
    let at = 0;
    for (const p of parts) {
      all.set(p, at);
      at += p.byteLength;
    }
    return { algorithm: 'SHA-256', hex: hex(new Uint8Array(await subtle.digest('SHA-256', all))) };
  }
  let h = 0x811c9dc5;
  for (const p of parts) for (let i = 0; i < p.length; i++) h = Math.imul(h ^ p[i], 0x01000193);
  return { algorithm: 'FNV-1a-32', hex: (h >>> 0).toString(16).padStart(8, '0') };
}
