// A plain numeric table (one column per variable, header row of names) read with the shared CSV reader.
import { fail, ok, type Result } from '../lib/result';
import { openRows } from '../data/csv/load';
import type { ByteSource } from '../data/csv/source';
import { inferKind, type DataTable } from './table';

/**
 * Strict on purpose: a causal table with a silently dropped row or a non-number read as 0 gives wrong effects,
 * so the first bad cell fails the whole file with its line and column.
 */
export async function parseNumericTable(source: ByteSource, signal?: AbortSignal): Promise<Result<DataTable>> {
  // Any format the events reader takes (CSV, CSV.gz, Parquet).
  const opened = await openRows(source);
  if (!opened.ok) return opened;
  const { shape, batches } = opened.data;
  if (!shape.header) return fail(`${shape.file}: a numeric table needs a header row of variable names`);
  const names = shape.header;
  const values: number[][] = names.map(() => []);
  const columns = names.map((_, j) => j);
  for await (const batch of batches(columns, signal)) {
    for (let r = 0; r < batch.count; r++) {
      // A row the reader rejected whole (unterminated quote, invalid UTF-8, an over-long line) fails the table with it.
      const problem = batch.problems.get(r);
      if (problem) return fail(`${shape.file}: line ${batch.lines[r]}, column ${problem.column}: ${problem.reason}`);
      if (batch.widths[r] !== names.length)
        return fail(`${shape.file}: line ${batch.lines[r]} has ${batch.widths[r]} fields, expected ${names.length}`);
      for (let j = 0; j < names.length; j++) {
        const cell = batch.cell(j, r).trim();
        const v = cell === '' ? NaN : Number(cell);
        if (!Number.isFinite(v))
          return fail(`${shape.file}: line ${batch.lines[r]}, column ${j + 1} ("${names[j]}"): "${cell}" is not a number`);
        values[j].push(v);
      }
    }
  }
  if (!values[0]?.length) return fail(`${shape.file} has a header but no rows`);
  const cols = values.map((v) => Float64Array.from(v));
  return ok({ names, columns: cols, kinds: cols.map((c) => inferKind(c)) });
}

/** A header that looks like an event log (user and item columns) rather than a variable table. */
export function looksLikeEventLog(header: readonly string[] | null): boolean {
  if (!header) return false;
  const h = header.map((x) => x.trim().toLowerCase());
  return (
    h.some((x) => /^(user|user_?id|uid|visitorid)$/.test(x)) && h.some((x) => /^(item|item_?id|iid|itemid|product_?id|movie_?id)$/.test(x))
  );
}
