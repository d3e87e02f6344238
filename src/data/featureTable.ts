// Side features of users or items (users.csv, items.csv): the first column is the id, every other column becomes
// numbers a model can read — one-hot for categories, standardised for numeric columns with many values. Text columns
// (a level for almost every row, such as titles) are skipped and named, never interpreted.
import Papa from 'papaparse';
import { fail, ok, type Result } from '../lib/result';

export interface FeatureTable {
  readonly ids: readonly string[];
  /** One name per feature column: "gender=women", or the column name for a numeric one. */
  readonly names: readonly string[];
  /** Row-major, ids.length × names.length. */
  readonly data: Float32Array;
  /** Columns left out, with why. */
  readonly skipped: readonly string[];
}

/** A categorical column with more levels than this (or than half the rows) is treated as free text and skipped. */
export const MAX_LEVELS = 50;
/** A numeric column with more distinct values than this is a number, not a category. */
const NUMERIC_LEVELS = 10;

export function parseFeatureTable(text: string, file = 'features'): Result<FeatureTable> {
  const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { skipEmptyLines: true });
  const rows = parsed.data;
  if (rows.length < 2) return fail(`${file}: needs a header row and at least one row`);
  const header = rows[0].map((h) => h.trim());
  const body = rows.slice(1).filter((r) => r.length === header.length);
  if (body.length < rows.length - 1) return fail(`${file}: ${rows.length - 1 - body.length} rows do not have ${header.length} fields`);
  const ids = body.map((r) => r[0].trim());
  const names: string[] = [];
  const columns: Float32Array[] = [];
  const skipped: string[] = [];
  for (let c = 1; c < header.length; c++) {
    const values = body.map((r) => r[c].trim());
    const levels = [...new Set(values)].sort();
    const numbers = values.map((v) => (v === '' ? NaN : Number(v)));
    if (numbers.every(Number.isFinite) && levels.length > NUMERIC_LEVELS) {
      const mean = numbers.reduce((a, b) => a + b, 0) / numbers.length;
      const sd = Math.sqrt(numbers.reduce((a, b) => a + (b - mean) ** 2, 0) / numbers.length);
      names.push(header[c]);
      columns.push(Float32Array.from(numbers, (x) => (sd > 0 ? (x - mean) / sd : 0)));
    } else if (levels.length <= 1) {
      skipped.push(`${header[c]} (constant)`);
    } else if (levels.length > MAX_LEVELS || levels.length > body.length / 2) {
      skipped.push(`${header[c]} (${levels.length} distinct values: text, not a category)`);
    } else {
      for (const level of levels) {
        names.push(`${header[c]}=${level}`);
        columns.push(Float32Array.from(values, (v) => (v === level ? 1 : 0)));
      }
    }
  }
  const data = new Float32Array(ids.length * names.length);
  columns.forEach((col, k) => col.forEach((x, r) => (data[r * names.length + k] = x)));
  return ok({ ids, names, data, skipped });
}

/** The table's rows in the order of `ids` (a log's users or items); ids the table lacks get all-zero rows. */
export function alignFeatures(table: FeatureTable, ids: readonly string[]): { data: Float32Array; dim: number; missing: number } {
  const dim = table.names.length;
  const rowOf = new Map(table.ids.map((id, r) => [id, r]));
  const data = new Float32Array(ids.length * dim);
  let missing = 0;
  ids.forEach((id, k) => {
    const r = rowOf.get(id);
    if (r === undefined) missing++;
    else data.set(table.data.subarray(r * dim, (r + 1) * dim), k * dim);
  });
  return { data, dim, missing };
}

/** A propensity file: `user,item,propensity` rows (a header row first); every propensity a number in (0, 1]. */
export function parsePropensityTable(text: string, file = 'propensities'): Result<{ users: string[]; items: string[]; p: Float64Array }> {
  const rows = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { skipEmptyLines: true }).data;
  if (rows.length < 2 || rows[0].length < 3) return fail(`${file}: needs a header row and rows of user,item,propensity`);
  const body = rows.slice(1);
  const p = new Float64Array(body.length);
  for (let r = 0; r < body.length; r++) {
    const x = Number(body[r][2]);
    if (!(x > 0 && x <= 1)) return fail(`${file}: row ${r + 2}: propensity must be a number in (0, 1] (got ${JSON.stringify(body[r][2])})`);
    p[r] = x;
  }
  return ok({ users: body.map((r) => r[0].trim()), items: body.map((r) => r[1].trim()), p });
}
