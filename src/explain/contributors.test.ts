// Top contributors and heatmap columns on hand-computed attributions.
import { describe, expect, it } from 'vitest';
import { clampTopN, groupEvents, groupSums, heatmapColumns, topContributors, windowFor, windowKey } from './contributors';

const each = (n: number) =>
  groupEvents(
    Array.from({ length: n }, (_, k) => k),
    String,
  );

describe('groupEvents', () => {
  it('one group per key, in order of first event, every position once', () => {
    const items = [7, 3, 7, 5, 3];
    const g = groupEvents([4, 0, 1, 2, 3], (k) => String(items[k]));
    expect(g).toEqual([
      { key: '7', events: [0, 2] },
      { key: '3', events: [1, 4] },
      { key: '5', events: [3] },
    ]);
    expect(groupSums([1, 2, 3, 4, Number.NaN], g)).toEqual([4, 2, 4]);
  });
});

describe('topContributors', () => {
  it('keeps the n largest magnitudes, sorted from up to down, and sums the rest', () => {
    // |values|: 0.5, 0.1, 0.8 (down), 0.05, 0.3 → top 3 are events 2, 0, 4.
    const c = topContributors([0.5, 0.1, -0.8, 0.05, 0.3], each(5), 3);
    expect(c.top.map((t) => [t.group.events, t.value])).toEqual([
      [[0], 0.5],
      [[4], 0.3],
      [[2], -0.8],
    ]);
    expect(c.others?.groups).toBe(2);
    expect(c.others?.events).toBe(2);
    expect(c.others?.value).toBeCloseTo(0.15, 12);
  });

  it('grouping sums before ranking: two small events of one item beat one larger event', () => {
    const items = [1, 2, 1];
    const c = topContributors(
      [0.3, 0.4, 0.2],
      groupEvents([0, 1, 2], (k) => String(items[k])),
      1,
    );
    expect(c.top).toEqual([{ group: { key: '1', events: [0, 2] }, value: 0.5 }]);
    expect(c.others).toEqual({ groups: 1, events: 1, value: 0.4 });
  });

  it('no others when every group fits', () => {
    expect(topContributors([1, -1], each(2), 5).others).toBeNull();
  });
});

describe('heatmapColumns', () => {
  it('at most n + 1 columns, in time order, the last one summing the rest per row', () => {
    const rows = [
      [0.9, 0.1, 0, 0.2, 0],
      // A weak row: its own largest (event 4) counts as much as row 0's event 0.
      [0, 0.001, 0, 0, -0.002],
    ];
    const h = heatmapColumns(rows, each(5), 2);
    expect(h.columns.map((c) => c.events)).toEqual([[0], [4]]);
    expect(h.values[0]).toEqual([0.9, 0, expect.closeTo(0.3, 12)]);
    expect(h.values[1]).toEqual([0, -0.002, 0.001]);
    expect(h.others).toEqual({ groups: 3, events: 3 });
  });

  it('no others column when n covers every group', () => {
    const h = heatmapColumns([[1, 2]], each(2), 20);
    expect(h.values).toEqual([[1, 2]]);
    expect(h.others).toBeNull();
  });
});

describe('time windows and N', () => {
  it('window size follows the span; keys are UTC start dates', () => {
    expect(windowFor(5 * 86400)).toBe('day');
    expect(windowFor(60 * 86400)).toBe('week');
    expect(windowFor(400 * 86400)).toBe('month');
    // 1997-10-05 was a Sunday: its week starts Monday 1997-09-29.
    const t = Date.UTC(1997, 9, 5, 12) / 1000;
    expect(windowKey(t, 'day')).toBe('1997-10-05');
    expect(windowKey(t, 'week')).toBe('1997-09-29');
    expect(windowKey(t, 'month')).toBe('1997-10');
  });

  it('N is clamped into [1, 100]', () => {
    expect(clampTopN(0)).toBe(1);
    expect(clampTopN(1e9)).toBe(100);
    expect(clampTopN(Number.NaN)).toBe(20);
    expect(clampTopN(7.4)).toBe(7);
  });
});
