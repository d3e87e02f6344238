// A dataset crossing from a worker to the page: id dictionaries travel packed (one buffer each, transferred), so the
// page does not spend a long task deserialising 100,000s of strings; typed arrays are transferred as they are.
import { packStrings, unpackStrings, type PackedStrings } from '../lib/packedStrings';
import type { DatasetPayload } from './protocol';
import type { EventsPart } from '../data/csv/ingestEvents';
import type { BuilderPart } from '../data/eventLogBuilder';
import type { Attributes } from '../data/csv/catalogCollector';

export interface WirePayload extends DatasetPayload {
  packed?: { users: PackedStrings; items: PackedStrings; sessions: PackedStrings };
}

export function toWire(p: DatasetPayload): WirePayload {
  const { log } = p;
  return {
    ...p,
    log: { ...log, users: [], items: [], sessions: [] },
    packed: { users: packStrings(log.users), items: packStrings(log.items), sessions: packStrings(log.sessions) },
  };
}

export function fromWire(p: WirePayload): DatasetPayload {
  if (!p.packed) return p;
  const { packed, ...rest } = p;
  return { ...rest, log: { ...rest.log, users: unpackStrings(packed.users), items: unpackStrings(packed.items), sessions: unpackStrings(packed.sessions) } };
}

/** Every buffer of a wire payload that can be transferred rather than copied. */
export function wireBuffers(p: WirePayload): ArrayBuffer[] {
  const { log } = p;
  const arrays: ArrayBufferView[] = [log.user, log.item, log.event, log.time, log.value, log.session, log.seqOffsets, log.seqOrder];
  if (p.catalog) arrays.push(p.catalog.price);
  if (p.packed) for (const s of Object.values(p.packed)) arrays.push(s.bytes, s.ends);
  return arrays.map((a) => a.buffer as ArrayBuffer);
}

/**
 * A parsed part on its way through the page to the assembling worker: dictionaries packed and catalog attributes as
 * one JSON string, so the page thread only moves buffers and never rebuilds those objects.
 */
export interface WirePart extends Omit<EventsPart, 'rows' | 'attributes'> {
  rows: Omit<BuilderPart, 'users' | 'items' | 'sessions'> & { users: PackedStrings; items: PackedStrings; sessions: PackedStrings };
  attributes: string | null;
}

export function partToWire(p: EventsPart): WirePart {
  const { users, items, sessions, ...rows } = p.rows;
  return {
    ...p,
    rows: { ...rows, users: packStrings(users), items: packStrings(items), sessions: packStrings(sessions) },
    attributes: p.attributes ? JSON.stringify([...p.attributes]) : null,
  };
}

export function partFromWire(p: WirePart): EventsPart {
  const { users, items, sessions, ...rows } = p.rows;
  return {
    ...p,
    rows: { ...rows, users: unpackStrings(users), items: unpackStrings(items), sessions: unpackStrings(sessions) },
    attributes: p.attributes ? new Map(JSON.parse(p.attributes) as [string, Attributes][]) : null,
  };
}

export function partWireBuffers(p: WirePart): ArrayBuffer[] {
  const r = p.rows;
  const arrays: ArrayBufferView[] = [r.user, r.item, r.event, r.time, r.value, r.session];
  for (const s of [r.users, r.items, r.sessions]) arrays.push(s.bytes, s.ends);
  return arrays.map((a) => a.buffer as ArrayBuffer);
}
