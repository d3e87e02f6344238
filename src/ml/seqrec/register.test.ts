// The registry entries build sequence models that reload from their exported state, as CLI checkpoints do.
import { beforeAll, expect, it } from 'vitest';
import { createModel } from '../../rec/registry';
import { initBackend } from '../backend';

beforeAll(async () => {
  await initBackend('wasm');
});

it.each(['sasrec', 'bert4rec'])('%s: registry → fit → exportState → registry(settings) → importState scores the same', async (name) => {
  const offsets = Uint32Array.of(0, 4, 8, 12);
  const items = Int32Array.of(0, 1, 2, 3, 1, 2, 3, 4, 2, 3, 4, 5);
  const model = await createModel(name, { hidden: 8, layers: 1, heads: 1, intermediate: 16, maxEpochs: 2, batchSize: 2 });
  await model.fit({ numUsers: 3, numItems: 6, sequences: { offsets, items } }, { seed: 1 });
  const state = await model.exportState();
  const again = await createModel(name, state.settings);
  again.importState(state);
  const batch = { users: Int32Array.of(0, -1), histories: [Int32Array.of(0, 1), Int32Array.of(3)] };
  expect(Array.from(await again.scoreUsers(batch))).toEqual(Array.from(await model.scoreUsers(batch)));
  model.dispose?.();
  again.dispose?.();
});
