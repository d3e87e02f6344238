import { describe, expect, it } from 'vitest';
import { loadDemo } from '../data/demo';
import { CHECKPOINT_FORMAT, decodeCheckpoint, encodeCheckpoint, type Checkpoint } from './checkpoint';
import { ItemKnnRecommender } from './models/itemKnn';
import { leaveOneOutSplit, trainData } from './split';

describe('checkpoint folder', () => {
  const { log } = loadDemo({ users: 60, seed: 2 });
  const split = leaveOneOutSplit(log);
  const model = new ItemKnnRecommender({ neighbours: 20 });
  model.fit(trainData(split), { seed: 1 });
  const ck: Checkpoint = {
    config: {
      format: CHECKPOINT_FORMAT, version: 1, model: 'itemknn', backend: 'js', settings: {}, seed: 1, trainSeconds: 0.1, createdAt: 'now',
      data: { source: 'demo', users: log.users.length, items: log.items.length, interactions: split.sequences.items.length },
      split: { kind: 'leave-one-out', events: null, targetEvents: null },
    },
    users: log.users, items: log.items, split, state: model.exportState(),
  };
  const files: Record<string, string | Uint8Array> = encodeCheckpoint(ck);

  it('decodes what it encodes', () => {
    const back = decodeCheckpoint((f) => files[f] ?? null);
    if (!back.ok) throw new Error(back.reason);
    expect(back.data.split).toEqual(split);
    expect(back.data.users).toEqual(log.users);
    expect(back.data.state.settings).toEqual(model.exportState().settings);
    const again = new ItemKnnRecommender(back.data.state.settings);
    again.importState(back.data.state);
    const q = { users: Int32Array.of(0), histories: [Int32Array.of(1, 2)] };
    expect(again.scoreUsers(q)).toEqual(model.scoreUsers(q));
  });

  it('reports missing files and inconsistent splits as reasons', () => {
    expect(decodeCheckpoint((f) => (f === 'split.json' ? null : files[f]))).toEqual({ ok: false, reason: 'checkpoint is missing split.json' });
    const bad: Record<string, string | Uint8Array> = { ...files, 'split.json': JSON.stringify({ ...JSON.parse(files['split.json'] as string), items: [] }) };
    expect(decodeCheckpoint((f) => bad[f] ?? null)).toMatchObject({ ok: false, reason: expect.stringMatching(/offsets do not match/) });
    const foreign: Record<string, string | Uint8Array> = { ...files, 'config.json': '{"format":"other"}' };
    expect(decodeCheckpoint((f) => foreign[f] ?? null)).toMatchObject({ ok: false, reason: expect.stringMatching(/not a reclens-checkpoint/) });
  });
});
