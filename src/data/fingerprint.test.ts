import { describe, expect, it } from 'vitest';
import { EventLogBuilder } from './eventLogBuilder';
import { logFingerprint } from './fingerprint';

function log(rows: [string, string, string, number][]) {
  const b = new EventLogBuilder();
  for (const [user, item, event, time] of rows) b.add({ user, item, event, time, value: NaN });
  return b.build();
}

const base: [string, string, string, number][] = [
  ['u1', 'a', 'view', 1],
  ['u1', 'b', 'purchase', 2],
  ['u2', 'a', 'view', 3],
];

describe('logFingerprint', () => {
  it('is a SHA-256 in hex, the same for the same events', async () => {
    const a = await logFingerprint(log(base));
    expect(a.algorithm).toBe('SHA-256');
    expect(a.hex).toMatch(/^[0-9a-f]{64}$/);
    expect((await logFingerprint(log(base))).hex).toBe(a.hex);
  });
  it('changes when one event changes: an item, a time, an event type', async () => {
    const a = (await logFingerprint(log(base))).hex;
    const changed = [
      [
        ['u1', 'a', 'view', 1],
        ['u1', 'c', 'purchase', 2],
        ['u2', 'a', 'view', 3],
      ],
      [
        ['u1', 'a', 'view', 1],
        ['u1', 'b', 'purchase', 2],
        ['u2', 'a', 'view', 4],
      ],
      [
        ['u1', 'a', 'view', 1],
        ['u1', 'b', 'cart', 2],
        ['u2', 'a', 'view', 3],
      ],
    ] as [string, string, string, number][][];
    const others = await Promise.all(changed.map(async (rows) => (await logFingerprint(log(rows))).hex));
    expect(new Set([a, ...others]).size).toBe(4);
  });
});
