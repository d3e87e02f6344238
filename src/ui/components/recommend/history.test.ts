import { describe, expect, it } from 'vitest';
import { compareLists, userHistory } from './history';
import { loadDemo } from '../../../data/demo';

describe('recommend view helpers', () => {
  it('marks new, up, down and dropped items between two lists', () => {
    const { moves, dropped } = compareLists([1, 2, 3, 4], [2, 1, 5, 3]);
    expect(moves).toEqual([{ kind: 'up', by: 1 }, { kind: 'down', by: 1 }, { kind: 'new' }, { kind: 'down', by: 1 }]);
    expect(dropped).toEqual([4]);
  });
  it('a history is time-ordered and leaves exposures out', () => {
    const { log } = loadDemo({ users: 30, seed: 5 });
    for (let u = 0; u < log.users.length; u++) {
      const h = userHistory(log, u);
      expect(h.every((e) => e.type !== 'exposure')).toBe(true);
      expect(h.every((e, i) => i === 0 || h[i - 1].time <= e.time)).toBe(true);
    }
  });
});
