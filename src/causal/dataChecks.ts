// What a table must be for causal discovery, said the same way for PC and NOTEARS: too few rows is an error; columns
// that are (almost) linear functions of others are a warning naming them, since no graph can tell them apart.
import { correlationMatrix, solve } from '../lib/linalg';

/** |r| above this, or a share of variance below 1 − this², counts as collinear. */
export const COLLINEAR_R = 0.999;

/**
 * At least 10 rows, and 5 more than variables. PC tests a pair given up to d − 2 others, a test with n − d − 1
 * degrees of freedom; NOTEARS fits the covariance, which is singular for n ≤ d, so many graphs fit it equally. And
 * below 10 rows a correlation's standard error (≈ 1/√(n − 3)) is above 0.38: no edge would mean anything.
 */
export const minRows = (variables: number): number => Math.max(10, variables + 5);

/** The error for a table with too few rows, or null. */
export function tooFewRows(method: string, rows: number, variables: number): string | null {
  const min = minRows(variables);
  if (rows >= min) return null;
  return (
    `${method} needs at least ${min} rows for ${variables} variables (at least 10, and 5 more than the variables), ` +
    `but the data has ${rows}: with fewer, the correlations it works from cannot tell one graph from another`
  );
}

const fmt = (x: number) => x.toFixed(6);

/**
 * Warnings naming collinear columns: each pair with |r| > COLLINEAR_R, then each column the earlier ones explain
 * almost entirely (R² > COLLINEAR_R², a singular correlation matrix) though no single pair does, e.g. c = a + b.
 * Constant columns are left out (they have no correlation; the methods deal with them).
 */
export function collinearityWarnings(names: readonly string[], columns: readonly ArrayLike<number>[]): string[] {
  const varying = columns.map((_, j) => j).filter((j) => !isConstant(columns[j]));
  const cols = varying.map((j) => Float64Array.from(columns[j]));
  const r = correlationMatrix(cols);
  const name = (k: number) => JSON.stringify(names[varying[k]]);
  const warnings: string[] = [];
  const explained = new Set<number>();
  for (let a = 0; a < cols.length; a++) {
    for (let b = a + 1; b < cols.length; b++) {
      if (Math.abs(r[a][b]) <= COLLINEAR_R) continue;
      warnings.push(
        `${name(a)} and ${name(b)} are collinear (r = ${fmt(r[a][b])}): one is (almost) a linear function of the other, ` +
          'so the data cannot tell their edges apart; drop one of them',
      );
      explained.add(b);
    }
  }
  // Columns in order: each is regressed on the independent ones before it (their correlations only, so d ≲ 50 is cheap).
  const basis: number[] = [];
  for (let j = 0; j < cols.length; j++) {
    if (explained.has(j)) continue;
    if (basis.length) {
      const beta = solve(
        basis.map((a) => basis.map((b) => r[a][b])),
        basis.map((a) => r[a][j]),
      );
      const r2 = beta.reduce((s, bk, k) => s + bk * r[basis[k]][j], 0);
      if (r2 > COLLINEAR_R ** 2) {
        const top = Math.max(...beta.map(Math.abs));
        const parts = basis.filter((_, k) => Math.abs(beta[k]) >= 0.01 * top).map(name);
        warnings.push(
          `${name(j)} is (almost) a linear combination of ${parts.join(', ')} (R² = ${fmt(r2)}): the correlation matrix is singular, ` +
            'so the data cannot tell their edges apart; drop one of them',
        );
        continue;
      }
    }
    basis.push(j);
  }
  return warnings;
}

function isConstant(c: ArrayLike<number>): boolean {
  for (let i = 1; i < c.length; i++) if (c[i] !== c[0]) return false;
  return true;
}
