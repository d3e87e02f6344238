// The two layout options models trained elsewhere need: positions counted from the window's start, and the output
// head (dense → gelu → LayerNorm) before the tied item product. Defaults keep today's layout.
import { beforeAll, describe, expect, it } from 'vitest';
import { loadDemo } from '../../data/demo';
import { leaveOneOutSplit, trainData } from '../../rec/split';
import { initBackend } from '../backend';
import { inferenceBatch, sasrecBatch } from './batch';
import { defaultConfig, resolveConfig } from './config';
import { checkpointLayout, createModel, disposeModel } from './model';
import { SeqRecommender } from './recommender';

beforeAll(async () => {
  await initBackend('cpu');
});

describe('positions', () => {
  const sas = { ...defaultConfig('sasrec', 9, [4]), maxLen: 3 };

  it("'end' (the default) counts back from the newest item; 'start' counts from the window's oldest", () => {
    expect(sas.positions).toBe('end');
    const rows = [{ items: [0, 1, 2, 3, 4] }, { items: [7, 8] }];
    // Row 1 is left-padded by one column; padding keeps position 0 (and mask 0) either way.
    expect(Array.from(sasrecBatch(rows, sas).arrays.pos)).toEqual([2, 1, 0, 0, 0, 0]);
    expect(Array.from(sasrecBatch(rows, { ...sas, positions: 'start' }).arrays.pos)).toEqual([0, 1, 2, 0, 0, 0]);
    const bert = { ...defaultConfig('bert4rec', 9, [4]), maxLen: 3, positions: 'start' as const };
    // bert4rec: the newest maxLen − 1 items, then [MASK] at the next position.
    const b = inferenceBatch([{ items: [0, 1, 2, 3] }, { items: [5] }], bert);
    expect(Array.from(b.ids)).toEqual([3, 4, 10, 0, 6, 10]);
    expect(Array.from(b.pos)).toEqual([0, 1, 2, 0, 0, 1]);
  });

  it('are checked like every other setting', () => {
    const base = defaultConfig('sasrec', 9, [4]);
    expect(resolveConfig(base, { positions: 'middle' as never })).toEqual({
      ok: false,
      reason: 'positions must be one of end, start (got "middle")',
    });
    expect(resolveConfig(base, { outputHead: 1 as never })).toEqual({ ok: false, reason: 'outputHead must be true or false (got 1)' });
    // --params gives strings.
    const r = resolveConfig(base, { outputHead: 'true' as never });
    expect(r.ok && r.data.outputHead).toBe(true);
  });
});

describe('outputHead', () => {
  it('scores items against LayerNorm(gelu(dense · h)): a hand-computed case', async () => {
    // hidden 2. The dense has zero weight and bias [1, −1], so whatever the encoder says the transform's input is
    // [1, −1]: gelu gives [0.841345, −0.158655] (mean 0.341345, variance 0.25), LayerNorm [1, −1], and with weight
    // [2, 3] and bias [0.5, 0] the head's output is [2.5, −3]. Item i's score is then 2.5·e_i0 − 3·e_i1 + bias_i.
    const config = { ...defaultConfig('bert4rec', 3, [4]), hidden: 2, heads: 1, layers: 1, intermediate: 4, maxLen: 4, outputHead: true };
    const f32 = (...v: number[]) => Float32Array.from(v);
    const tensors: Record<string, { shape: number[]; data: Float32Array }> = {
      'output.transform.dense.weight': { shape: [2, 2], data: f32(0, 0, 0, 0) },
      'output.transform.dense.bias': { shape: [2], data: f32(1, -1) },
      'output.transform.norm.weight': { shape: [2], data: f32(2, 3) },
      'output.transform.norm.bias': { shape: [2], data: f32(0.5, 0) },
      // rows: padding, items 0..2, [MASK]
      'embeddings.item': { shape: [5, 2], data: f32(0, 0, 1, 0, 0, 1, 2, 2, 0.3, -0.1) },
      'output.bias': { shape: [3], data: f32(0.25, 0, -1) },
    };
    const fresh = new SeqRecommender('bert4rec', {});
    // Every other tensor at a seeded random value (a fresh model's): the head hides them all.
    const m = createModel(config, 7);
    for (const [key, v] of m.named)
      if (!tensors[key]) tensors[key] = checkpointLayout(m, key, { shape: [...v.shape], data: (await v.data()) as Float32Array });
    disposeModel(m);
    fresh.importState({ settings: { ...config }, tensors });
    const scores = await fresh.scoreUsers({ users: Int32Array.of(0, 1), histories: [Int32Array.of(0, 2), Int32Array.of(1)] });
    const expected = [2.5 * 1 + 0.25, -3 * 1, 2.5 * 2 - 3 * 2 - 1];
    for (let r = 0; r < 2; r++) for (let i = 0; i < 3; i++) expect(scores[r * 3 + i]).toBeCloseTo(expected[i], 4);
    fresh.dispose();
  });

  it('trains and round-trips through the checkpoint state with positions start', async () => {
    const split = leaveOneOutSplit(loadDemo({ users: 30, items: 20, seed: 5 }).log);
    const settings = { hidden: 8, layers: 1, heads: 1, maxEpochs: 1, batchSize: 16, positions: 'start' as const, outputHead: true };
    const model = new SeqRecommender('bert4rec', settings);
    await model.fit(trainData(split), { seed: 3 });
    const state = await model.exportState();
    expect(
      Object.keys(state.tensors)
        .filter((k) => k.startsWith('output.transform'))
        .sort(),
    ).toEqual([
      'output.transform.dense.bias',
      'output.transform.dense.weight',
      'output.transform.norm.bias',
      'output.transform.norm.weight',
    ]);
    const again = new SeqRecommender('bert4rec', {});
    again.importState(state);
    const batch = { users: Int32Array.of(0), histories: [Int32Array.of(1, 2, 3)] };
    expect(Array.from(await again.scoreUsers(batch))).toEqual(Array.from(await model.scoreUsers(batch)));
    model.dispose();
    again.dispose();
  });
});
