// The table every causal routine works on: one numeric column per variable, each typed continuous or discrete.
export type VariableKind = 'continuous' | 'binary' | 'categorical';

export interface DataTable {
  readonly names: readonly string[];
  /** columns[j][i]: variable j of row i. */
  readonly columns: readonly Float64Array[];
  readonly kinds: readonly VariableKind[];
}

export const rowCount = (t: DataTable): number => t.columns[0]?.length ?? 0;
export const isDiscrete = (k: VariableKind): boolean => k !== 'continuous';

/**
 * Kind from the values: 0/1 only → binary; few distinct non-negative integers (≤ maxLevels) → categorical only when
 * asked, since counts (views, clicks) are better treated as continuous by the linear tests; otherwise continuous.
 */
export function inferKind(values: ArrayLike<number>, maxLevels = 0): VariableKind {
  const levels = new Set<number>();
  let integers = true;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!Number.isInteger(v)) integers = false;
    if (levels.size <= Math.max(maxLevels, 2)) levels.add(v);
  }
  if (integers && levels.size <= 2 && [...levels].every((v) => v === 0 || v === 1)) return 'binary';
  if (integers && maxLevels > 2 && levels.size <= maxLevels) return 'categorical';
  return 'continuous';
}

export function makeTable(names: readonly string[], columns: readonly Float64Array[], kinds?: readonly VariableKind[]): DataTable {
  return { names, columns, kinds: kinds ?? columns.map((c) => inferKind(c)) };
}

/** The table restricted to some variables, in the given order; unknown names are reported, not skipped. */
export function selectVariables(t: DataTable, names: readonly string[]): { ok: true; data: DataTable } | { ok: false; reason: string } {
  const idx = names.map((n) => t.names.indexOf(n));
  const missing = names.filter((_, k) => idx[k] < 0);
  if (missing.length) return { ok: false, reason: `unknown variable(s) ${missing.join(', ')}; the table has ${t.names.join(', ')}` };
  return { ok: true, data: { names: [...names], columns: idx.map((j) => t.columns[j]), kinds: idx.map((j) => t.kinds[j]) } };
}

/** Rows picked by index (with repeats for a bootstrap resample). */
export function takeRows(t: DataTable, rows: ArrayLike<number>): DataTable {
  const columns = t.columns.map((c) => {
    const out = new Float64Array(rows.length);
    for (let i = 0; i < rows.length; i++) out[i] = c[rows[i]];
    return out;
  });
  return { names: t.names, columns, kinds: t.kinds };
}

export function withColumn(t: DataTable, name: string, values: Float64Array, kind: VariableKind = 'continuous'): DataTable {
  return { names: [...t.names, name], columns: [...t.columns, values], kinds: [...t.kinds, kind] };
}

export function column(t: DataTable, name: string): Float64Array {
  const j = t.names.indexOf(name);
  if (j < 0) throw new Error(`unknown variable ${name}`);
  return t.columns[j];
}
