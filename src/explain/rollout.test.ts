// Attention rollout against a 2-layer, 2-head, 3-position case worked out by hand (Abnar & Zuidema 2020, eq. in §3):
// per layer Â = 0.5·mean_heads(A) + 0.5·I, rows renormalised, R = Â₂·Â₁ (the order matters for this case).
import { describe, expect, it } from 'vitest';
import { rolloutAttribution, rolloutMatrix } from './rollout';
import type { AttentionMaps } from './types';

/** Head-major [heads × len × len] from per-head row lists. */
const layer = (...heads: number[][][]) => Float32Array.from(heads.flat(2));

// Layer 1: two heads whose mean is [[1,0,0],[.5,.5,0],[.2,.2,.6]], so Â₁ = [[1,0,0],[.25,.75,0],[.1,.1,.8]].
const L1 = layer(
  [
    [1, 0, 0],
    [1, 0, 0],
    [0, 0.4, 0.6],
  ],
  [
    [1, 0, 0],
    [0, 1, 0],
    [0.4, 0, 0.6],
  ],
);
// Layer 2: both heads [[1,0,0],[1,0,0],[0,1,0]], so Â₂ = [[1,0,0],[.5,.5,0],[0,.5,.5]].
const headL2 = [
  [1, 0, 0],
  [1, 0, 0],
  [0, 1, 0],
];
const L2 = layer(headL2, headL2);
// R = Â₂·Â₁. Row 2 = 0.5·Â₁[1] + 0.5·Â₁[2] = [.175, .425, .4]; Â₁·Â₂ would give [.15, .45, .4] instead.
const R = [
  [1, 0, 0],
  [0.625, 0.375, 0],
  [0.175, 0.425, 0.4],
];

describe('rolloutMatrix', () => {
  it('averages heads, adds the residual, and multiplies later layers on the left', () => {
    const r = rolloutMatrix([L1, L2], 2, 3);
    R.flat().forEach((v, i) => expect(r[i]).toBeCloseTo(v, 6));
  });

  it('is the identity with no layers, and each row of R sums to 1', () => {
    expect(Array.from(rolloutMatrix([], 2, 2))).toEqual([1, 0, 0, 1]);
    const r = rolloutMatrix([L1, L2], 2, 3);
    for (let i = 0; i < 3; i++) expect(r[i * 3] + r[i * 3 + 1] + r[i * 3 + 2]).toBeCloseTo(1, 6);
  });
});

describe('rolloutAttribution', () => {
  const maps = (over: Partial<AttentionMaps>): AttentionMaps => ({
    layers: [L1, L2],
    heads: 2,
    len: 3,
    readColumn: 2,
    columnOf: Int32Array.of(-1, 0, 1, 2),
    score: 1,
    ...over,
  });

  it('reads the last row for events in the window (sasrec: the newest event is the read position); older events get 0', () => {
    const { values, readShare } = rolloutAttribution(maps({}));
    [0, 0.175, 0.425, 0.4].forEach((v, k) => expect(values[k]).toBeCloseTo(v, 6));
    expect(readShare).toBeCloseTo(0, 6);
  });

  it('leaves the [MASK] column its own share when the read position holds no event (bert4rec)', () => {
    const { values, readShare } = rolloutAttribution(maps({ columnOf: Int32Array.of(-1, 0, 1) }));
    [0, 0.175, 0.425].forEach((v, k) => expect(values[k]).toBeCloseTo(v, 6));
    expect(readShare).toBeCloseTo(0.4, 6);
  });

  it("sums an event's word pieces when columns map to events", () => {
    const { values, readShare } = rolloutAttribution(maps({ columnOf: Int32Array.of(0, 1), eventOfColumn: Int32Array.of(0, 0, -1) }));
    expect(values[0]).toBeCloseTo(0.6, 6);
    expect(values[1]).toBe(0);
    expect(readShare).toBeCloseTo(0.4, 6);
  });
});
