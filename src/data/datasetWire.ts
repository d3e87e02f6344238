// A dataset crossing between threads: id dictionaries travel packed (one buffer each, transferred), so the receiving
// thread does not spend a long task deserialising 100,000s of strings; the schema's typed arrays are transferred as
// they are (data/eventLogSchema.ts lists them).
import { packStrings, unpackStrings, type PackedStrings } from '../lib/packedStrings';
import type { DatasetPayload } from './dataset';
import { DICTIONARIES, EVENT_COLUMN_NAMES, logArrays, type Dictionary } from './eventLogSchema';
import type { EventsPart } from './csv/ingestEvents';
import type { BuilderPart } from './eventLogBuilder';
import type { Attributes } from './csv/catalogCollector';

type Packed = Record<Dictionary, PackedStrings>;

const pack = (d: Record<Dictionary, readonly string[]>): Packed =>
  Object.fromEntries(DICTIONARIES.map((k) => [k, packStrings(d[k])])) as Packed;
const unpack = (p: Packed): Record<Dictionary, string[]> =>
  Object.fromEntries(DICTIONARIES.map((k) => [k, unpackStrings(p[k])])) as Record<Dictionary, string[]>;
const emptied = Object.fromEntries(DICTIONARIES.map((k) => [k, []])) as unknown as Record<Dictionary, string[]>;
const packedBuffers = (p: Packed): ArrayBufferView[] => DICTIONARIES.flatMap((k) => [p[k].bytes, p[k].ends]);

export interface WirePayload extends DatasetPayload {
  packed?: Packed;
}

export function toWire(p: DatasetPayload): WirePayload {
  return { ...p, log: { ...p.log, ...emptied }, packed: pack(p.log) };
}

export function fromWire(p: WirePayload): DatasetPayload {
  if (!p.packed) return p;
  const { packed, ...rest } = p;
  return { ...rest, log: { ...rest.log, ...unpack(packed) } };
}

/** Every buffer of a wire payload that can be transferred rather than copied. */
export function wireBuffers(p: WirePayload): ArrayBuffer[] {
  const arrays: ArrayBufferView[] = logArrays(p.log);
  if (p.catalog) arrays.push(p.catalog.price);
  if (p.packed) arrays.push(...packedBuffers(p.packed));
  return arrays.map((a) => a.buffer as ArrayBuffer);
}

/**
 * A parsed part on its way through the page to the assembling worker: dictionaries packed and catalog attributes as
 * one JSON string, so the page thread only moves buffers and never rebuilds those objects.
 */
export interface WirePart extends Omit<EventsPart, 'rows' | 'attributes'> {
  rows: Omit<BuilderPart, Dictionary> & Packed;
  attributes: string | null;
}

export function partToWire(p: EventsPart): WirePart {
  return { ...p, rows: { ...p.rows, ...pack(p.rows) }, attributes: p.attributes ? JSON.stringify(p.attributes) : null };
}

export function partFromWire(p: WirePart): EventsPart {
  return {
    ...p,
    rows: { ...p.rows, ...unpack(p.rows) },
    // JSON writes a missing price (NaN) as null: it comes back as NaN, not as a price of 0.
    attributes: p.attributes
      ? (JSON.parse(p.attributes, (k, v) => (k === 'price' && v === null ? NaN : v)) as (Attributes | null)[])
      : null,
  };
}

export function partWireBuffers(p: WirePart): ArrayBuffer[] {
  const arrays: ArrayBufferView[] = [...EVENT_COLUMN_NAMES.map((c) => p.rows[c]), ...packedBuffers(p.rows)];
  return arrays.map((a) => a.buffer as ArrayBuffer);
}
