// A sequence model's checkpoint is held to its vocabularies like any other (rec/openCheckpoint.ts): it reopens when
// they match, and is refused when split.json's event types or items.json's ids are not what the weights embed.
import { beforeAll, describe, expect, it } from 'vitest';
import { loadDemo } from '../../data/demo';
import { CHECKPOINT_FORMAT, CHECKPOINT_VERSION, encodeCheckpoint } from '../../rec/checkpoint';
import { openCheckpoint } from '../../rec/openCheckpoint';
import { leaveOneOutSplit, trainData } from '../../rec/split';
import { initBackend } from '../backend';
import { SeqRecommender } from './recommender';

type Files = Record<string, string | Uint8Array>;
const { log } = loadDemo({ users: 40, items: 30, seed: 9 });
const split = leaveOneOutSplit(log);
let files: Files;

beforeAll(async () => {
  await initBackend('cpu');
  const model = new SeqRecommender('sasrec', { hidden: 8, layers: 1, heads: 1, maxEpochs: 1, batchSize: 16 });
  await model.fit(trainData(split), { seed: 1 });
  files = await encodeCheckpoint({
    config: {
      format: CHECKPOINT_FORMAT,
      version: CHECKPOINT_VERSION,
      model: 'sasrec',
      backend: 'cpu',
      settings: {},
      seed: 1,
      trainSeconds: 0,
      createdAt: 'now',
      data: { source: 'demo', users: log.users.length, items: log.items.length, interactions: split.sequences.items.length },
      split: { kind: 'leave-one-out', events: null, targetEvents: null },
    },
    users: log.users,
    items: log.items,
    split,
    state: await model.exportState(),
  });
  model.dispose();
});

/** The folder as written before checksums, with `change` applied to one JSON file. */
function legacyWith(file: string, change: (json: Record<string, unknown>) => unknown): Files {
  const { sha256: _, ...config } = JSON.parse(files['config.json'] as string);
  const edited: Files = { ...files, 'config.json': JSON.stringify(config) };
  edited[file] = JSON.stringify(change(JSON.parse(edited[file] as string)));
  return edited;
}

describe('sequence model checkpoints', () => {
  it('reopen when the vocabularies are the weights’', async () => {
    const r = await openCheckpoint((f) => files[f] ?? null);
    if (!r.ok) throw new Error(r.reason);
    expect(r.data.model.name).toBe('sasrec');
    r.data.model.dispose?.();
  });

  it('are refused when split.json uses another number of event types than the weights embed', async () => {
    const types = split.numEventTypes!;
    const f = legacyWith('split.json', (s) => ({ ...s, numEventTypes: types + 1 }));
    expect(await openCheckpoint((name) => f[name] ?? null)).toEqual({
      ok: false,
      reason: `the model embeds ${types} event type(s), but split.json uses ${types + 1}: the split does not belong to these weights`,
    });
  });

  it('are refused when items.json (and config.json with it) claims more items than the output layer scores', async () => {
    const n = log.items.length;
    const more = legacyWith('items.json', (ids) => [...(ids as unknown as string[]), 'extra-1', 'extra-2']);
    const config = JSON.parse(more['config.json'] as string);
    more['config.json'] = JSON.stringify({ ...config, data: { ...config.data, items: n + 2 } });
    expect(await openCheckpoint((name) => more[name] ?? null)).toEqual({
      ok: false,
      reason: `the model scores ${n} items, but items.json lists ${n + 2} item ids: the ids do not belong to these weights`,
    });
  });
});
