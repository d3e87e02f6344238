// Checkpoint folders: what is encoded decodes, and a folder whose files disagree with each other or with the
// checksums config.json records is refused with the reason (issue #16: items.json with extra, repeated or reordered
// ids had been accepted and every label was wrong).
import { describe, expect, it } from 'vitest';
import { loadDemo } from '../data/demo';
import { sha256Hex } from '../lib/sha256';
import { CHECKPOINT_FORMAT, decodeCheckpoint, encodeCheckpoint, type Checkpoint } from './checkpoint';
import { ItemKnnRecommender } from './models/itemKnn';
import { PopularityRecommender } from './models/popularity';
import { openCheckpoint } from './openCheckpoint';
import { leaveOneOutSplit, trainData } from './split';

type Files = Record<string, string | Uint8Array>;
const { log } = loadDemo({ users: 60, items: 100, seed: 2 });
const split = leaveOneOutSplit(log);

async function checkpointOf(model: ItemKnnRecommender | PopularityRecommender, name: string): Promise<Checkpoint> {
  model.fit(trainData(split), { seed: 1 });
  return {
    config: {
      format: CHECKPOINT_FORMAT,
      version: 1,
      model: name,
      backend: 'js',
      settings: {},
      seed: 1,
      trainSeconds: 0.1,
      createdAt: 'now',
      data: { source: 'demo', users: log.users.length, items: log.items.length, interactions: split.sequences.items.length },
      split: { kind: 'leave-one-out', events: null, targetEvents: null },
    },
    users: log.users,
    items: log.items,
    split,
    state: await model.exportState(),
  };
}

const model = new ItemKnnRecommender({ neighbours: 20 });
const files: Files = await encodeCheckpoint(await checkpointOf(model, 'itemknn'));
const pop: Files = await encodeCheckpoint(await checkpointOf(new PopularityRecommender(), 'pop'));
const reader = (f: Files) => (name: string) => f[name] ?? null;
const config = (f: Files) => JSON.parse(f['config.json'] as string);
/** The same folder as written before checksums were kept. */
const legacy = (f: Files): Files => {
  const { sha256: _, ...rest } = config(f);
  return { ...f, 'config.json': JSON.stringify(rest) };
};
const items = log.items;

describe('checkpoint folder', () => {
  it('decodes what it encodes, with a checksum of every file and nothing left unverified', async () => {
    const back = await decodeCheckpoint(reader(files));
    if (!back.ok) throw new Error(back.reason);
    expect(back.data.split).toEqual(split);
    expect(back.data.users).toEqual(log.users);
    expect(back.data.notes).toEqual([]);
    expect(back.data.state.settings).toEqual((await model.exportState()).settings);
    expect(config(files).sha256).toEqual({
      'users.json': await sha256Hex(files['users.json']),
      'items.json': await sha256Hex(files['items.json']),
      'split.json': await sha256Hex(files['split.json']),
      'model.safetensors': await sha256Hex(files['model.safetensors']),
    });
    const again = new ItemKnnRecommender(back.data.state.settings);
    again.importState(back.data.state);
    const q = { users: Int32Array.of(0), histories: [Int32Array.of(1, 2)] };
    expect(again.scoreUsers(q)).toEqual(model.scoreUsers(q));
  });

  it('reports missing files and inconsistent splits as reasons', async () => {
    expect(await decodeCheckpoint((f) => (f === 'split.json' ? null : files[f]))).toEqual({
      ok: false,
      reason: 'checkpoint is missing split.json',
    });
    const bad: Files = { ...files, 'split.json': JSON.stringify({ ...JSON.parse(files['split.json'] as string), items: [] }) };
    expect(await decodeCheckpoint(reader(bad))).toMatchObject({ ok: false, reason: expect.stringMatching(/offsets do not match/) });
    const foreign: Files = { ...files, 'config.json': '{"format":"other"}' };
    expect(await decodeCheckpoint(reader(foreign))).toMatchObject({ ok: false, reason: expect.stringMatching(/not a reclens-checkpoint/) });
  });

  it('refuses an items.json with 150 ids for a 100-item model, with or without checksums', async () => {
    const longer = [...items, ...Array.from({ length: 50 }, (_, i) => `extra${i}`)];
    for (const f of [pop, legacy(pop)]) {
      const r = await decodeCheckpoint(reader({ ...f, 'items.json': JSON.stringify(longer) }));
      expect(r).toEqual({
        ok: false,
        reason:
          'items.json lists 150 item ids, but config.json says the model was trained on 100 items: the ids do not belong to these weights',
      });
    }
  });

  it('refuses ids that repeat, naming them', async () => {
    const r = await decodeCheckpoint(reader({ ...legacy(pop), 'items.json': JSON.stringify(items.map(() => items[78])) }));
    expect(r).toEqual({
      ok: false,
      reason: `items.json repeats ids ("${items[78]}" ×100): each item must have one id, or results are labelled with the wrong items`,
    });
    const users = await decodeCheckpoint(
      reader({ ...pop, 'users.json': JSON.stringify(log.users.map((u, i) => (i === 5 ? log.users[4] : u))) }),
    );
    expect(users).toMatchObject({ ok: false, reason: expect.stringMatching(/^users\.json repeats ids \("u\w+" ×2\)/) });
  });

  it('refuses a reordered items.json by its checksum (the only thing that can tell it apart)', async () => {
    const reversed: Files = { ...pop, 'items.json': JSON.stringify([...items].reverse()) };
    expect(await decodeCheckpoint(reader(reversed))).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/^items\.json does not match the checksum config\.json records for it/),
    });
    // Swapped weights of another run, likewise.
    expect(await decodeCheckpoint(reader({ ...pop, 'model.safetensors': files['model.safetensors'] }))).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/^model\.safetensors does not match the checksum/),
    });
  });

  it('refuses a config whose checksums leave a file out or name a path outside the folder', async () => {
    const sums = config(pop).sha256;
    const without = { ...sums };
    delete without['items.json'];
    expect(await decodeCheckpoint(reader({ ...pop, 'config.json': JSON.stringify({ ...config(pop), sha256: without }) }))).toEqual({
      ok: false,
      reason: 'config.json records no checksum for items.json',
    });
    const outside = { ...pop, 'config.json': JSON.stringify({ ...config(pop), sha256: { ...sums, '../secret': 'ab' } }) };
    expect(await decodeCheckpoint(reader(outside))).toEqual({
      ok: false,
      reason: 'config.json: sha256 names an unexpected file "../secret"',
    });
  });

  it('keeps a "train for quality" record that is well formed, and drops a malformed one with a note (the weights still open)', async () => {
    const recipe = {
      kind: 'quality',
      plan: { mode: 'sasrec', eventsPerItem: 59.4, maxEpochs: 50, evalEvery: 1, minEpochs: 10, minPatience: 3 },
      tuning: {
        epochs: 24,
        bestEpoch: 12,
        bestValNdcg10: 0.11,
        stoppedBy: 'patience',
        curve: [{ epoch: 1, valNdcg10: 0.02 }],
        seconds: 30,
      },
      finalFit: { epochs: 12, seconds: 15, data: 'train + validation' },
    };
    const withRecipe = (r: unknown): Files => ({ ...pop, 'config.json': JSON.stringify({ ...config(pop), recipe: r }) });
    const good = await decodeCheckpoint(reader(withRecipe(recipe)));
    if (!good.ok) throw new Error(good.reason);
    expect(good.data.config.recipe).toEqual(recipe);
    expect(good.data.notes).toEqual([]);
    for (const bad of [
      { ...recipe, tuning: { ...recipe.tuning, bestValNdcg10: '<b>0.9</b>' } },
      { ...recipe, tuning: { ...recipe.tuning, curve: [{ epoch: -1, valNdcg10: 0.1 }] } },
      { ...recipe, plan: { ...recipe.plan, mode: 'ease' } },
      { ...recipe, finalFit: null },
      'quality',
    ]) {
      const r = await decodeCheckpoint(reader(withRecipe(bad)));
      if (!r.ok) throw new Error(r.reason);
      expect(r.data.config.recipe).toBeUndefined();
      expect(r.data.notes).toEqual([expect.stringMatching(/"train for quality" record is malformed and was ignored/)]);
    }
  });

  it('opens a checkpoint written before checksums, saying it could not be verified', async () => {
    const r = await decodeCheckpoint(reader(legacy(pop)));
    if (!r.ok) throw new Error(r.reason);
    expect(r.data.notes).toEqual([expect.stringMatching(/records no checksums .* could not be verified/)]);
  });

  it('refuses weights whose item count is not the vocabulary’s, even when the JSON files agree with each other', async () => {
    // An old (unverifiable) folder whose ids, config and split were redone for 150 items around 100-item weights.
    const longer = [...items, ...Array.from({ length: 50 }, (_, i) => `extra${i}`)];
    const f: Files = {
      ...legacy(pop),
      'items.json': JSON.stringify(longer),
      'config.json': JSON.stringify({ ...JSON.parse(legacy(pop)['config.json'] as string), data: { ...config(pop).data, items: 150 } }),
    };
    expect((await decodeCheckpoint(reader(f))).ok).toBe(true);
    expect(await openCheckpoint(reader(f))).toEqual({
      ok: false,
      reason: 'the model scores 100 items, but items.json lists 150 item ids: the ids do not belong to these weights',
    });
    const opened = await openCheckpoint(reader(pop));
    expect(opened.ok && opened.data.model.name).toBe('pop');
  });
});
