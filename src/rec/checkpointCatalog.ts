// The item catalog a model was trained with (`train --items`), kept in its checkpoint as catalog.json so explanations
// that read item attributes (knowledge paths) need no second file. Optional: older checkpoints have none.
import type { ItemCatalog } from '../data/eventLog';
import { fail, ok, type Result } from '../lib/result';

export const CATALOG_FILE = 'catalog.json';

/** Columns as arrays; unknown prices (NaN) as null, since JSON has no NaN. */
export function encodeCatalog(c: ItemCatalog): string {
  return JSON.stringify({
    ids: c.ids,
    title: c.title,
    description: c.description,
    category: c.category,
    ...(c.brand ? { brand: c.brand } : {}),
    price: Array.from(c.price, (p) => (Number.isFinite(p) ? p : null)),
  });
}

const strings = (x: unknown, n: number): x is string[] => Array.isArray(x) && x.length === n && x.every((v) => typeof v === 'string');

/** Every column must be there, of the ids' length and of the right type: a file from anywhere is checked like the rest. */
export function decodeCatalog(raw: string | Uint8Array): Result<ItemCatalog> {
  let j: Record<string, unknown>;
  try {
    j = JSON.parse(typeof raw === 'string' ? raw : new TextDecoder().decode(raw)) as Record<string, unknown>;
  } catch (e) {
    return fail(`${CATALOG_FILE} is not valid JSON (${(e as Error).message})`);
  }
  const ids = j?.ids;
  if (!Array.isArray(ids) || !strings(ids, ids.length)) return fail(`${CATALOG_FILE}: ids must be an array of strings`);
  const n = ids.length;
  const { title, description, category, brand, price } = j;
  if (!strings(title, n) || !strings(description, n) || !strings(category, n) || (brand !== undefined && !strings(brand, n)))
    return fail(`${CATALOG_FILE}: title, description, category (and brand, when present) must be ${n} strings each`);
  if (!Array.isArray(price) || price.length !== n || price.some((p) => p !== null && typeof p !== 'number'))
    return fail(`${CATALOG_FILE}: price must hold ${n} numbers or nulls`);
  return ok({
    ids,
    title,
    description,
    category,
    ...(brand !== undefined ? { brand: brand as string[] } : {}),
    price: Float64Array.from(price as (number | null)[], (p) => (p === null ? NaN : p)),
  });
}
