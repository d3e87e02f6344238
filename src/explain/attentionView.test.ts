// The attention views' data on hand-made maps: positions without padding (sasrec reads at its newest event, bert4rec at
// [MASK]), a head or the head mean, the last-N window with attention to earlier columns summed, and the rollout strip.
import { describe, expect, it } from 'vitest';
import { attentionPositions, attentionWindow, headMatrix, rolloutStrip } from './attentionView';
import type { AttentionMaps } from './types';

// Query rows of a 4-column map; column 0 is padding (left-padded window).
const A = [
  [1, 0, 0, 0],
  [0.5, 0.5, 0, 0],
  [0.05, 0.15, 0.8, 0],
  [0.1, 0.2, 0.3, 0.4],
];
const maps = (over: Partial<AttentionMaps> = {}): AttentionMaps => ({
  layers: [Float32Array.from(A.flat())],
  heads: 1,
  len: 4,
  readColumn: 3,
  // Three events in columns 1–3 (sasrec: the newest event is read).
  columnOf: Int32Array.of(1, 2, 3),
  score: 0,
  ...over,
});
const close = (got: ArrayLike<number>, want: number[]) => want.forEach((v, i) => expect(got[i]).toBeCloseTo(v, 6));

describe('attentionPositions', () => {
  it('keeps event columns and the read column, not padding', () => {
    expect(attentionPositions(maps())).toEqual([
      { column: 1, event: 0, read: false },
      { column: 2, event: 1, read: false },
      { column: 3, event: 2, read: true },
    ]);
  });

  it('shows [MASK] as a read position without an event, and events outside the window not at all', () => {
    expect(attentionPositions(maps({ columnOf: Int32Array.of(-1, 1, 2) }))).toEqual([
      { column: 1, event: 1, read: false },
      { column: 2, event: 2, read: false },
      { column: 3, event: null, read: true },
    ]);
  });
});

describe('headMatrix', () => {
  const two = maps({ len: 2, heads: 2, layers: [Float32Array.of(1, 0, 0.2, 0.8, 1, 0, 0.6, 0.4)] });
  it('reads one head or averages the heads', () => {
    close(headMatrix(two, 0, 1), [1, 0, 0.6, 0.4]);
    close(headMatrix(two, 0, 'mean'), [1, 0, 0.4, 0.6]);
  });
  it('refuses a layer or head that does not exist', () => {
    expect(() => headMatrix(two, 1, 0)).toThrow('layer 2 of 1');
    expect(() => headMatrix(two, 0, 2)).toThrow('head 3 of 2');
  });
});

describe('attentionWindow', () => {
  const positions = attentionPositions(maps());
  it('shows the last N positions and sums what each row gives to columns before them', () => {
    const w = attentionWindow(A.flat(), 4, positions, 2);
    expect(w.positions.map((p) => p.column)).toEqual([2, 3]);
    expect(w.values).toEqual([
      [0.8, 0],
      [0.3, 0.4],
    ]);
    close(w.earlier, [0.2, 0.3]);
    expect(w.hidden).toBe(1);
  });
  it('shows every position when N is large (padding still counted as earlier), and at least one when N < 1', () => {
    const all = attentionWindow(A.flat(), 4, positions, 50);
    expect(all.positions).toHaveLength(3);
    close(all.earlier, [0.5, 0.05, 0.1]);
    expect(all.hidden).toBe(0);
    expect(attentionWindow(A.flat(), 4, positions, 0).positions.map((p) => p.column)).toEqual([3]);
  });
});

describe('rolloutStrip', () => {
  it('is the read row of 0.5·A + 0.5·I over the window, the rest summed as earlier', () => {
    // Read row: 0.5·[.1, .2, .3, .4] + [0, 0, 0, .5] = [.05, .1, .15, .7].
    const s = rolloutStrip(maps(), attentionPositions(maps()), 2);
    close(s.values, [0.15, 0.7]);
    expect(s.earlier).toBeCloseTo(0.15, 6);
    expect(s.hidden).toBe(1);
  });
});
