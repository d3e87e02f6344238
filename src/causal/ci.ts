// Conditional-independence tests for PC: Fisher-z on partial correlations, G-test on contingency tables.
/*
 * Mixed data (a test that involves both discrete and continuous variables) uses Fisher-z on the raw codes: binary
 * variables as 0/1, categorical ones as their integer codes. That tests for zero partial correlation, i.e. linear
 * conditional independence — the right notion for the demo, whose equations are (clipped-)linear in counts and
 * 0/1 indicators — and it keeps every test on one scale of evidence. The G-test is used only when every variable
 * in the test is discrete and the table is well filled (≥ 5 rows per cell on average); otherwise Fisher-z again,
 * because a sparse G-test rejects nothing and would leave spurious edges.
 */
import { correlationMatrix, invert, type Matrix } from '../lib/linalg';
import { chiSquareSf, twoSidedP } from '../lib/stats';
import { isDiscrete, rowCount, type DataTable } from './table';

export type CiMethod = 'auto' | 'fisher-z' | 'g-test';

export interface CiResult {
  pValue: number;
  /** Partial correlation of the two variables given the set (always computed: it is the effect-size evidence). */
  partialCorrelation: number;
  test: 'fisher-z' | 'g-test';
}

export interface CiTester {
  readonly n: number;
  test(i: number, j: number, given: readonly number[]): CiResult;
}

export function partialCorrelation(r: Matrix, i: number, j: number, given: readonly number[]): number {
  if (!given.length) return r[i][j];
  const idx = [i, j, ...given];
  const p = invert(idx.map((a) => idx.map((b) => r[a][b])));
  const v = -p[0][1] / Math.sqrt(p[0][0] * p[1][1]);
  return Number.isFinite(v) ? Math.max(-1, Math.min(1, v)) : 0;
}

export function fisherZ(rho: number, n: number, k: number): number {
  const r = Math.max(-0.9999999, Math.min(0.9999999, rho));
  return 0.5 * Math.log((1 + r) / (1 - r)) * Math.sqrt(Math.max(n - k - 3, 1));
}

export function createCiTester(table: DataTable, method: CiMethod = 'auto', correlation?: Matrix): CiTester {
  const n = rowCount(table);
  const r = correlation ?? correlationMatrix(table.columns);
  const codes = table.columns.map((c, j) => (isDiscrete(table.kinds[j]) ? encode(c) : null));
  return {
    n,
    test(i, j, given) {
      const rho = partialCorrelation(r, i, j, given);
      const all = [i, j, ...given];
      if (method !== 'fisher-z' && all.every((v) => codes[v])) {
        const g = gTest(
          codes[i]!,
          codes[j]!,
          given.map((v) => codes[v]!),
          n,
        );
        if (g) return { pValue: g.pValue, partialCorrelation: rho, test: 'g-test' };
      }
      return { pValue: twoSidedP(fisherZ(rho, n, given.length)), partialCorrelation: rho, test: 'fisher-z' };
    },
  };
}

interface Codes {
  values: Int32Array;
  levels: number;
}

function encode(column: Float64Array): Codes {
  const map = new Map<number, number>();
  const values = new Int32Array(column.length);
  for (let i = 0; i < column.length; i++) {
    let c = map.get(column[i]);
    if (c === undefined) map.set(column[i], (c = map.size));
    values[i] = c;
  }
  return { values, levels: map.size };
}

/** G statistic stratified by the joint level of the conditioning set; null when the table is too sparse. */
export function gTest(x: Codes, y: Codes, given: Codes[], n: number): { pValue: number; statistic: number; df: number } | null {
  let strata = 1;
  for (const g of given) strata *= g.levels;
  const cells = strata * x.levels * y.levels;
  if (cells * 5 > n || cells > 1e6) return null;
  const nxyz = new Float64Array(cells);
  for (let r = 0; r < n; r++) {
    let s = 0;
    for (const g of given) s = s * g.levels + g.values[r];
    nxyz[(s * x.levels + x.values[r]) * y.levels + y.values[r]]++;
  }
  let stat = 0,
    df = 0;
  for (let s = 0; s < strata; s++) {
    const base = s * x.levels * y.levels;
    const nx = new Float64Array(x.levels),
      ny = new Float64Array(y.levels);
    let nz = 0;
    for (let a = 0; a < x.levels; a++)
      for (let b = 0; b < y.levels; b++) {
        const o = nxyz[base + a * y.levels + b];
        nx[a] += o;
        ny[b] += o;
        nz += o;
      }
    if (!nz) continue;
    for (let a = 0; a < x.levels; a++)
      for (let b = 0; b < y.levels; b++) {
        const o = nxyz[base + a * y.levels + b];
        if (o > 0) stat += 2 * o * Math.log((o * nz) / (nx[a] * ny[b]));
      }
    // Degrees of freedom from the levels seen in this stratum, as pcalg's disCItest adjusts for empty margins.
    const rx = nx.filter((v) => v > 0).length,
      ry = ny.filter((v) => v > 0).length;
    df += Math.max(0, (rx - 1) * (ry - 1));
  }
  if (df === 0) return { pValue: 1, statistic: stat, df };
  return { pValue: chiSquareSf(stat, df), statistic: stat, df };
}
