import { describe, expect, it } from 'vitest';
import { createRng } from '../../lib/rng';
import { EDGES, VARIABLES, sampleExogenous, solve, type UserValues, type VariableName } from './causalModel';
import { simulateDemo } from './simulate';

const demo = simulateDemo();
const effect = demo.truth.effects['exposed->purchased'];

/** Fisher-z statistic of the partial correlation of x and y given z, from the sample covariance. */
function fisherZ(rows: readonly UserValues[], x: VariableName, y: VariableName, z: VariableName[]): number {
  const vars = [x, y, ...z];
  const n = rows.length;
  const mean = vars.map((v) => rows.reduce((s, r) => s + r[v], 0) / n);
  const cov = vars.map((a, i) => vars.map((b, j) => rows.reduce((s, r) => s + (r[a] - mean[i]) * (r[b] - mean[j]), 0) / n));
  const inv = invert(cov);
  const r = -inv[0][1] / Math.sqrt(inv[0][0] * inv[1][1]);
  return Math.atanh(r) * Math.sqrt(n - z.length - 3);
}

function invert(m: number[][]): number[][] {
  const k = m.length;
  const a = m.map((row, i) => [...row, ...row.map((_, j) => (i === j ? 1 : 0))]);
  for (let i = 0; i < k; i++) {
    let p = i;
    for (let r = i + 1; r < k; r++) if (Math.abs(a[r][i]) > Math.abs(a[p][i])) p = r;
    [a[i], a[p]] = [a[p], a[i]];
    const d = a[i][i];
    for (let c = 0; c < 2 * k; c++) a[i][c] /= d;
    for (let r = 0; r < k; r++) {
      if (r === i) continue;
      const f = a[r][i];
      for (let c = 0; c < 2 * k; c++) a[r][c] -= f * a[i][c];
    }
  }
  return a.map((row) => row.slice(k));
}

const subsets = <T>(xs: T[]): T[][] => xs.reduce<T[][]>((acc, x) => [...acc, ...acc.map((s) => [...s, x])], [[]]);

describe('the demo causal model', () => {
  it('exports the planted graph and variables under the causal feature names', () => {
    expect(Object.keys(demo.truth.variables)).toEqual(['sessions', 'exposed', 'views', 'clicks', 'carts', 'purchased']);
    expect(demo.truth.edges).toHaveLength(9);
    expect(demo.truth.edges).toContainEqual({ from: 'exposed', to: 'purchased' });
    for (const e of demo.truth.edges) expect(Object.keys(VARIABLES)).toContain(e.from);
  });

  it('plants a confounded effect: 0 < ATE < naive difference, naive clearly larger', () => {
    // Seed 42, 3000 users: ATE = 0.182, naive difference = 0.397 (≈ 2.2×).
    expect(effect.ate).toBeGreaterThan(0.1);
    expect(effect.ate).toBeLessThan(effect.naiveDifference);
    expect(effect.naiveDifference).toBeGreaterThan(1.5 * effect.ate);
  });

  it('lets adjustment for sessions recover the ATE', () => {
    // Stratify on sessions and weight strata by size: the back-door estimate, which the causal feature should match.
    const strata = new Map<number, number[]>();
    for (const v of demo.perUser) {
      const s = strata.get(v.sessions) ?? [0, 0, 0, 0];
      s[v.exposed * 2] += v.purchased;
      s[v.exposed * 2 + 1]++;
      strata.set(v.sessions, s);
    }
    let sum = 0;
    let weight = 0;
    for (const [buy0, n0, buy1, n1] of strata.values()) {
      if (!n0 || !n1) continue;
      sum += (n0 + n1) * (buy1 / n1 - buy0 / n0);
      weight += n0 + n1;
    }
    // Seed 42: the stratified estimate is 0.164 against ATE 0.182; the naive 0.397 is far outside the band.
    expect(Math.abs(sum / weight - effect.ate)).toBeLessThan(0.06);
  });

  it('couples potential outcomes: exposure never lowers any count for the same noise', () => {
    const rng = createRng(3);
    for (let i = 0; i < 2000; i++) {
      const u = sampleExogenous(rng);
      const [y0, y1] = [solve(u, 0), solve(u, 1)];
      for (const k of ['views', 'clicks', 'carts', 'purchased'] as const) expect(y1[k]).toBeGreaterThanOrEqual(y0[k]);
      expect(y0.sessions).toBe(y1.sessions);
    }
  });

  it('makes every planted edge detectable with a Fisher-z test, whatever is conditioned on', () => {
    // PC removes an edge if ANY conditioning set makes it look independent; seed 42's weakest is z ≈ 5.
    const names = Object.keys(VARIABLES) as VariableName[];
    for (const e of EDGES) {
      const others = names.filter((v) => v !== e.from && v !== e.to);
      const weakest = Math.min(...subsets(others).map((z) => Math.abs(fisherZ(demo.perUser, e.from, e.to, z))));
      expect(weakest, `${e.from}->${e.to}`).toBeGreaterThan(3.5);
    }
  });

  it('leaves non-adjacent pairs independent given their parents', () => {
    const parents = (v: VariableName) => EDGES.filter((e) => e.to === v).map((e) => e.from);
    const pairs: [VariableName, VariableName][] = [
      ['sessions', 'clicks'],
      ['views', 'carts'],
      ['clicks', 'purchased'],
      ['exposed', 'carts'],
    ];
    for (const [a, b] of pairs) {
      const z = [...new Set([...parents(a), ...parents(b)])].filter((v) => v !== a && v !== b);
      expect(Math.abs(fisherZ(demo.perUser, a, b, z)), `${a}-${b}`).toBeLessThan(3);
    }
  });
});
